import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { execa } from 'execa';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxClusterHandle } from '../../src/sandbox/index.js';
import { isRunning, STATUS } from '../../src/streamis/status-codes.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { clientFor, eventually } from '../streamis/helpers.js';
import { STMS_BIN } from '../support/run-stms.js';
import { jobView, statusOn } from './launch-support.js';
import { configOf, jobPackage, runningDouble } from './upgrade-support.js';

const SAVEPOINT_KEY = 'wds.linkis.flink.savepoint.path';
const PRODUCE = 'wds.linkis.flink.produce';
const PAIR = 'GZ_UAT,TJ_UAT';

async function inspectOf(cluster: SandboxClusterHandle, job: string) {
  const client = clientFor(cluster);
  try {
    return await client.inspect(jobView(cluster, job)?.id as number);
  } finally {
    await client.close();
  }
}

/** Samples both clusters' status every few ms until stopped: at no sample may the job be up nowhere. */
function watchPair(f: SandboxFixture, job: string) {
  const samples: Array<[number | null | undefined, number | null | undefined]> = [];
  let on = true;
  const loop = (async () => {
    while (on) {
      samples.push([statusOn(f.gz, job), statusOn(f.tj, job)]);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  return {
    async stop() {
      on = false;
      await loop;
      return samples;
    },
  };
}

const up = (code: number | null | undefined) => code !== null && code !== undefined && isRunning(code);

describe('stms upgrade: a double job, one cluster at a time', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('first upgrade starts it where it should run and does not (restoring what its configuration says)', async () => {
    const zip = await jobPackage(f, 'u_first', 'double', 'v1', ['GZ_UAT', 'TJ_UAT']);
    const { exitCode, json, stderr } = await f.run(['upgrade', path.basename(zip), '--clusters', PAIR, '--stable', '0', '--json']);
    expect(stderr).not.toMatch(/error/i);
    expect(exitCode).toBe(0);
    expect(json).toMatchObject({ ok: true, releaseId: expect.stringMatching(/^\d{8}-\d{6}-/), order: ['GZ_UAT', 'TJ_UAT'] });
    for (const c of ['GZ_UAT', 'TJ_UAT']) {
      expect(json.clusters[c]).toMatchObject({ release: { outcome: 'uploaded', version: 'v00001' }, action: 'start', versionBefore: null, versionAfter: 'v00001', savepoint: null, restoredFrom: null, status: 'running', stable: true });
    }
    expect(statusOn(f.gz, 'u_first')).toBe(STATUS.RUNNING);
    expect(statusOn(f.tj, 'u_first')).toBe(STATUS.RUNNING);
  });

  it('restarts each cluster from the savepoint its own stop produced, keeping one copy up at every moment, and leaves the configuration as it was', async () => {
    const job = 'u_roll';
    const v1 = await jobPackage(f, job, 'double', 'v1', ['GZ_UAT', 'TJ_UAT']);
    expect((await f.run(['upgrade', path.basename(v1), '--clusters', PAIR, '--stable', '0'])).exitCode).toBe(0);
    const before = { gz: await configOf(f.gz, job), tj: await configOf(f.tj, job) };

    // Each start is held for a moment at the server, long enough to look at what it will restore.
    const seen: Record<string, { config?: string | undefined; inspect?: string | null | undefined }> = {};
    for (const cluster of [f.gz, f.tj]) cluster.injectFault({ path: 'job/execute', kind: 'delay', delayMs: 700 });
    const look = (async () => {
      for (let i = 0; i < 400 && Object.keys(seen).length < 2; i++) {
        for (const cluster of [f.gz, f.tj]) {
          if (seen[cluster.name] || statusOn(cluster, job) !== STATUS.STOPPED) continue;
          const path = (await configOf(cluster, job))[PRODUCE]?.[SAVEPOINT_KEY];
          if (path) seen[cluster.name] = { config: path, inspect: (await inspectOf(cluster, job)).snapshot?.path };
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const pair = watchPair(f, job);
    const v2 = await jobPackage(f, job, 'double', 'v2', undefined);
    const { exitCode, json, stderr } = await f.run(['upgrade', path.basename(v2), '--clusters', PAIR, '--stable', '500ms', '--json']);
    const samples = await pair.stop();
    await look;

    expect(stderr).not.toMatch(/error/i);
    expect(exitCode).toBe(0);
    // Up on at least one cluster at every sample, and down on each at some point (it was restarted).
    expect(samples.length).toBeGreaterThan(20);
    expect(samples.filter(([gz, tj]) => !up(gz) && !up(tj))).toEqual([]);
    expect(samples.some(([gz]) => !up(gz))).toBe(true);
    expect(samples.some(([, tj]) => !up(tj))).toBe(true);

    for (const [c, handle] of [['GZ_UAT', f.gz], ['TJ_UAT', f.tj]] as const) {
      const record = json.clusters[c];
      expect(record).toMatchObject({ release: { outcome: 'uploaded', version: 'v00002' }, action: 'restart', versionBefore: 'v00001', versionAfter: 'v00002', status: 'running', stable: true });
      expect(record.savepoint).toMatch(new RegExp(`^hdfs:///flink/savepoints/p1\\.${job}/savepoint-`));
      expect(record.restoredFrom).toBe(record.savepoint);
      // What the server held while the start was under way: that very savepoint, in the config and in inspect.
      expect(seen[c]).toEqual({ config: record.savepoint, inspect: record.savepoint });
      expect(jobView(handle, job)?.currentVersion).toBe('v00002');
    }
    expect(json.clusters.GZ_UAT.savepoint).not.toBe(json.clusters.TJ_UAT.savepoint);
    // The configuration is what it was before (v2 carries the same jobConfig).
    expect(await configOf(f.gz, job)).toEqual(before.gz);
    expect(await configOf(f.tj, job)).toEqual(before.tj);
    expect(f.leakedTokens(JSON.stringify(json) + stderr)).toEqual([]);
  });
});

describe('stms upgrade: when a step fails', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
  });
  afterAll(async () => {
    await f.close();
  });


  it('a start that fails stops the rollout before the next cluster (exit 7); --resume finishes it from the savepoint already taken', async () => {
    const job = 'u_fail';
    const v2 = await runningDouble(f, job);
    f.gz.failNextStart('p1', job, 'TaskManager lost: boom');
    const first = await f.run(['upgrade', v2, '--clusters', PAIR, '--stable', '0', '--json']);
    expect(first.exitCode).toBe(7);
    expect(first.json.error).toMatchObject({ code: 'LAUNCH', message: expect.stringContaining('GZ_UAT: p1/u_fail ended failure instead of running: TaskManager lost: boom') });
    const releaseId = first.json.releaseId;
    expect(first.json.next).toEqual({ finish: `stms upgrade ${v2} --clusters GZ_UAT,TJ_UAT --resume ${releaseId}`, back: 'stms rollback p1/u_fail --clusters GZ_UAT,TJ_UAT' });
    expect(first.json.error.message).toContain(`finish with stms upgrade ${v2} --clusters GZ_UAT,TJ_UAT --resume ${releaseId}`);
    const gzSavepoint = first.json.clusters.GZ_UAT.savepoint;
    expect(gzSavepoint).toMatch(/^hdfs:\/\/\/flink\/savepoints\/p1\.u_fail\/savepoint-/);
    expect(first.json.clusters.GZ_UAT).toMatchObject({ versionBefore: 'v00001', restoredFrom: gzSavepoint, status: 'failure', stable: false });
    // TJ_UAT was not touched: it still runs v1, no savepoint taken there.
    expect(first.json.clusters.TJ_UAT).toMatchObject({ release: { outcome: 'uploaded', version: 'v00002' }, versionBefore: 'v00001', versionAfter: 'v00001', savepoint: null, status: 'running', stable: false });
    // GZ_UAT runs nothing now: its start failed.
    expect(first.json.clusters.GZ_UAT.versionAfter).toBeNull();
    expect(statusOn(f.tj, job)).toBe(STATUS.RUNNING);
    expect(statusOn(f.gz, job)).toBe(STATUS.FAILED);
    expect(jobView(f.tj, job)?.currentVersion).toBe('v00001');
    expect((await configOf(f.gz, job))[PRODUCE][SAVEPOINT_KEY]).toBeUndefined();

    const second = await f.run(['upgrade', v2, '--resume', releaseId, '--stable', '200ms', '--json']);
    expect(second.stderr).not.toMatch(/error/i);
    expect(second.exitCode).toBe(0);
    expect(second.json.releaseId).toBe(releaseId);
    expect(second.json.clusters.GZ_UAT).toMatchObject({ release: { outcome: 'skipped' }, savepoint: gzSavepoint, restoredFrom: gzSavepoint, versionAfter: 'v00002', status: 'running', stable: true });
    expect(second.json.clusters.TJ_UAT).toMatchObject({ versionBefore: 'v00001', versionAfter: 'v00002', status: 'running', stable: true });
    expect(second.json.clusters.TJ_UAT.restoredFrom).toBe(second.json.clusters.TJ_UAT.savepoint);
    expect(second.json.clusters.TJ_UAT.savepoint).not.toBe(gzSavepoint);
    expect(jobView(f.gz, job)?.currentVersion).toBe('v00002');
    expect(jobView(f.tj, job)?.currentVersion).toBe('v00002');
    for (const cluster of [f.gz, f.tj]) expect((await configOf(cluster, job))[PRODUCE][SAVEPOINT_KEY]).toBeUndefined();
  });

  it('a job stopped within the stability window fails that cluster (exit 7) and the next cluster is untouched', async () => {
    const job = 'u_window';
    const v2 = await runningDouble(f, job);
    const looks = f.gz.callCount('job/execute/errorMsg');
    const upgrade = f.run(['upgrade', v2, '--clusters', PAIR, '--stable', '4s', '--json']);
    // The window begins with a look at the latest task: from then on stms watches.
    await eventually(async () => (f.gz.callCount('job/execute/errorMsg') > looks ? true : undefined), 20_000);
    // Someone (or YARN) stops it while stms watches.
    const client = clientFor(f.gz);
    try {
      await client.stop({ jobId: jobView(f.gz, job)?.id as number, snapshot: false, skipHookError: false });
    } finally {
      await client.close();
    }
    const { exitCode, json } = await upgrade;
    expect(exitCode).toBe(7);
    expect(json.error.message).toMatch(/^GZ_UAT: p1\/u_window did not stay up for 4s: it went stopped/);
    expect(json.clusters.GZ_UAT).toMatchObject({ stable: false, status: 'stopped' });
    expect(json.clusters.TJ_UAT).toMatchObject({ savepoint: null, stable: false });
    expect(jobView(f.tj, job)?.currentVersion).toBe('v00001');
    expect(statusOn(f.tj, job)).toBe(STATUS.RUNNING);
  });

  it('a stop the server fails ends the rollout there (exit 5): the job still runs everywhere', async () => {
    const job = 'u_stopfail';
    const v2 = await runningDouble(f, job);
    f.gz.injectFault({ path: 'job/stop', kind: 'error', status: 500, count: 5 });
    const { exitCode, json } = await f.run(['upgrade', v2, '--clusters', PAIR, '--stable', '0', '--json']);
    expect(exitCode).toBe(5);
    expect(json.error).toMatchObject({ code: 'REMOTE', message: expect.stringContaining('GZ_UAT: the stop with a savepoint failed, p1/u_stopfail still runs there as before') });
    expect(json.clusters.GZ_UAT).toMatchObject({ savepoint: null, status: 'running', versionBefore: 'v00001', versionAfter: 'v00001' });
    expect(statusOn(f.gz, job)).toBe(STATUS.RUNNING);
    expect(statusOn(f.tj, job)).toBe(STATUS.RUNNING);
    expect(jobView(f.tj, job)?.currentVersion).toBe('v00001');
  });

  it('checks every cluster that will start it before stopping any: the HA verdict TJ_UAT would give refuses (exit 4), nothing stopped', async () => {
    const job = 'u_ha';
    const v2 = await runningDouble(f, job);
    // TJ_UAT no longer trusts aomp sources: its verdict for a double job turns false (a stricter server).
    f.tj.setSwitches({ sourceName: 'other', enableInterfaceUpload: false, standardAuthentication: false });
    try {
      const stopsBefore = f.gz.callCount('job/stop') + f.tj.callCount('job/stop');
      const { exitCode, json } = await f.run(['upgrade', v2, '--clusters', PAIR, '--stable', '0', '--json']);
      expect(exitCode).toBe(4);
      expect(json.error).toMatchObject({ code: 'HA_POLICY', message: expect.stringMatching(/^TJ_UAT: the server's HA check would refuse to start p1\/u_ha: .*; nothing was stopped/) });
      expect(f.gz.callCount('job/stop') + f.tj.callCount('job/stop')).toBe(stopsBefore);
      expect(statusOn(f.gz, job)).toBe(STATUS.RUNNING);
      expect(jobView(f.gz, job)?.currentVersion).toBe('v00001');
      expect(json.next).toBeUndefined();
    } finally {
      f.tj.setSwitches({ sourceName: 'aomp', enableInterfaceUpload: true, standardAuthentication: true });
    }
  });

  it.each([
    [['--restore', '/tmp/sp'], /--restore \/tmp\/sp: write savepoint, latest, none or an hdfs:\/\/ savepoint path/],
    [['--restore', 'hdfs:///sp/a b'], /characters a URI can hold/],
    [['--stable', 'soon'], /--stable soon: not a duration/],
    [['--order', 'GZ_UAT,SH_DR'], /--order GZ_UAT,SH_DR: name exactly the clusters the job starts on \(GZ_UAT, TJ_UAT\)/],
  ])('refuses %j (exit 2)', async (flags, message) => {
    const job = 'u_usage';
    if (!jobView(f.gz, job)) await runningDouble(f, job);
    const { exitCode, json } = await f.run(['upgrade', `${job}-v2.zip`, '--clusters', PAIR, ...flags, '--json']);
    expect(exitCode).toBe(2);
    expect(json.error.message).toMatch(message);
    expect(statusOn(f.gz, job)).toBe(STATUS.RUNNING);
    expect(statusOn(f.tj, job)).toBe(STATUS.RUNNING);
  });
});

describe('stms upgrade: Ctrl-C while a savepoint path is in a configuration', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('leaves the intent recorded, and the next run removes the path before anything else, then finishes', async () => {
    const job = 'u_sigint';
    const v1 = await jobPackage(f, job, 'double', 'v1', ['GZ_UAT', 'TJ_UAT']);
    expect((await f.run(['upgrade', path.basename(v1), '--clusters', PAIR, '--stable', '0'])).exitCode).toBe(0);
    const before = await configOf(f.gz, job);
    const v2 = path.basename(await jobPackage(f, job, 'double', 'v2', undefined));
    // The start is held at the server while the path is in the configuration.
    f.gz.injectFault({ path: 'job/execute', kind: 'delay', delayMs: 3_000 });
    const child = execa('node', [STMS_BIN, 'upgrade', v2, '--clusters', PAIR, '--stable', '0', '--json'], { cwd: f.dir, reject: false, env: { NO_COLOR: '1', CI: 'true' } });
    const path1 = await eventually(async () => (await configOf(f.gz, job))[PRODUCE]?.[SAVEPOINT_KEY] as string | undefined, 15_000);
    child.kill('SIGINT');
    const run = await child;
    expect(run.exitCode).toBe(130);
    const json = JSON.parse(String(run.stdout));
    expect(json.error.code).toBe('INTERRUPTED');
    expect(json.clusters.GZ_UAT.savepoint).toBe(path1);
    expect(existsSync(path.join(f.stateDir, 'restore', 'GZ_UAT', `${jobView(f.gz, job)?.id}.json`))).toBe(true);
    // The path is still there: the interrupted run could not take it back.
    expect((await configOf(f.gz, job))[PRODUCE][SAVEPOINT_KEY]).toBe(path1);

    const next = await f.run(['upgrade', v2, '--resume', json.releaseId, '--stable', '0', '--json']);
    expect(next.exitCode).toBe(0);
    for (const cluster of [f.gz, f.tj]) expect((await configOf(cluster, job))[PRODUCE][SAVEPOINT_KEY]).toBeUndefined();
    expect(await configOf(f.gz, job)).toEqual(before);
    expect(existsSync(path.join(f.stateDir, 'restore', 'GZ_UAT', `${jobView(f.gz, job)?.id}.json`))).toBe(false);
    expect(next.json.clusters.GZ_UAT).toMatchObject({ savepoint: path1, status: 'running' });
    expect(jobView(f.gz, job)?.currentVersion).toBe('v00002');
    expect(jobView(f.tj, job)?.currentVersion).toBe('v00002');
    expect(f.leakedTokens(String(run.stdout) + String(run.stderr) + next.stdout + next.stderr + (await readFile(path.join(f.stateDir, 'releases', `${json.releaseId}.json`), 'utf8')))).toEqual([]);
  });
});

describe('stms launch --restore', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('--restore none starts fresh: the auto-restore switch is OFF for that start and back afterwards', async () => {
    const job = 'u_fresh';
    const v1 = await jobPackage(f, job, 'single', 'v1', ['GZ_UAT']);
    expect((await f.run(['release', path.basename(v1), '--clusters', 'GZ_UAT'])).exitCode).toBe(0);
    const before = await configOf(f.gz, job);
    expect(before[PRODUCE]['wds.linkis.flink.app.start-auto-restore.switch']).toBe('ON');
    f.gz.injectFault({ path: 'job/execute', kind: 'delay', delayMs: 700 });
    let during: string | undefined;
    const launch = f.run(['launch', `p1/${job}`, '--clusters', 'GZ_UAT', '--restore', 'none', '--json']);
    await eventually(async () => {
      during = (await configOf(f.gz, job))[PRODUCE]['wds.linkis.flink.app.start-auto-restore.switch'];
      return during === 'OFF' ? true : undefined;
    }, 15_000);
    const { exitCode, json } = await launch;
    expect(exitCode).toBe(0);
    expect(json.jobs[0].clusters.GZ_UAT.outcome).toBe('running');
    expect(during).toBe('OFF');
    expect(await configOf(f.gz, job)).toEqual(before);
  });
});
