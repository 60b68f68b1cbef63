import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/ha/policies.js';
import { STATUS } from '../../src/streamis/status-codes.js';
import { STMS_BIN } from '../support/run-stms.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { eventually } from '../streamis/helpers.js';
import { calls, jobView, latestSourceOn, putJob, runOn, statusOn } from './launch-support.js';

const ALL = 'GZ_UAT,TJ_UAT,SH_DR';

describe('stms launch: where each policy starts', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
  });
  afterAll(async () => {
    await f.close();
  });
  afterEach(() => {
    f.gz.setWhetherManager(true);
    f.tj.setWhetherManager(false);
  });

  const table: Array<[Policy, string[], Record<string, string>]> = [
    ['single', ['GZ_UAT'], { GZ_UAT: 'running', TJ_UAT: 'not-target', SH_DR: 'not-target' }],
    ['singleWithBak', ['TJ_UAT', 'SH_DR'], { GZ_UAT: 'not-target', TJ_UAT: 'running', SH_DR: 'not-target' }],
    ['double', ['GZ_UAT', 'TJ_UAT'], { GZ_UAT: 'running', TJ_UAT: 'running', SH_DR: 'not-target' }],
    ['doubleWithBak', ['GZ_UAT', 'TJ_UAT', 'SH_DR'], { GZ_UAT: 'running', TJ_UAT: 'running', SH_DR: 'not-target' }],
    ['managerSlave', ['GZ_UAT', 'TJ_UAT'], { GZ_UAT: 'running', TJ_UAT: 'not-target', SH_DR: 'not-target' }],
    ['managerSlaveWithBak', ['GZ_UAT', 'TJ_UAT', 'SH_DR'], { GZ_UAT: 'running', TJ_UAT: 'not-target', SH_DR: 'not-target' }],
  ];
  it.each(table)('%s on %j', async (policy, on, outcomes) => {
    const job = `l_${policy}`;
    await putJob(f, job, policy, on);
    const { exitCode, json, stderr } = await f.run(['launch', `p1/${job}`, '--clusters', ALL, '--json']);
    expect(stderr).not.toContain('error');
    expect(exitCode).toBe(0);
    expect(json.jobs[0]).toMatchObject({ policy, outcome: 'running', ok: true });
    for (const [cluster, outcome] of Object.entries(outcomes)) {
      expect(json.jobs[0].clusters[cluster].outcome, cluster).toBe(outcome);
      const expected = outcome === 'running' ? STATUS.RUNNING : on.includes(cluster) ? null : undefined;
      expect(statusOn(f.clusters[cluster]!, job), cluster).toBe(expected);
    }
    expect(f.leakedTokens(JSON.stringify(json) + stderr)).toEqual([]);
  });

  it('starts a managerSlave job on TJ_UAT when TJ_UAT is the manager', async () => {
    await putJob(f, 'l_ms_tj', 'managerSlave', ['GZ_UAT', 'TJ_UAT']);
    f.gz.setWhetherManager(false);
    f.tj.setWhetherManager(true);
    const { exitCode, json } = await f.run(['launch', 'p1/l_ms_tj', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(exitCode).toBe(0);
    expect(json.jobs[0].clusters).toMatchObject({ GZ_UAT: { outcome: 'not-target' }, TJ_UAT: { outcome: 'running' } });
    expect(statusOn(f.gz, 'l_ms_tj')).toBeNull();
  });

  it.each([
    ['neither', false, false, 'none of GZ_UAT, TJ_UAT says it is the manager (GZ_UAT: whetherManager=false, TJ_UAT: whetherManager=false)'],
    ['both', true, true, 'but GZ_UAT and TJ_UAT both say they are (GZ_UAT: whetherManager=true, TJ_UAT: whetherManager=true)'],
  ])('refuses a managerSlave job when %s cluster says it is the manager (exit 4), starting nothing', async (_what, gz, tj, message) => {
    const job = `l_ms_${gz}_${tj}`;
    await putJob(f, job, 'managerSlave', ['GZ_UAT', 'TJ_UAT']);
    f.gz.setWhetherManager(gz);
    f.tj.setWhetherManager(tj);
    const before = calls(f, 'job/execute');
    const { exitCode, json } = await f.run(['launch', `p1/${job}`, '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(exitCode).toBe(4);
    expect(json.error).toMatchObject({ code: 'HA_POLICY', message: expect.stringContaining(message) });
    expect(json.jobs[0]).toMatchObject({ outcome: 'refused', clusters: { GZ_UAT: { outcome: 'refused' }, TJ_UAT: { outcome: 'refused' } } });
    expect(calls(f, 'job/execute')).toBe(before);
  });
});

describe('stms launch: refusals and failures', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('an md5 mismatch blocks the launch (exit 6) and starts nothing anywhere', async () => {
    await putJob(f, 'r_md5', 'double', ['GZ_UAT', 'TJ_UAT'], { md5: { GZ_UAT: 'a'.repeat(32), TJ_UAT: 'b'.repeat(32) } });
    const before = calls(f, 'job/execute');
    const { exitCode, json, stderr } = await f.run(['launch', 'p1/r_md5', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(exitCode).toBe(6);
    expect(json.jobs[0]).toMatchObject({ outcome: 'inconsistent', clusters: { GZ_UAT: { outcome: 'refused', check: 'inconsistent' }, TJ_UAT: { outcome: 'refused', check: 'inconsistent' } } });
    expect(json.error.message).toContain(`md5 differs (GZ_UAT: ${'a'.repeat(32)}, TJ_UAT: ${'b'.repeat(32)})`);
    expect(json.error.message).toContain('(nothing was started)');
    expect(calls(f, 'job/execute')).toBe(before);
    expect([statusOn(f.gz, 'r_md5'), statusOn(f.tj, 'r_md5')]).toEqual([null, null]);
    expect(stderr).toContain('error: p1/r_md5: 一致性检查不通过');
  });

  it('a job whose clusters declare different policies, or that is on no cluster, starts nothing (exit 6)', async () => {
    await putJob(f, 'r_policies', 'double', ['GZ_UAT']);
    await putJob(f, 'r_policies', 'double', ['TJ_UAT'], { declared: 'single' });
    const mixed = await f.run(['launch', 'p1/r_policies', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(mixed.exitCode).toBe(6);
    expect(mixed.json.jobs[0]).toMatchObject({ outcome: 'inconsistent', clusters: { GZ_UAT: { outcome: 'refused' }, TJ_UAT: { outcome: 'refused' } } });
    const nowhere = await f.run(['launch', 'p1/r_nowhere', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(nowhere.exitCode).toBe(6);
    expect(nowhere.json.jobs[0]).toMatchObject({ outcome: 'missing', clusters: { GZ_UAT: { outcome: 'missing' }, TJ_UAT: { outcome: 'missing' } } });
    expect(nowhere.json.error.message).toBe('p1/r_nowhere is not on any of GZ_UAT, TJ_UAT: release it first (stms release), or check the project and job names (nothing was started)');
  });

  it('the double-run guard: a managerSlave job running on the slave is refused (exit 4) and says where it runs', async () => {
    await putJob(f, 'r_guard', 'managerSlave', ['GZ_UAT', 'TJ_UAT']);
    // It ran on TJ_UAT while TJ_UAT was the manager; now GZ_UAT is.
    f.gz.setWhetherManager(false);
    f.tj.setWhetherManager(true);
    expect((await f.run(['launch', 'p1/r_guard', '--clusters', 'GZ_UAT,TJ_UAT'])).exitCode).toBe(0);
    f.gz.setWhetherManager(true);
    f.tj.setWhetherManager(false);
    const before = calls(f, 'job/execute');
    const { exitCode, stderr, stdout } = await f.run(['launch', 'p1/r_guard', '--clusters', 'GZ_UAT,TJ_UAT', '--restart']);
    expect(exitCode).toBe(4);
    expect(stderr).toContain('error: p1/r_guard (managerSlave) already runs on TJ_UAT (running), where its policy says it must not run; it starts on GZ_UAT: stop it there first (stms stop p1/r_guard --clusters TJ_UAT), then launch again');
    expect(stdout).toMatch(/p1\/r_guard\s+managerSlave\s+refused\s+refused\s+refused \(exit 4\)/);
    expect(calls(f, 'job/execute')).toBe(before);
    expect(statusOn(f.gz, 'r_guard')).toBeNull();
  });

  it('a version uploaded while the check ran is never started: exit 6, nothing started, the verdict it got withdrawn', async () => {
    await putJob(f, 'r_race', 'double', ['GZ_UAT', 'TJ_UAT']);
    // GZ_UAT's verdict write waits; meanwhile a new version lands there, and the write goes to it.
    f.gz.injectFault({ path: 'job/updateContent', kind: 'delay', delayMs: 1500 });
    const before = calls(f, 'job/execute');
    const writes = f.gz.callCount('job/updateContent');
    const launch = f.run(['launch', 'p1/r_race', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    await eventually(async () => (f.gz.callCount('job/updateContent') > writes ? true : undefined), 10_000);
    await putJob(f, 'r_race', 'double', ['GZ_UAT']);
    const { exitCode, json } = await launch;
    expect(exitCode).toBe(6);
    expect(json.jobs[0]).toMatchObject({ outcome: 'inconsistent', clusters: { GZ_UAT: { outcome: 'refused', check: 'consistent' }, TJ_UAT: { outcome: 'refused' } } });
    expect(json.error).toMatchObject({
      code: 'CONSISTENCY',
      message: 'GZ_UAT: v00002 was uploaded while v00001 was being checked, so it was never compared; the verdict written to it was withdrawn: run stms launch again (nothing was started)',
    });
    expect(calls(f, 'job/execute')).toBe(before);
    expect(latestSourceOn(f.gz, 'r_race')).toMatchObject({ isHighAvailable: false });
  });

  it('a job already running is already-running, not started again', async () => {
    await putJob(f, 'r_running', 'double', ['GZ_UAT', 'TJ_UAT']);
    expect((await f.run(['launch', 'p1/r_running', '--clusters', 'GZ_UAT,TJ_UAT'])).exitCode).toBe(0);
    const before = calls(f, 'job/execute');
    const { exitCode, json } = await f.run(['launch', 'p1/r_running', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(exitCode).toBe(0);
    expect(json.jobs[0]).toMatchObject({ outcome: 'already-running', clusters: { GZ_UAT: { outcome: 'already-running', statusCode: 5 }, TJ_UAT: { outcome: 'already-running' } } });
    expect(calls(f, 'job/execute')).toBe(before);
  });

  it('--restart stops a running job with a savepoint and starts it again', async () => {
    await putJob(f, 'r_restart', 'single', ['GZ_UAT']);
    await runOn(f.gz, 'r_restart');
    const { exitCode, json } = await f.run(['launch', 'p1/r_restart', '--clusters', 'GZ_UAT', '--restart', '--json']);
    expect(exitCode).toBe(0);
    const record = json.jobs[0].clusters.GZ_UAT;
    expect(record).toMatchObject({ outcome: 'running', savepoint: expect.stringMatching(/^hdfs:\/\/\/flink\/savepoints\/p1\.r_restart\/savepoint-/) });
    // The start restored from exactly that savepoint, whatever the auto-restore switch says.
    expect(record.restoredFrom).toBe(record.savepoint);
    expect(f.gz.callCount('job/stop')).toBeGreaterThan(0);
    expect(statusOn(f.gz, 'r_restart')).toBe(STATUS.RUNNING);
  });

  it('a job that fails at start exits 7 with the server error; the other cluster keeps running', async () => {
    await putJob(f, 'r_fail', 'double', ['GZ_UAT', 'TJ_UAT']);
    f.tj.failNextStart('p1', 'r_fail', 'Caused by: java.lang.OutOfMemoryError: Java heap space');
    const { exitCode, json, stderr } = await f.run(['launch', 'p1/r_fail', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(exitCode).toBe(7);
    expect(json.jobs[0]).toMatchObject({ outcome: 'failed', clusters: { GZ_UAT: { outcome: 'running' }, TJ_UAT: { outcome: 'failed', statusCode: STATUS.FAILED } } });
    expect(json.error).toMatchObject({
      code: 'LAUNCH',
      message: 'TJ_UAT: p1/r_fail ended failure instead of running: Caused by: java.lang.OutOfMemoryError: Java heap space (p1/r_fail running on GZ_UAT; nothing already started was stopped)',
    });
    expect(stderr).toContain('error: TJ_UAT: p1/r_fail ended failure');
    expect(statusOn(f.gz, 'r_fail')).toBe(STATUS.RUNNING);
  });

  it('a job that never runs in time exits 7 and is not stopped', async () => {
    await putJob(f, 'r_slow', 'single', ['GZ_UAT']);
    f.gz.holdStarting('p1', 'r_slow', true);
    try {
      const { exitCode, json } = await f.run(['launch', 'p1/r_slow', '--clusters', 'GZ_UAT', '--timeout', '1s', '--json']);
      expect(exitCode).toBe(7);
      expect(json.jobs[0]).toMatchObject({ outcome: 'timeout', clusters: { GZ_UAT: { outcome: 'timeout', statusCode: STATUS.STARTING } } });
      expect(json.error.message).toContain('GZ_UAT: p1/r_slow is not running after 1s (still starting); it was not stopped');
      expect(statusOn(f.gz, 'r_slow')).toBe(STATUS.STARTING);
    } finally {
      f.gz.holdStarting('p1', 'r_slow', false);
    }
  });

  it('--no-wait returns after the start call', async () => {
    await putJob(f, 'r_nowait', 'single', ['GZ_UAT']);
    f.gz.holdStarting('p1', 'r_nowait', true);
    try {
      const { exitCode, json } = await f.run(['launch', 'p1/r_nowait', '--clusters', 'GZ_UAT', '--no-wait', '--json']);
      expect(exitCode).toBe(0);
      expect(json.jobs[0]).toMatchObject({ outcome: 'started', clusters: { GZ_UAT: { outcome: 'started' } } });
    } finally {
      f.gz.holdStarting('p1', 'r_nowait', false);
    }
  });

  it('a refusal at inspect (no failure-alert user) starts nothing and exits 7 with the server message', async () => {
    await putJob(f, 'r_alert', 'double', ['GZ_UAT', 'TJ_UAT'], { alertUser: '' });
    const before = calls(f, 'job/execute');
    const { exitCode, json } = await f.run(['launch', 'p1/r_alert', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(exitCode).toBe(7);
    expect(json.error.code).toBe('LAUNCH');
    expect(json.error.message).toContain('The StreamJob alarm recipient is not configured');
    expect(calls(f, 'job/execute')).toBe(before);
  });

  it('inspect shows what the server reports before the start', async () => {
    await putJob(f, 'r_inspect', 'single', ['GZ_UAT']);
    const { exitCode, json, stderr } = await f.run(['launch', 'p1/r_inspect', '--clusters', 'GZ_UAT', '--json']);
    expect(exitCode).toBe(0);
    expect(json.jobs[0].clusters.GZ_UAT.inspect).toEqual({ version: 'v00001', lastVersion: null, snapshot: '获取到了空的快照地址', highAvailable: true, highAvailableMessage: '任务未开启高可用' });
    expect(stderr).toContain('p1/r_inspect GZ_UAT: inspect: starts v00001 (never ran), snapshot 获取到了空的快照地址, HA check passed');
  });

  it('a start whose answer was lost after the server started the job is a start: looked for, not failed, not repeated', async () => {
    await putJob(f, 'r_lost', 'double', ['GZ_UAT', 'TJ_UAT']);
    const before = f.tj.callCount('job/execute');
    // The server carries the start out, then the connection drops before the answer.
    f.tj.injectFault({ path: 'job/execute', kind: 'lost' });
    const { exitCode, json, stderr } = await f.run(['launch', 'p1/r_lost', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(exitCode).toBe(0);
    expect(json.jobs[0].clusters).toMatchObject({ GZ_UAT: { outcome: 'running' }, TJ_UAT: { outcome: 'running' } });
    expect(stderr).toContain('p1/r_lost TJ_UAT: the answer to the start was lost');
    expect(f.tj.callCount('job/execute')).toBe(before + 1);
  });

  it('a cluster answering 503 to the start exits 5; the other cluster is started and left running', async () => {
    await putJob(f, 'r_503', 'double', ['GZ_UAT', 'TJ_UAT']);
    f.tj.injectFault({ path: 'job/execute', kind: 'error', status: 503 });
    const { exitCode, json } = await f.run(['launch', 'p1/r_503', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(exitCode).toBe(5);
    expect(json.jobs[0].clusters).toMatchObject({ GZ_UAT: { outcome: 'running' }, TJ_UAT: { outcome: 'failed' } });
    expect(json.error.message).toMatch(/^TJ_UAT job\/execute: HTTP 503/);
    expect(json.error.message).toContain('p1/r_503 running on GZ_UAT; nothing already started was stopped');
  });

  it('a start refused on one cluster after the other started: the job failed (exit 7), says what runs where, and nothing is stopped', async () => {
    // The product name is checked by job/execute only, not by inspect (docs/streamis-contract.md §5.9 step 9).
    const same = { md5: 'c'.repeat(32) };
    await putJob(f, 'r_product', 'double', ['GZ_UAT'], same);
    await putJob(f, 'r_product', 'double', ['TJ_UAT'], { ...same, extraProduce: { 'wds.linkis.flink.product': 'not-a-product!' } });
    const { exitCode, json, stderr } = await f.run(['launch', 'p1/r_product', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(exitCode).toBe(7);
    expect(json.jobs[0]).toMatchObject({ outcome: 'failed', clusters: { GZ_UAT: { outcome: 'running', check: 'consistent' }, TJ_UAT: { outcome: 'refused', check: 'consistent' } } });
    expect(json.error).toMatchObject({
      code: 'LAUNCH',
      message: 'TJ_UAT job/execute: The product name of the job is not configured correctly, please check (p1/r_product running on GZ_UAT; nothing already started was stopped)',
    });
    expect(stderr).toContain('error: TJ_UAT job/execute: The product name of the job is not configured correctly');
    expect([statusOn(f.gz, 'r_product'), statusOn(f.tj, 'r_product')]).toEqual([STATUS.RUNNING, null]);
  });

  it('--restart that does not come back on one cluster says it stopped it there, with the savepoint to restore from', async () => {
    await putJob(f, 'r_reback', 'double', ['GZ_UAT', 'TJ_UAT']);
    await runOn(f.gz, 'r_reback');
    await runOn(f.tj, 'r_reback');
    f.tj.failNextStart('p1', 'r_reback', 'Caused by: kafka broker unreachable');
    const { exitCode, json } = await f.run(['launch', 'p1/r_reback', '--clusters', 'GZ_UAT,TJ_UAT', '--restart', '--json']);
    expect(exitCode).toBe(7);
    const tj = json.jobs[0].clusters.TJ_UAT;
    expect(tj).toMatchObject({ outcome: 'failed', restarted: true, savepoint: expect.stringContaining('savepoint-') });
    expect(json.jobs[0]).toMatchObject({ outcome: 'failed', clusters: { GZ_UAT: { outcome: 'running', restarted: true } } });
    expect(json.error.message).toBe(
      `TJ_UAT: p1/r_reback ended failure instead of running: Caused by: kafka broker unreachable (p1/r_reback running on GZ_UAT; stopped by --restart and not running again on TJ_UAT (savepoint ${tj.savepoint}); nothing else was stopped)`,
    );

    // A person sees the savepoints --restart took, to restore from.
    await runOn(f.tj, 'r_reback');
    const human = await f.run(['launch', 'p1/r_reback', '--clusters', 'GZ_UAT,TJ_UAT', '--restart']);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toMatch(/^savepoint p1\/r_reback on GZ_UAT \(taken by --restart\): hdfs:\/\/\/flink\/savepoints\/p1\.r_reback\/savepoint-/m);
    expect(human.stdout).toMatch(/^savepoint p1\/r_reback on TJ_UAT \(taken by --restart\): hdfs:/m);
  });

  it('a started cluster whose status cannot be read stays started (exit 5): stms does not claim it failed', async () => {
    await putJob(f, 'r_blind', 'double', ['GZ_UAT', 'TJ_UAT']);
    f.tj.injectFault({ path: 'job/status', kind: 'error', status: 503, count: 3 });
    const { exitCode, json } = await f.run(['launch', 'p1/r_blind', '--clusters', 'GZ_UAT,TJ_UAT', '--json', '--report', 'r_blind.xml']);
    expect(exitCode).toBe(5);
    // It did not end running as far as anyone knows: a failure for CI, not a pass.
    const xml = await readFile(path.join(f.dir, 'r_blind.xml'), 'utf8');
    expect(xml).toMatch(/<testcase classname="p1.r_blind" name="TJ_UAT" time="[\d.]+">\s*<failure message="TJ_UAT: p1\/r_blind was started, but its status could not be read/);
    expect(xml).toMatch(/<testcase classname="p1.r_blind" name="GZ_UAT" time="[\d.]+"\/>/);
    expect(json.jobs[0]).toMatchObject({ outcome: 'failed', clusters: { GZ_UAT: { outcome: 'running' }, TJ_UAT: { outcome: 'started' } } });
    expect(json.jobs[0].clusters.TJ_UAT.message).toMatch(/^TJ_UAT: p1\/r_blind was started, but its status could not be read \(TJ_UAT job\/status: HTTP 503.*\); it was not stopped: see stms status$/);
    expect(json.error).toMatchObject({ code: 'REMOTE', message: expect.stringContaining('(p1/r_blind running on GZ_UAT, started on TJ_UAT; nothing already started was stopped)') });
  });

  it('refuses the start (exit 7) when the server\'s own HA check says no after the consistency check, starting nothing', async () => {
    await putJob(f, 'r_ha', 'double', ['GZ_UAT', 'TJ_UAT']);
    // This server expects another source name and does not let other sources through.
    f.gz.setSwitches({ sourceName: 'other', enableInterfaceUpload: false });
    try {
      const before = calls(f, 'job/execute');
      const { exitCode, json } = await f.run(['launch', 'p1/r_ha', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
      expect(exitCode).toBe(7);
      expect(json.jobs[0].clusters.GZ_UAT).toMatchObject({ outcome: 'refused', check: 'consistent', inspect: { highAvailable: false } });
      expect(json.error.message).toContain("GZ_UAT: the server's HA check refuses the start: 一致性检查通过");
      expect(json.error.message).toContain('(nothing was started)');
      expect(calls(f, 'job/execute')).toBe(before);
    } finally {
      f.gz.setSwitches({ sourceName: 'aomp', enableInterfaceUpload: true });
    }
  });

  it('--restart whose stop fails on one cluster: that cluster keeps running, the other is restarted (exit 5 for a 503)', async () => {
    await putJob(f, 'r_restop', 'double', ['GZ_UAT', 'TJ_UAT']);
    await runOn(f.gz, 'r_restop');
    await runOn(f.tj, 'r_restop');
    f.tj.injectFault({ path: 'job/stop', kind: 'error', status: 503 });
    const before = f.tj.callCount('job/execute');
    const { exitCode, json } = await f.run(['launch', 'p1/r_restop', '--clusters', 'GZ_UAT,TJ_UAT', '--restart', '--json']);
    expect(exitCode).toBe(5);
    expect(json.jobs[0].clusters.GZ_UAT).toMatchObject({ outcome: 'running', savepoint: expect.stringContaining('savepoint-') });
    expect(json.jobs[0].clusters.TJ_UAT).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/^TJ_UAT: the stop with a savepoint failed, p1\/r_restop still runs there as before: TJ_UAT job\/stop: HTTP 503/) });
    expect(json.error.message).toContain('p1/r_restop running on GZ_UAT; nothing already started was stopped');
    expect(f.tj.callCount('job/execute')).toBe(before);
    expect([statusOn(f.gz, 'r_restop'), statusOn(f.tj, 'r_restop')]).toEqual([STATUS.RUNNING, STATUS.RUNNING]);
  });

  it('waits for a start already under way instead of starting again', async () => {
    await putJob(f, 'r_under_way', 'single', ['GZ_UAT']);
    f.gz.holdStarting('p1', 'r_under_way', true);
    expect((await f.run(['launch', 'p1/r_under_way', '--clusters', 'GZ_UAT', '--no-wait'])).exitCode).toBe(0);
    const before = calls(f, 'job/execute');
    // Let the start finish only once the second launch is polling the status of the start it found.
    const statusBefore = f.gz.callCount('job/status');
    const run = f.run(['launch', 'p1/r_under_way', '--clusters', 'GZ_UAT', '--timeout', '20s', '--json']);
    for (let i = 0; i < 600 && f.gz.callCount('job/status') <= statusBefore + 1; i++) await sleep(25);
    const release = setTimeout(() => f.gz.holdStarting('p1', 'r_under_way', false), 0);
    try {
      const { exitCode, json } = await run;
      expect(exitCode).toBe(0);
      expect(json.jobs[0].clusters.GZ_UAT).toMatchObject({ outcome: 'running', message: 'was already starting' });
      expect(calls(f, 'job/execute')).toBe(before);
    } finally {
      clearTimeout(release);
      f.gz.holdStarting('p1', 'r_under_way', false);
    }
  });

  it('shows how long it has waited for the job to run, against --timeout', async () => {
    await putJob(f, 'r_clock', 'single', ['GZ_UAT']);
    f.gz.holdStarting('p1', 'r_clock', true);
    const release = setTimeout(() => f.gz.holdStarting('p1', 'r_clock', false), 6_000);
    try {
      const { exitCode, stderr } = await f.run(['launch', 'p1/r_clock', '--clusters', 'GZ_UAT', '--timeout', '20s']);
      expect(exitCode).toBe(0);
      expect(stderr).toMatch(new RegExp(`p1/r_clock GZ_UAT: starting \\(\\d+s of 20s\\)`));
    } finally {
      clearTimeout(release);
      f.gz.holdStarting('p1', 'r_clock', false);
    }
  });

  it('exits 2 for a --timeout that is not a duration', async () => {
    const { exitCode, stderr } = await f.run(['launch', 'p1/x', '--clusters', 'GZ_UAT', '--timeout', 'soon']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('--timeout soon: not a duration; write 90s, 5m, 1h or a number of seconds');
  });

  it('never shows a token', async () => {
    const { stdout, stderr } = await f.run(['launch', 'p1/r_inspect', '--clusters', 'GZ_UAT', '-v']);
    expect(stderr).toContain('GET /api/rest_j/v1/streamis/streamJobManager/job/list');
    expect(f.leakedTokens(stdout + stderr)).toEqual([]);
    expect(jobView(f.gz, 'r_inspect')).toBeDefined();
  });
});

describe('stms launch: Ctrl-C', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('stops waiting, reports what was started where and exits 130; the job is left as it is', async () => {
    await putJob(f, 'i_held', 'double', ['GZ_UAT', 'TJ_UAT']);
    f.gz.holdStarting('p1', 'i_held', true);
    try {
      const child = execa('node', [STMS_BIN, 'launch', 'p1/i_held', '--clusters', 'GZ_UAT,TJ_UAT', '--json'], { cwd: f.dir, reject: false, env: { NO_COLOR: '1', CI: 'true' } });
      await eventually(async () => (statusOn(f.gz, 'i_held') === STATUS.STARTING && statusOn(f.tj, 'i_held') === STATUS.RUNNING ? true : undefined), 10_000);
      child.kill('SIGINT');
      const { exitCode, stdout, stderr } = await child;
      expect(exitCode).toBe(130);
      const json = JSON.parse(String(stdout));
      // TJ_UAT runs by now, but stms stopped looking when it was started: it says what it knows.
      expect(json.jobs[0]).toMatchObject({ outcome: 'interrupted', clusters: { GZ_UAT: { outcome: 'started' }, TJ_UAT: { outcome: expect.stringMatching(/^(started|running)$/) } } });
      expect(json.error).toMatchObject({ code: 'INTERRUPTED' });
      expect(String(stderr)).toContain('error: interrupted while waiting for p1/i_held to run on GZ_UAT');
      expect(String(stderr)).toMatch(/p1\/i_held (started on GZ_UAT, TJ_UAT|running on TJ_UAT, started on GZ_UAT); nothing already started was stopped/);
      expect(statusOn(f.gz, 'i_held')).toBe(STATUS.STARTING);
    } finally {
      f.gz.holdStarting('p1', 'i_held', false);
    }
  });
});
