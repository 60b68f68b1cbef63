import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STATUS } from '../../src/streamis/status-codes.js';
import type { SandboxClusterHandle } from '../../src/sandbox/index.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { clientFor } from '../streamis/helpers.js';
import { jobView, putJob, runOn, statusOn } from './launch-support.js';
import { CHECKPOINTS_ON, control, copied, sleep, STANDBY_CLUSTERS, SYNC_INTERVAL_MS } from './standby-support.js';
import { configOf } from './upgrade-support.js';

const MOVE = ['--from', 'GZ_UAT', '--to', 'TJ_UAT', '--stable', '0'];
const COPY = /^hdfs:\/\/\/backup\/flink-checkpoints\/managerSlave\/p1\//;

/** A passed consistency check on both clusters, as `stms check` writes it. */
async function markChecked(cluster: SandboxClusterHandle, job: string): Promise<void> {
  const client = clientFor(cluster);
  try {
    const view = jobView(cluster, job);
    await client.updateHighAvailable({ jobId: view?.id as number, version: view?.currentVersion as string, highAvailable: true, highAvailableMessage: 'checked by the test' });
  } finally {
    await client.close();
  }
}

describe('stms switchover: managerSlave jobs to the cluster that is now the manager', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture({ clusters: STANDBY_CLUSTERS, syncIntervalMs: SYNC_INTERVAL_MS });
  });
  afterEach(async () => {
    f.gz.setDown(false);
    f.gz.setWhetherManager(true);
    f.tj.setWhetherManager(false);
    await control(f.gz, 'sync', { paused: false });
  });
  afterAll(async () => {
    await f.close();
  });

  /** A managerSlave job running on GZ_UAT with its checkpoints copied to TJ_UAT. */
  async function runningOnGz(job: string): Promise<void> {
    await putJob(f, job, 'managerSlave', ['GZ_UAT', 'TJ_UAT'], { extraProduce: CHECKPOINTS_ON });
    await markChecked(f.tj, job);
    await runOn(f.gz, job);
    await copied(f.tj, job);
  }

  const flipManagers = () => {
    f.gz.setWhetherManager(false);
    f.tj.setWhetherManager(true);
  };

  it('planned: stops on the old manager with a savepoint, starts on the new one from the newest standby copy, configuration unchanged', async () => {
    await runningOnGz('so_plan');
    const before = await configOf(f.tj, 'so_plan');
    flipManagers();
    const run = await f.run(['switchover', 'p1/so_plan', ...MOVE, '--json']);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.exitCode).toBe(0);
    const job = run.json.jobs[0];
    expect(job).toMatchObject({ outcome: 'switched', from: 'GZ_UAT', to: 'TJ_UAT', ranOn: 'GZ_UAT', savepoint: expect.stringMatching(/^hdfs:\/\/\/flink\/savepoints\/p1\.so_plan\/savepoint-/) });
    expect(job.state).toMatchObject({ path: expect.stringMatching(COPY), from: 'standby-copy' });
    expect(job.state.ageSeconds).toBeLessThanOrEqual(5);
    expect(job.clusters).toMatchObject({ GZ_UAT: { outcome: 'stopped', savepoint: job.savepoint }, TJ_UAT: { outcome: 'running', restoredFrom: job.state.path } });

    expect(statusOn(f.gz, 'so_plan')).toBe(STATUS.STOPPED);
    expect(statusOn(f.tj, 'so_plan')).toBe(STATUS.RUNNING);
    expect(f.tj.tasks('p1', 'so_plan').at(-1)?.restoredFrom).toBe(job.state.path);
    // The state path went in for the start only.
    expect(await configOf(f.tj, 'so_plan')).toEqual(before);

    const journals = await readdir(path.join(f.stateDir, 'switchovers'));
    const journal = JSON.parse(await readFile(path.join(f.stateDir, 'switchovers', journals.at(-1) as string), 'utf8'));
    expect(journal).toMatchObject({ from: 'GZ_UAT', to: 'TJ_UAT', unplanned: false, jobs: { 'p1/so_plan': { outcome: 'switched', savepoint: job.savepoint, restoredFrom: job.state.path } } });
    expect(f.leakedTokens(run.stdout + run.stderr + JSON.stringify(journal))).toEqual([]);
  });

  it('the old manager down: refused without --unplanned (exit 5, nothing changed); with it, started from the copy without the old manager', async () => {
    await runningOnGz('so_down');
    flipManagers();
    f.gz.setDown(true);
    const executes = f.tj.callCount('job/execute');
    const refused = await f.run(['switchover', 'p1/so_down', ...MOVE, '--json']);
    expect(refused.exitCode).toBe(5);
    expect(refused.json.error.message).toMatch(/GZ_UAT does not answer .*does not prove that the Flink application .* stopped.*nothing was changed/);
    expect(statusOn(f.tj, 'so_down')).not.toBe(STATUS.RUNNING);
    expect(f.tj.callCount('job/execute')).toBe(executes);

    const reason = 'GZ IDC power loss, YARN confirmed down';
    const run = await f.run(['switchover', 'p1/so_down', ...MOVE, '--unplanned', '--reason', reason, '--json'], { STMS_CHANGE_ID: 'INC-2026-77' });
    expect(run.exitCode).toBe(0);
    expect(run.json.changeId).toBe('INC-2026-77');
    expect(run.stderr).toContain('GZ_UAT does not answer: an unplanned switchover');
    expect(run.json.jobs[0]).toMatchObject({ outcome: 'switched', unplanned: true, reason, ranOn: 'unknown', savepoint: null, clusters: { GZ_UAT: { outcome: 'unreachable' }, TJ_UAT: { outcome: 'running' } } });
    expect(run.json.jobs[0].state.path).toMatch(COPY);
    expect(statusOn(f.tj, 'so_down')).toBe(STATUS.RUNNING);
    const files = await readdir(path.join(f.stateDir, 'switchovers'));
    const texts = await Promise.all(files.map((name) => readFile(path.join(f.stateDir, 'switchovers', name), 'utf8')));
    expect(texts.some((t) => t.includes(reason) && t.includes('"unplanned": true') && t.includes('"changeId": "INC-2026-77"'))).toBe(true);
  });

  it('refuses before any change when the target is not the manager, naming what each cluster said (exit 4)', async () => {
    await runningOnGz('so_notmgr');
    const stops = f.gz.callCount('job/stop');
    const run = await f.run(['switchover', 'p1/so_notmgr', ...MOVE]);
    expect(run.exitCode).toBe(4);
    expect(run.stderr).toContain("TJ_UAT's getHAMsg says whetherManager=false");
    expect(run.stderr).toContain("GZ_UAT's getHAMsg says whetherManager=true");
    expect(run.stderr).toContain('nothing was changed');
    expect(statusOn(f.gz, 'so_notmgr')).toBe(STATUS.RUNNING);
    expect(f.gz.callCount('job/stop')).toBe(stops);
  });

  it('refuses a standby copy older than --max-age before stopping anything (exit 6); --accept-age starts from it', async () => {
    await runningOnGz('so_stale');
    await control(f.gz, 'sync', { paused: true });
    await sleep(3_000);
    flipManagers();
    const refused = await f.run(['switchover', 'p1/so_stale', ...MOVE, '--max-age', '2s', '--json']);
    expect(refused.exitCode).toBe(6);
    expect(refused.json.error.message).toMatch(/the newest usable standby copy .* old, more than --max-age 2s.*--accept-age.*nothing was changed/);
    expect(statusOn(f.gz, 'so_stale')).toBe(STATUS.RUNNING);

    const run = await f.run(['switchover', 'p1/so_stale', ...MOVE, '--max-age', '2s', '--accept-age', '--json']);
    expect(run.exitCode).toBe(0);
    expect(run.json.jobs[0].state.ageSeconds).toBeGreaterThanOrEqual(2);
    expect(statusOn(f.tj, 'so_stale')).toBe(STATUS.RUNNING);
  });

  it('refuses a job that is not managerSlave, and one with no standby copy, before any change', async () => {
    await putJob(f, 'so_double', 'double', ['GZ_UAT', 'TJ_UAT']);
    await putJob(f, 'so_nocopy', 'managerSlave', ['GZ_UAT', 'TJ_UAT'], { extraProduce: CHECKPOINTS_ON });
    flipManagers();
    const double = await f.run(['switchover', 'p1/so_double', ...MOVE]);
    expect(double.exitCode).toBe(4);
    expect(double.stderr).toContain('p1/so_double: its policy is double: a switchover moves managerSlave jobs only; nothing was changed');
    const nocopy = await f.run(['switchover', 'p1/so_nocopy', ...MOVE]);
    expect(nocopy.exitCode).toBe(6);
    expect(nocopy.stderr).toContain("TJ_UAT's standby copy holds no complete checkpoint or savepoint");
  });

  it.each([
    [['--unplanned'], /--unplanned needs --reason/],
    [['--reason', 'x'], /--reason goes with --unplanned/],
    [['--restore', 'latest'], /--restore latest: give an hdfs:\/\/ path/],
  ])('refuses %j as a usage error (exit 2)', async (flags, message) => {
    const run = await f.run(['switchover', 'p1/so_plan', ...MOVE, ...flags]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('refuses --from and --to naming the same cluster (exit 2)', async () => {
    const run = await f.run(['switchover', 'p1/so_plan', '--from', 'GZ_UAT', '--to', 'GZ_UAT']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('name two different clusters');
  });
});
