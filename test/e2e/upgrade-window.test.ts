import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxClusterHandle } from '../../src/sandbox/index.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { eventually } from '../streamis/helpers.js';
import { jobView } from './launch-support.js';
import { runningDouble } from './upgrade-support.js';

/**
 * The stability window and the start's restore source, seen from the sandbox's side: these use
 * its `POST /__sandbox/crash` (a running task fails after a delay, optionally replaced by a new
 * task as the server's auto-restart does) and `GET /__sandbox/tasks` (each task with the
 * configuration its start used and what it restored from).
 */

const PAIR = 'GZ_UAT,TJ_UAT';

async function control(cluster: SandboxClusterHandle, what: string, body?: unknown): Promise<any> {
  const response = await fetch(`${cluster.url}/__sandbox/${what}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json();
  if (!response.ok) throw new Error(`${what}: ${JSON.stringify(json)}`);
  return json;
}

async function tasksOf(cluster: SandboxClusterHandle, job: string): Promise<any[]> {
  return (await control(cluster, `tasks?projectName=p1&jobName=${job}`)).tasks;
}

describe('stms upgrade: the stability window', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
  });
  afterAll(async () => {
    await f.close();
  });


  it('each start used the savepoint its own stop produced (the configuration the start saw)', async () => {
    const job = 'w_restore';
    const v2 = await runningDouble(f, job);
    const { exitCode, json } = await f.run(['upgrade', v2, '--clusters', PAIR, '--stable', '200ms', '--json']);
    expect(exitCode).toBe(0);
    for (const [name, cluster] of [['GZ_UAT', f.gz], ['TJ_UAT', f.tj]] as const) {
      const latest = (await tasksOf(cluster, job)).at(-1);
      expect(latest.restoredFrom).toBe(json.clusters[name].savepoint);
      expect(latest.config['wds.linkis.flink.produce']['wds.linkis.flink.savepoint.path']).toBe(json.clusters[name].savepoint);
    }
  });

  it('a task that fails within the window ends the rollout there with the server message (exit 7); the next cluster is untouched', async () => {
    const job = 'w_crash';
    const v2 = await runningDouble(f, job);
    const looks = f.gz.callCount('job/execute/errorMsg');
    const upgrade = f.run(['upgrade', v2, '--clusters', PAIR, '--stable', '3s', '--json']);
    // The window begins with a look at the latest task (errorMsg): from then on stms watches, and the task fails a moment later.
    await eventually(async () => (f.gz.callCount('job/execute/errorMsg') > looks ? true : undefined), 20_000);
    await control(f.gz, 'crash', { projectName: 'p1', jobName: job, afterMs: 300, message: 'java.lang.OutOfMemoryError: Java heap space' });
    const { exitCode, json } = await upgrade;
    expect(exitCode).toBe(7);
    expect(json.error.message).toMatch(/GZ_UAT: p1\/w_crash did not stay up for 3s: .*java\.lang\.OutOfMemoryError: Java heap space/);
    expect(json.clusters.GZ_UAT).toMatchObject({ stable: false });
    expect(json.clusters.TJ_UAT).toMatchObject({ savepoint: null, stable: false, status: 'running' });
    expect(jobView(f.tj, job)?.currentVersion).toBe('v00001');
    expect(json.next.finish).toContain(`--resume ${json.releaseId}`);
  });

  it('a task the server replaced within the window (auto-restart) counts as a failed start', async () => {
    const job = 'w_replaced';
    const v2 = await runningDouble(f, job);
    const looks = f.gz.callCount('job/execute/errorMsg');
    const upgrade = f.run(['upgrade', v2, '--clusters', PAIR, '--stable', '3s', '--json']);
    // The window begins with a look at the latest task (errorMsg): from then on stms watches, and the task fails a moment later.
    await eventually(async () => (f.gz.callCount('job/execute/errorMsg') > looks ? true : undefined), 20_000);
    await control(f.gz, 'crash', { projectName: 'p1', jobName: job, afterMs: 200, message: 'TaskManager lost', restart: true });
    const { exitCode, json } = await upgrade;
    expect(exitCode).toBe(7);
    expect(json.error.message).toMatch(/GZ_UAT: p1\/w_replaced did not stay up for 3s: task \d+ was replaced by task \d+/);
    expect(jobView(f.tj, job)?.currentVersion).toBe('v00001');
  });
});
