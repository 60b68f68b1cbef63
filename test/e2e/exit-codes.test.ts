import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitTable } from '../../src/errors.js';
import { runStms } from '../support/run-stms.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { putJob, runOn } from './launch-support.js';
import { policyPackage } from './release-support.js';

/** The decided cases of the one exit-code table, command by command (src/errors.ts). */
describe('exit codes across commands', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
    await putJob(f, 'x_run', 'double', ['GZ_UAT', 'TJ_UAT']);
    await runOn(f.gz, 'x_run');
    await policyPackage(f, 'j1', 'double', ['GZ_UAT', 'TJ_UAT']);
  }, 60_000);
  afterAll(async () => {
    await f.close();
  });

  const PAIR = ['--clusters', 'GZ_UAT,TJ_UAT'];
  it.each([
    ['status', ['status', 'p1/x_run', ...PAIR]],
    ['check', ['check', 'p1/x_run', ...PAIR]],
    ['launch', ['launch', 'p1/x_run', ...PAIR, '--no-wait']],
    ['stop', ['stop', 'p1/x_run', ...PAIR]],
    ['snapshot', ['snapshot', 'p1/x_run', ...PAIR]],
    ['audit', ['audit', ...PAIR, '--project', 'p1']],
    ['plan', ['plan', 'j1.zip', ...PAIR]],
    ['release', ['release', 'j1.zip', ...PAIR]],
  ])('a rejected token is AUTH, exit 2: %s', async (_name, args) => {
    const run = await f.run([...args, '--json'], { STMS_TOKEN_TJ_UAT: 'not-the-token' });
    expect(run.json?.error).toMatchObject({ code: 'AUTH', message: expect.stringContaining('TJ_UAT') });
    // A release names the failed cluster in its message, and the server's words in the cluster's error.
    expect(JSON.stringify(run.json)).toContain('did not accept the login of Token-User hadoop');
    expect(run.exitCode).toBe(2);
    expect(f.leakedTokens(run.stdout + run.stderr)).toEqual([]);
  });

  it('plan --exit-code: 11 while a release would upload, 0 once nothing would change; without it 0', async () => {
    await policyPackage(f, 'j2', 'double', ['GZ_UAT', 'TJ_UAT']);
    const plan = ['plan', 'j2.zip', ...PAIR];
    const before = await f.run([...plan, '--exit-code', '--json']);
    expect(before.exitCode).toBe(11);
    expect(before.json).toMatchObject({ ok: true, wouldChange: true, clusters: { GZ_UAT: { outcome: 'would-upload' }, TJ_UAT: { outcome: 'would-upload' } } });
    expect(before.json).not.toHaveProperty('error');
    expect((await f.run(plan)).exitCode).toBe(0);
    expect((await f.run(['release', 'j2.zip', ...PAIR])).exitCode).toBe(0);
    const after = await f.run([...plan, '--exit-code', '--json']);
    expect(after.exitCode).toBe(0);
    expect(after.json).toMatchObject({ ok: true, wouldChange: false });
  });

  it('stms --help ends with the exit-code table', async () => {
    const help = await runStms(['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    for (const row of exitTable()) expect(help.stdout).toMatch(new RegExp(`^  ${row.exit} +${row.codes.length > 0 ? `${row.codes.join(', ')}: ` : ''}`, 'm'));
    expect(help.stdout).toContain('9   LOCAL_STATE: ');
    expect(help.stdout).toContain('11  PLAN_CHANGES: `plan --exit-code`');
  });
});
