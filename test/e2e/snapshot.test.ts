import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS } from '../../src/streamis/status-codes.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { putJob, runOn, statusOn } from './launch-support.js';

describe('stms snapshot', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('takes a savepoint on each cluster where the job runs and prints the path; the job keeps running', async () => {
    await putJob(f, 'n_run', 'managerSlave', ['GZ_UAT', 'TJ_UAT']);
    await runOn(f.gz, 'n_run');
    const { exitCode, json } = await f.run(['snapshot', 'p1/n_run', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(exitCode).toBe(0);
    expect(json.jobs[0]).toMatchObject({ outcome: 'snapshot', clusters: { GZ_UAT: { outcome: 'snapshot', path: expect.stringMatching(/^hdfs:\/\/\/flink\/savepoints\/p1\.n_run\/savepoint-/) }, TJ_UAT: { outcome: 'not-running' } } });
    expect(statusOn(f.gz, 'n_run')).toBe(STATUS.RUNNING);
    const human = await f.run(['snapshot', 'p1/n_run', '--clusters', 'GZ_UAT,TJ_UAT']);
    expect(human.stdout).toMatch(/^savepoint p1\/n_run on GZ_UAT: hdfs:\/\/\/flink\/savepoints\/p1\.n_run\/savepoint-/m);
  });

  it('exits 6 for a job on none of the clusters, as check and launch do', async () => {
    const { exitCode, json } = await f.run(['snapshot', 'p1/nowhere', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(exitCode).toBe(6);
    expect(json.error).toMatchObject({ code: 'CONSISTENCY', message: 'p1/nowhere is not on any of GZ_UAT, TJ_UAT: check the project and job names' });
  });

  it('exits 7 when the job runs nowhere: no savepoint was taken', async () => {
    await putJob(f, 'n_idle', 'single', ['GZ_UAT']);
    const { exitCode, stderr } = await f.run(['snapshot', 'p1/n_idle', '--clusters', 'GZ_UAT']);
    expect(exitCode).toBe(7);
    expect(stderr).toContain('error: p1/n_idle is not running on GZ_UAT: no savepoint was taken');
  });

  it('exits 7 with the server message when the savepoint fails', async () => {
    await putJob(f, 'n_starting', 'single', ['GZ_UAT']);
    f.gz.holdStarting('p1', 'n_starting', true);
    try {
      expect((await f.run(['launch', 'p1/n_starting', '--clusters', 'GZ_UAT', '--no-wait'])).exitCode).toBe(0);
      const { exitCode, json } = await f.run(['snapshot', 'p1/n_starting', '--clusters', 'GZ_UAT', '--json']);
      expect(exitCode).toBe(7);
      expect(json.jobs[0].clusters.GZ_UAT).toMatchObject({ outcome: 'failed', status: 'starting' });
      expect(json.error.message).toMatch(/^GZ_UAT job\/snapshot: Fail to trigger savepoint, the application \w+ is not running/);
    } finally {
      f.gz.holdStarting('p1', 'n_starting', false);
    }
  });
});
