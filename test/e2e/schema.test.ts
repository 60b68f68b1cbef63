import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runStms } from '../support/run-stms.js';

// The unit test snapshots the generated schemas; the binary must print exactly those.
const snapshot = (name: string) => JSON.parse(readFileSync(new URL(`../unit/meta/__snapshots__/${name}`, import.meta.url), 'utf8'));

describe('stms schema', () => {
  it('prints the meta.json schema by default, alone on stdout', async () => {
    const run = await runStms(['schema']);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(snapshot('meta.schema.json'));
    expect(run.stderr).toBe('');
  });

  it('with -q still prints the schema: it is the data asked for', async () => {
    const run = await runStms(['schema', 'meta', '-q']);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(snapshot('meta.schema.json'));
  });

  it('prints the config schema', async () => {
    const run = await runStms(['schema', 'config']);
    expect(run.exitCode).toBe(0);
    const schema = JSON.parse(run.stdout);
    expect(schema).toEqual(snapshot('config.schema.json'));
    expect(schema.properties.clusters).toBeDefined();
  });

  it('with --json puts the schema into the one result document', async () => {
    const run = await runStms(['--json', 'schema', 'meta']);
    expect(run.exitCode).toBe(0);
    expect(run.json).toEqual({ ok: true, kind: 'meta', schema: snapshot('meta.schema.json') });
  });

  it('refuses an unknown kind as a usage error', async () => {
    const run = await runStms(['schema', 'metajson']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('unknown schema kind "metajson": expected meta or config');
    const json = await runStms(['schema', 'bogus', '--json']);
    expect(json.exitCode).toBe(2);
    expect(json.json).toMatchObject({ ok: false, error: { code: 'USAGE' } });
  });

  it('refuses a second kind', async () => {
    const run = await runStms(['schema', 'meta', 'config']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('too many arguments');
  });

  it('shows an example in --help', async () => {
    const run = await runStms(['schema', '--help']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('$ stms schema > meta.schema.json');
  });
});
