import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { calls, latestSourceOn, putJob } from './launch-support.js';

const PAIR = 'GZ_UAT,TJ_UAT';
const MD5_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const MD5_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

describe('stms check', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('finds a double job consistent and writes highAvailable true with what was compared to both clusters', async () => {
    await putJob(f, 'c_ok', 'double', ['GZ_UAT', 'TJ_UAT'], { md5: MD5_A });
    const before = calls(f, 'job/updateContent');
    const { exitCode, json, stderr } = await f.run(['check', 'p1/c_ok', '--clusters', PAIR, '--json']);
    expect(stderr).not.toContain('error');
    expect(exitCode).toBe(0);
    expect(json).toMatchObject({ ok: true, targets: ['GZ_UAT', 'TJ_UAT'], summary: { total: 1, ok: 1, failed: 0 } });
    const [job] = json.jobs;
    expect(job).toMatchObject({ project: 'p1', job: 'c_ok', policy: 'double', outcome: 'consistent', ok: true });
    expect(job.clusters.GZ_UAT).toMatchObject({ outcome: 'consistent', version: 'v00001', md5: MD5_A });
    expect(job.clusters.TJ_UAT).toMatchObject({ outcome: 'consistent', version: 'v00001', md5: MD5_A });
    expect(calls(f, 'job/updateContent') - before).toBe(2);
    for (const cluster of [f.gz, f.tj]) {
      expect(latestSourceOn(cluster, 'c_ok')).toMatchObject({
        isHighAvailable: true,
        highAvailableMessage: `一致性检查通过 / consistent: md5 ${MD5_A}, deployUser alexyang, pkgName p1_c_ok.zip are the same on GZ_UAT, TJ_UAT`,
        md5: MD5_A,
        token: 'streamis0.3.8',
      });
    }
    expect(f.leakedTokens(JSON.stringify(json) + stderr)).toEqual([]);
  });

  it('prints a table and the verdict for a person', async () => {
    await putJob(f, 'c_human', 'managerSlave', ['GZ_UAT', 'TJ_UAT']);
    const { exitCode, stdout } = await f.run(['check', 'p1/c_human', '--clusters', PAIR]);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/JOB\s+POLICY\s+GZ_UAT\s+TJ_UAT\s+RESULT/);
    expect(stdout).toMatch(/p1\/c_human\s+managerSlave\s+consistent\s+consistent\s+consistent/);
    expect(stdout).toContain('一致性检查通过 / consistent: md5 ');
  });

  it('exits 6 when md5 and deployUser differ, naming each value per cluster, and writes false to both', async () => {
    await putJob(f, 'c_md5', 'double', ['GZ_UAT', 'TJ_UAT'], { md5: { GZ_UAT: MD5_A, TJ_UAT: MD5_B }, deployUser: { GZ_UAT: 'alexyang', TJ_UAT: 'bob' } });
    const { exitCode, json, stderr } = await f.run(['check', 'p1/c_md5', '--clusters', PAIR, '--json']);
    expect(exitCode).toBe(6);
    const message = `一致性检查不通过 / inconsistent: md5 differs (GZ_UAT: ${MD5_A}, TJ_UAT: ${MD5_B}); deployUser differs (GZ_UAT: alexyang, TJ_UAT: bob)`;
    expect(json).toMatchObject({ ok: false, error: { code: 'CONSISTENCY', message: `p1/c_md5: ${message}` } });
    expect(json.jobs[0]).toMatchObject({ outcome: 'inconsistent', clusters: { GZ_UAT: { outcome: 'inconsistent', md5: MD5_A }, TJ_UAT: { outcome: 'inconsistent', md5: MD5_B } } });
    expect(stderr).toContain(`error: p1/c_md5: ${message}`);
    for (const cluster of [f.gz, f.tj]) expect(latestSourceOn(cluster, 'c_md5')).toMatchObject({ isHighAvailable: false, highAvailableMessage: message });
  });

  it('reports a job missing on a target cluster as missing, and writes false where it is', async () => {
    await putJob(f, 'c_missing', 'double', ['GZ_UAT']);
    const { exitCode, json } = await f.run(['check', 'p1/c_missing', '--clusters', PAIR, '--json']);
    expect(exitCode).toBe(6);
    expect(json.jobs[0]).toMatchObject({ outcome: 'missing', clusters: { GZ_UAT: { outcome: 'inconsistent' }, TJ_UAT: { outcome: 'missing' } } });
    expect(json.error.message).toContain('the job is missing on TJ_UAT: release it there first');
    expect(latestSourceOn(f.gz, 'c_missing')).toMatchObject({ isHighAvailable: false });
    expect(String(latestSourceOn(f.gz, 'c_missing')?.highAvailableMessage)).toContain('missing on TJ_UAT');
  });

  it('skips single-cluster policies without writing anything', async () => {
    await putJob(f, 'c_single', 'single', ['TJ_UAT']);
    await putJob(f, 'c_swb', 'singleWithBak', ['GZ_UAT', 'SH_DR']);
    const before = calls(f, 'job/updateContent');
    const single = await f.run(['check', 'p1/c_single', '--clusters', PAIR, '--json']);
    expect(single.exitCode, single.stderr).toBe(0);
    expect(single.json.jobs[0]).toMatchObject({ policy: 'single', outcome: 'skipped', clusters: { TJ_UAT: { outcome: 'skipped' }, GZ_UAT: { outcome: 'not-target' } } });
    const withBak = await f.run(['check', 'p1/c_swb', '--clusters', 'GZ_UAT,TJ_UAT,SH_DR', '--json']);
    expect(withBak.exitCode).toBe(0);
    expect(withBak.json.jobs[0]).toMatchObject({ outcome: 'skipped', clusters: { GZ_UAT: { outcome: 'skipped' }, SH_DR: { outcome: 'skipped' }, TJ_UAT: { outcome: 'not-target' } } });
    expect(calls(f, 'job/updateContent')).toBe(before);
  });

  it('compares the DR cluster of a …WithBak job when it is given', async () => {
    await putJob(f, 'c_dr', 'doubleWithBak', ['GZ_UAT', 'TJ_UAT', 'SH_DR'], { md5: { GZ_UAT: MD5_A, TJ_UAT: MD5_A, SH_DR: MD5_B } });
    const withDr = await f.run(['check', 'p1/c_dr', '--clusters', 'GZ_UAT,TJ_UAT,SH_DR', '--json']);
    expect(withDr.exitCode).toBe(6);
    expect(withDr.json.error.message).toContain(`md5 differs (GZ_UAT: ${MD5_A}, TJ_UAT: ${MD5_A}, SH_DR: ${MD5_B})`);
    expect(latestSourceOn(f.dr, 'c_dr')).toMatchObject({ isHighAvailable: false });
    const withoutDr = await f.run(['check', 'p1/c_dr', '--clusters', PAIR, '--json']);
    expect(withoutDr.exitCode).toBe(0);
    expect(Object.keys(withoutDr.json.jobs[0].clusters)).toEqual(['GZ_UAT', 'TJ_UAT']);
  });

  it('exits 6 when the clusters declare different policies', async () => {
    await putJob(f, 'c_policies', 'double', ['GZ_UAT']);
    await putJob(f, 'c_policies', 'double', ['TJ_UAT'], { declared: 'managerSlave' });
    const { exitCode, json } = await f.run(['check', 'p1/c_policies', '--clusters', PAIR, '--json']);
    expect(exitCode).toBe(6);
    expect(json.error.message).toBe('p1/c_policies declares different HA policies: double on GZ_UAT; managerSlave on TJ_UAT: release the same package to every cluster');
  });

  it('exits 4 for a policy Streamis does not know, and for clusters that do not fit the policy', async () => {
    await putJob(f, 'c_typo', 'double', ['GZ_UAT', 'TJ_UAT'], { declared: 'Double' });
    const typo = await f.run(['check', 'p1/c_typo', '--clusters', PAIR, '--json']);
    expect(typo.exitCode).toBe(4);
    expect(typo.json.error).toMatchObject({ code: 'HA_POLICY', message: expect.stringContaining('"Double", which Streamis does not know (did you mean double?)') });
    await putJob(f, 'c_one', 'double', ['GZ_UAT', 'TJ_UAT']);
    const one = await f.run(['check', 'p1/c_one', '--clusters', 'GZ_UAT']);
    expect(one.exitCode).toBe(4);
    expect(one.stderr).toContain('error: p1/c_one (double): double takes exactly two non-DR clusters that form a declared pair, got 1 (GZ_UAT)');
  });

  it('exits 6 for a job that is on none of the clusters', async () => {
    const { exitCode, stderr } = await f.run(['check', 'p1/nowhere', '--clusters', PAIR]);
    expect(exitCode).toBe(6);
    expect(stderr).toContain('error: p1/nowhere is not on any of GZ_UAT, TJ_UAT: release it first (stms release), or check the project and job names');
  });

  it('exits 5 when a cluster keeps answering 503, naming the cluster', async () => {
    await putJob(f, 'c_503', 'double', ['GZ_UAT', 'TJ_UAT']);
    f.tj.injectFault({ path: 'job/list', kind: 'error', status: 503, count: 3 });
    const { exitCode, json } = await f.run(['check', 'p1/c_503', '--clusters', PAIR, '--json']);
    expect(exitCode).toBe(5);
    expect(json.error).toMatchObject({ code: 'REMOTE', message: expect.stringMatching(/^TJ_UAT job\/list: HTTP 503 \(after 3 tries\)/) });
  });

  it('exits 5 with the server message when a cluster refuses to show the source of a flink.sql job', async () => {
    await putJob(f, 'c_noalert', 'double', ['GZ_UAT', 'TJ_UAT'], { alertUser: '' });
    const { exitCode, json } = await f.run(['check', 'p1/c_noalert', '--clusters', PAIR, '--json']);
    expect(exitCode).toBe(5);
    expect(json.error).toMatchObject({ code: 'REMOTE', message: expect.stringContaining('job/execute/inspect: The StreamJob alarm recipient is not configured') });
  });

  it.each([
    ['no job', ['check', '--clusters', PAIR], 'name a job as project/job, or pass --job-list'],
    ['no --clusters', ['check', 'p1/j1'], "required option '--clusters <A,B[,D]>' not specified"],
    ['an unknown cluster', ['check', 'p1/j1', '--clusters', 'GZ_UAT,XX'], 'unknown cluster XX in --clusters'],
    ['a bad job name', ['check', 'p1-j1', '--clusters', PAIR], '"p1-j1" is not a job: write it as project/job'],
    ['a job and a list', ['check', 'p1/j1', '--job-list', 'x', '--clusters', PAIR], 'give either a job (p1/j1) or --job-list, not both'],
  ])('exits 2 for %s', async (_what, args, message) => {
    const { exitCode, stderr } = await f.run(args);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(message);
  });
});
