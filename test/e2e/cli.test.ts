import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runStms } from '../support/run-stms.js';

describe('stms entry point', () => {
  it('prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const run = await runStms(['--version']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it('exits 2 with the help when no command is given', async () => {
    const run = await runStms([]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('Usage: stms');
  });

  it('exits 2 on an unknown option and names it', async () => {
    const run = await runStms(['validate', '--bogus']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("unknown option '--bogus'");
  });

  it('with --json prints exactly one JSON document on a usage error, wherever --json stands', async () => {
    for (const args of [['--json', 'validate', '--bogus'], ['validate', '--bogus', '--json']]) {
      const run = await runStms(args);
      expect(run.exitCode).toBe(2);
      expect(run.json).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    }
  });
});
