import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { calls, putJob, runOn } from './launch-support.js';

const MD5_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const MD5_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

describe('stms status', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
    await putJob(f, 's_pair', 'double', ['GZ_UAT', 'TJ_UAT'], { md5: MD5_A });
    await putJob(f, 's_pair', 'double', ['GZ_UAT'], { md5: MD5_A });
    await runOn(f.gz, 's_pair');
    await putJob(f, 's_diff', 'doubleWithBak', ['GZ_UAT', 'TJ_UAT', 'SH_DR'], { md5: { GZ_UAT: MD5_A, TJ_UAT: MD5_B, SH_DR: MD5_A } });
    await putJob(f, 's_one', 'single', ['TJ_UAT'], { md5: MD5_B });
  });
  afterAll(async () => {
    await f.close();
  });

  it('reports per cluster the status name and code, latest version, md5, whether it matches, and the HA flag', async () => {
    const { exitCode, json, stderr } = await f.run(['status', 'p1/s_pair', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(exitCode).toBe(0);
    expect(json.jobs[0]).toMatchObject({ project: 'p1', job: 's_pair', policy: 'double', ok: true });
    expect(json.jobs[0].clusters.GZ_UAT).toMatchObject({ status: 'running', statusCode: 5, version: 'v00002', md5: MD5_A, md5Matches: true, highAvailable: true });
    expect(json.jobs[0].clusters.TJ_UAT).toMatchObject({ status: 'unstarted', statusCode: 0, version: 'v00001', md5: MD5_A, md5Matches: true, highAvailable: false });
    expect(f.leakedTokens(JSON.stringify(json) + stderr)).toEqual([]);
  });

  it('says where the md5 differs, and reads nothing but reads', async () => {
    const writes = () => ['job/updateContent', 'job/execute', 'job/stop', 'job/upload', 'job/snapshot'].map((e) => calls(f, e));
    const before = writes();
    const { exitCode, json } = await f.run(['status', 'p1/s_diff', '--clusters', 'GZ_UAT,TJ_UAT,SH_DR', '--json']);
    expect(exitCode).toBe(0);
    expect(json.jobs[0].clusters).toMatchObject({ GZ_UAT: { md5: MD5_A, md5Matches: false }, TJ_UAT: { md5: MD5_B, md5Matches: false }, SH_DR: { md5: MD5_A, md5Matches: false } });
    expect(writes()).toEqual(before);
  });

  it('shows a cluster without the job as missing', async () => {
    const { exitCode, json } = await f.run(['status', 'p1/s_one', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(exitCode).toBe(0);
    expect(json.jobs[0].clusters.GZ_UAT).toEqual({ outcome: 'missing', status: null, statusCode: null, version: null, md5: null, md5Matches: null, highAvailable: null });
    expect(json.jobs[0].clusters.TJ_UAT).toMatchObject({ md5: MD5_B, md5Matches: true, highAvailable: true });
  });

  it('prints a row per job and cluster for a person', async () => {
    const { exitCode, stdout } = await f.run(['status', 'p1/s_pair', '--clusters', 'GZ_UAT,TJ_UAT']);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/JOB\s+CLUSTER\s+POLICY\s+STATUS\s+VERSION\s+MD5\s+MD5 MATCH\s+HA/);
    expect(stdout).toMatch(new RegExp(`p1/s_pair\\s+GZ_UAT\\s+double\\s+running \\(5\\)\\s+v00002\\s+${MD5_A}\\s+yes\\s+yes`));
    expect(stdout).toMatch(new RegExp(`p1/s_pair\\s+TJ_UAT\\s+double\\s+unstarted \\(0\\)\\s+v00001\\s+${MD5_A}\\s+yes\\s+no`));
  });

  it('says when inspect refuses a job and reads the source of a flink.jar job from its content instead', async () => {
    await putJob(f, 's_noalert', 'single', ['GZ_UAT'], { alertUser: '', md5: MD5_A });
    const { exitCode, json } = await f.run(['status', 'p1/s_noalert', '--clusters', 'GZ_UAT', '--json']);
    expect(exitCode).toBe(0);
    expect(json.jobs[0].clusters.GZ_UAT).toMatchObject({ status: 'unstarted', md5: null, highAvailable: null, message: expect.stringContaining('inspect refused: GZ_UAT job/execute/inspect: The StreamJob alarm recipient is not configured') });
    await putJob(f, 's_jar', 'single', ['GZ_UAT'], { alertUser: '', md5: MD5_B, jobType: 'flink.jar' });
    const jar = await f.run(['status', 'p1/s_jar', '--clusters', 'GZ_UAT', '--json']);
    expect(jar.json.jobs[0].clusters.GZ_UAT).toMatchObject({ md5: MD5_B, highAvailable: true, message: expect.stringContaining('inspect refused') });
  });

  it('exits 6 for a job on none of the clusters, as check and launch do', async () => {
    const { exitCode, stderr } = await f.run(['status', 'p1/nowhere', '--clusters', 'GZ_UAT,TJ_UAT']);
    expect(exitCode).toBe(6);
    expect(stderr).toContain('error: p1/nowhere is not on any of GZ_UAT, TJ_UAT: check the project and job names');
  });

  it('exits 5 when a cluster cannot be reached, and still shows the others', async () => {
    f.gz.injectFault({ path: 'job/list', kind: 'drop', count: 3 });
    const { exitCode, json } = await f.run(['status', 'p1/s_pair', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(exitCode).toBe(5);
    expect(json.error.message).toMatch(/^GZ_UAT job\/list: /);
    expect(json.jobs[0]).toMatchObject({ outcome: 'failed', clusters: { GZ_UAT: { outcome: 'failed', status: null, message: expect.stringMatching(/^GZ_UAT job\/list: /) } } });
    // TJ_UAT answered: its row is there; whether its md5 matches GZ_UAT's is not known.
    expect(json.jobs[0].clusters.TJ_UAT).toMatchObject({ outcome: 'present', status: 'unstarted', statusCode: 0, version: 'v00001', md5: MD5_A, md5Matches: null });
  });
});
