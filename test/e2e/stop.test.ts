import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS } from '../../src/streamis/status-codes.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { putJob, runOn, statusOn } from './launch-support.js';

const PAIR = 'GZ_UAT,TJ_UAT';
const SAVEPOINT = /^hdfs:\/\/\/flink\/savepoints\/p1\.\w+\/savepoint-[0-9a-f]+-[0-9a-f]+$/;

describe('stms stop', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  async function running(job: string, on: string[]): Promise<void> {
    await putJob(f, job, 'double', ['GZ_UAT', 'TJ_UAT']);
    for (const c of on) await runOn(f.clusters[c]!, job);
  }

  it('stops the job on every cluster where it runs, without a savepoint', async () => {
    await running('t_plain', ['GZ_UAT', 'TJ_UAT']);
    const { exitCode, json, stdout } = await f.run(['stop', 'p1/t_plain', '--clusters', PAIR, '--json']);
    expect(exitCode).toBe(0);
    expect(json.jobs[0]).toMatchObject({ outcome: 'stopped', clusters: { GZ_UAT: { outcome: 'stopped', path: null, status: 'stopped', statusCode: STATUS.STOPPED }, TJ_UAT: { outcome: 'stopped', path: null } } });
    expect(stdout).not.toContain('savepoint');
    expect([statusOn(f.gz, 't_plain'), statusOn(f.tj, 't_plain')]).toEqual([STATUS.STOPPED, STATUS.STOPPED]);
  });

  it('--snapshot takes a savepoint as it stops and prints the paths', async () => {
    await running('t_snap', ['GZ_UAT', 'TJ_UAT']);
    const { exitCode, json } = await f.run(['stop', 'p1/t_snap', '--clusters', PAIR, '--snapshot', '--json']);
    expect(exitCode).toBe(0);
    expect(json.jobs[0].clusters.GZ_UAT.path).toMatch(SAVEPOINT);
    expect(json.jobs[0].clusters.TJ_UAT.path).toMatch(SAVEPOINT);
    await running('t_snap_human', ['GZ_UAT']);
    const human = await f.run(['stop', 'p1/t_snap_human', '--clusters', PAIR, '--snapshot']);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toMatch(/savepoint p1\/t_snap_human on GZ_UAT: hdfs:\/\/\/flink\/savepoints\/p1\.t_snap_human\/savepoint-/);
    expect(human.stdout).toMatch(/p1\/t_snap_human\s+double\s+stopped\s+not-running\s+stopped/);
    // Each savepoint once in what a person sees (stdout and stderr together), not also in the progress line.
    const savepoint = /hdfs:\/\/\/flink\/savepoints\/p1\.t_snap_human\/savepoint-[^\s]*/.exec(human.stdout)?.[0] ?? 'none';
    expect(`${human.stdout}\n${human.stderr}`.split(savepoint).length - 1).toBe(1);
  });

  it('leaves a job that does not run alone (exit 0)', async () => {
    await running('t_idle', []);
    const before = f.gz.callCount('job/stop') + f.tj.callCount('job/stop');
    const { exitCode, json } = await f.run(['stop', 'p1/t_idle', '--clusters', PAIR, '--json']);
    expect(exitCode).toBe(0);
    expect(json.jobs[0]).toMatchObject({ outcome: 'not-running', message: 'p1/t_idle is not running on GZ_UAT, TJ_UAT' });
    expect(f.gz.callCount('job/stop') + f.tj.callCount('job/stop')).toBe(before);
  });

  it('exits 5 when the server fails a stop (as a failed upload does), and still stops it where it can', async () => {
    await running('t_fail', ['GZ_UAT', 'TJ_UAT']);
    f.tj.injectFault({ path: 'job/stop', kind: 'error', status: 503 });
    const { exitCode, json, stderr } = await f.run(['stop', 'p1/t_fail', '--clusters', PAIR, '--json']);
    expect(exitCode).toBe(5);
    expect(json.jobs[0].clusters).toMatchObject({ GZ_UAT: { outcome: 'stopped' }, TJ_UAT: { outcome: 'failed', message: expect.stringMatching(/^TJ_UAT job\/stop: HTTP 503/) } });
    expect(json.error.code).toBe('REMOTE');
    expect(statusOn(f.tj, 't_fail')).toBe(STATUS.RUNNING);
    expect(stderr).toContain('error: TJ_UAT job/stop: HTTP 503');
  });

  it('a cluster whose status cannot be read fails on its own (exit 5); the stop under way elsewhere is awaited and reported', async () => {
    await running('t_unread', ['GZ_UAT', 'TJ_UAT']);
    // GZ_UAT's stop is still under way when TJ_UAT has given up reading the status.
    f.gz.injectFault({ path: 'job/stop', kind: 'delay', delayMs: 1500 });
    f.tj.injectFault({ path: 'job/status', kind: 'error', status: 503, count: 3 });
    const { exitCode, json, stderr } = await f.run(['stop', 'p1/t_unread', '--clusters', PAIR, '--json']);
    expect(exitCode).toBe(5);
    expect(json.jobs[0]).toMatchObject({
      outcome: 'failed',
      clusters: { GZ_UAT: { outcome: 'stopped', statusCode: STATUS.STOPPED, status: 'stopped' }, TJ_UAT: { outcome: 'failed', message: expect.stringMatching(/^TJ_UAT job\/status: HTTP 503/) } },
    });
    expect(json.error).toMatchObject({ code: 'REMOTE', message: expect.stringContaining('(p1/t_unread was stopped on GZ_UAT)') });
    expect(stderr).toContain('error: TJ_UAT job/status: HTTP 503');
    expect([statusOn(f.gz, 't_unread'), statusOn(f.tj, 't_unread')]).toEqual([STATUS.STOPPED, STATUS.RUNNING]);
  });

  it('a cluster that cannot be reached does not keep the job running elsewhere: stopped where it could be, exit 5', async () => {
    await running('t_outage', ['GZ_UAT', 'TJ_UAT']);
    f.tj.injectFault({ path: 'job/list', kind: 'error', status: 502, count: 3 });
    const { exitCode, json } = await f.run(['stop', 'p1/t_outage', '--clusters', PAIR, '--json']);
    expect(exitCode).toBe(5);
    expect(json.jobs[0]).toMatchObject({ outcome: 'failed', clusters: { GZ_UAT: { outcome: 'stopped' }, TJ_UAT: { outcome: 'failed', message: expect.stringMatching(/^TJ_UAT job\/list: HTTP 502/) } } });
    expect(json.error).toMatchObject({ code: 'REMOTE', message: expect.stringContaining('(p1/t_outage was stopped on GZ_UAT)') });
    expect([statusOn(f.gz, 't_outage'), statusOn(f.tj, 't_outage')]).toEqual([STATUS.STOPPED, STATUS.RUNNING]);
  });

  it('exits 6 for a job on none of the clusters, as check and launch do', async () => {
    const { exitCode, json } = await f.run(['stop', 'p1/nowhere', '--clusters', PAIR, '--json']);
    expect(exitCode).toBe(6);
    expect(json.error).toMatchObject({ code: 'CONSISTENCY', message: `p1/nowhere is not on any of ${PAIR.replace(',', ', ')}: check the project and job names` });
  });
});
