import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretForms } from '../../src/util/redact.js';
import { FIXTURE_CLUSTERS, startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import type { StmsRun } from '../support/run-stms.js';
import { policyPackage } from './release-support.js';

/**
 * Tokens of awkward shapes, right and wrong, through the built binary: the gateway names a refused
 * token in its message, trimmed of the spaces around it (HTTP drops them), and the --json document
 * escapes its quotes and backslashes. No form of any token may reach stdout, stderr or `.stms/`.
 */

const PAIR = 'GZ_UAT,TJ_UAT';
// The sandbox's tokens; the config gives GZ_UAT's with spaces around, as a pasted value may be.
const RIGHT = { GZ_UAT: 'quo"te\\back-right-1', TJ_UAT: 'tökén-right-ü2' };
const WRONG = { GZ_UAT: '  spa ced"wr\\ong-1  ', TJ_UAT: 'wrön g-tökén-2' };

const COMMANDS: Array<[string, string[]]> = [
  ['check', ['check', 'p1/j1', '--clusters', PAIR]],
  ['launch', ['launch', 'p1/j1', '--clusters', PAIR, '--timeout', '10s']],
  ['status', ['status', 'p1/j1', '--clusters', PAIR]],
  ['audit', ['audit', '--clusters', PAIR, '--project', 'p1']],
  ['a job-list batch', ['check', '--job-list', 'list', '--clusters', PAIR]],
];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return Promise.all(entries.filter((e) => e.isFile()).map((e) => readFile(path.join(e.parentPath, e.name), 'utf8')));
}

/** Every form of every secret found in the texts (empty when they are clean). */
function leaks(texts: string[], secrets: string[]): string[] {
  const all = texts.join('\n');
  return secrets.flatMap((s) => secretForms(s)).filter((form) => all.includes(form));
}

describe('no token in any form, whatever its shape', () => {
  let f: SandboxFixture;
  const secrets = [...Object.values(RIGHT), ...Object.values(WRONG)];

  const useTokens = (tokens: Record<string, string>) =>
    f.editConfig((config) => {
      for (const [name, token] of Object.entries(tokens)) config.clusters[name].tokenCode = token;
    });

  async function scanned(run: StmsRun): Promise<string[]> {
    return leaks([run.stdout, run.stderr, ...(await filesUnder(f.stateDir))], secrets);
  }

  beforeAll(async () => {
    f = await startSandboxFixture({ clusters: FIXTURE_CLUSTERS.map((c) => (c.name in RIGHT ? { ...c, token: RIGHT[c.name as keyof typeof RIGHT] } : c)) });
    await useTokens({ GZ_UAT: `  ${RIGHT.GZ_UAT}  `, TJ_UAT: RIGHT.TJ_UAT });
    await policyPackage(f, 'j1', 'double', ['GZ_UAT', 'TJ_UAT']);
    await mkdir(path.join(f.dir, 'list'));
    await writeFile(path.join(f.dir, 'list', 'joblist.txt'), 'p1,j1\n');
    const released = await f.run(['release', 'j1.zip', '--clusters', PAIR, '--json']);
    expect(released.exitCode, released.stderr).toBe(0);
    expect(await scanned(released)).toEqual([]);
  }, 60_000);
  afterAll(async () => f?.close());

  describe.each([
    ['the right tokens', () => useTokens({ GZ_UAT: `  ${RIGHT.GZ_UAT}  `, TJ_UAT: RIGHT.TJ_UAT }), true],
    ['wrong tokens', () => useTokens(WRONG), false],
  ])('with %s', (_what, setUp, accepted) => {
    beforeAll(setUp);
    it.each(COMMANDS.flatMap(([name, args]) => [[`${name}`, args], [`${name} --json`, [...args, '--json']]] as Array<[string, string[]]>))('%s', async (_name, args) => {
      const run = await f.run(args);
      if (accepted) {
        expect(run.exitCode, run.stderr).toBe(0);
      } else {
        // The refusal was read, and the server's message (which names the token) was kept.
        expect(run.exitCode).not.toBe(0);
        expect(`${run.stdout}${run.stderr}`).toMatch(/did not accept the login|Token Authentication Failed, token: \*\*\*/);
      }
      expect(await scanned(run)).toEqual([]);
    });
  });
});

describe('a one-letter token', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture({ clusters: FIXTURE_CLUSTERS.map((c) => (c.name === 'GZ_UAT' ? { ...c, token: 't' } : c)) });
  }, 60_000);
  afterAll(async () => f?.close());

  it('does not spoil the answers: a release uploads, a job-list batch reads the job; the run is warned once, naming the cluster', async () => {
    await policyPackage(f, 'j1', 'single', ['GZ_UAT']);
    const released = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT', '--json']);
    expect(released.exitCode, released.stderr).toBe(0);
    expect(released.json.clusters.GZ_UAT.outcome).toBe('uploaded');
    expect(released.stderr.match(/the Token-Code of cluster GZ_UAT has fewer than 6 characters/g)).toHaveLength(1);

    await mkdir(path.join(f.dir, 'list'));
    await writeFile(path.join(f.dir, 'list', 'joblist.txt'), 'p1,j1\n');
    const batch = await f.run(['status', '--job-list', 'list', '--clusters', 'GZ_UAT', '--json']);
    expect(batch.exitCode, batch.stderr).toBe(0);
    expect(batch.stderr).not.toContain('not a Linkis message');
    expect(batch.stderr.match(/the Token-Code of cluster GZ_UAT has fewer than 6 characters/g)).toHaveLength(1);
  });

  it('a wrong one-letter token is cut out of the refusal by its place in the message', async () => {
    await f.editConfig((config) => {
      config.clusters.GZ_UAT.tokenCode = 'Q';
    });
    const run = await f.run(['status', 'p1/j1', '--clusters', 'GZ_UAT', '--json']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toContain('Token Authentication Failed, token: ***');
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/token: Q/);
  });
});
