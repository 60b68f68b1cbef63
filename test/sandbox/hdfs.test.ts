import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { aompSource, call, release, startTestSandbox, waitForStatus, type TestSandbox } from './support.js';

/**
 * The sandbox's HDFS: checkpoints of running tasks (state files, then _metadata), the retained
 * ones only, savepoints, the standby copy of managerSlave jobs to the pair's other cluster, and
 * WebHDFS LISTSTATUS / GETFILESTATUS with the NameNode's JSON.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ON = { 'wds.linkis.flink.checkpoint.switch': 'ON', 'wds.linkis.flink.alert.failure.user': 'alexyang' };

async function webhdfs(cluster: { url: string }, path: string, op: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${cluster.url}/webhdfs/v1${path}?op=${op}&user.name=hadoop`);
  return { status: res.status, body: await res.json() };
}

async function until<T>(what: string, look: () => T | undefined | Promise<T | undefined>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await look();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe('the sandbox HDFS', () => {
  let s: TestSandbox;
  let jobId: number;
  beforeAll(async () => {
    s = await startTestSandbox({
      clusters: [
        { name: 'GZ_UAT', whetherManager: true, role: 'primary', idc: 'GZ', startDelayMs: 40, checkpointIntervalMs: 150, retainedCheckpoints: 2 },
        { name: 'TJ_UAT', whetherManager: false, role: 'backup', idc: 'TJ', startDelayMs: 40, checkpointIntervalMs: 150, retainedCheckpoints: 2 },
      ],
      syncIntervalMs: 100,
    });
    jobId = await release(s.gz, { jobName: 'ms', policy: 'managerSlave', extra: { jobConfig: { 'wds.linkis.flink.produce': { ...ON, 'wds.streamis.app.highavailable.policy': 'managerSlave' } } } }, aompSource({ isHighAvailable: true }));
    await call(s.gz, 'POST', 'job/execute', { json: { jobId } });
    await waitForStatus(s.gz, jobId, [5]);
  });
  afterAll(async () => {
    await s.close();
  });

  test('a running task writes checkpoints under {root}/{project}/{job}/{taskId}/{flinkJobId}/chk-N and keeps the retained ones', async () => {
    const [task] = s.gz.tasks('p1', 'ms');
    const taskDir = `/flink/flink-checkpoints/managerSlave/p1/ms/${task?.id}`;
    const listed = await webhdfs(s.gz, taskDir, 'LISTSTATUS');
    expect(listed.status).toBe(200);
    const flinkJobId = listed.body.FileStatuses.FileStatus[0].pathSuffix as string;
    expect(flinkJobId).toMatch(/^[0-9a-f]{32}$/);
    const base = `${taskDir}/${flinkJobId}`;
    await until('chk-4', async () => ((await webhdfs(s.gz, `${base}/chk-4/_metadata`, 'GETFILESTATUS')).status === 200 ? true : undefined));
    const names = (await webhdfs(s.gz, base, 'LISTSTATUS')).body.FileStatuses.FileStatus.map((f: any) => f.pathSuffix as string);
    expect(names).toEqual(expect.arrayContaining(['shared', 'taskowned']));
    const chks = names.filter((n: string) => n.startsWith('chk-')).map((n: string) => Number(n.slice(4)));
    // Two retained complete ones, and perhaps the next one in progress.
    expect(chks.length).toBeGreaterThanOrEqual(2);
    expect(chks.length).toBeLessThanOrEqual(3);
    const newest = Math.max(...chks);
    const files = (await webhdfs(s.gz, `${base}/chk-${Math.min(...chks)}`, 'LISTSTATUS')).body.FileStatuses.FileStatus;
    const metadata = files.find((f: any) => f.pathSuffix === '_metadata');
    expect(metadata).toMatchObject({ type: 'FILE', permission: '644', owner: 'hadoop', group: 'supergroup' });
    // Flink writes the state files first and _metadata last.
    for (const f of files.filter((x: any) => x.pathSuffix !== '_metadata')) expect(f.modificationTime).toBeLessThanOrEqual(metadata.modificationTime);
    expect(newest).toBeGreaterThanOrEqual(4);
  });

  test('GETFILESTATUS of a folder, LISTSTATUS of a file, and FileNotFoundException for a path that does not exist', async () => {
    const dir = await webhdfs(s.gz, '/flink/flink-checkpoints/managerSlave/p1', 'GETFILESTATUS');
    expect(dir).toMatchObject({ status: 200, body: { FileStatus: { type: 'DIRECTORY', pathSuffix: '', length: 0, childrenNum: 1 } } });
    expect(typeof dir.body.FileStatus.modificationTime).toBe('number');
    const missing = await webhdfs(s.gz, '/flink/nothing/here', 'LISTSTATUS');
    expect(missing).toEqual({ status: 404, body: { RemoteException: { exception: 'FileNotFoundException', javaClassName: 'java.io.FileNotFoundException', message: 'File /flink/nothing/here does not exist.' } } });
    const bad = await webhdfs(s.gz, '/flink', 'MKDIRS');
    expect(bad.status).toBe(400);
    expect(bad.body.RemoteException.exception).toBe('IllegalArgumentException');
  });

  test('the copy to the other cluster follows, pauses on request, and a halted round leaves a chk-N with _metadata and without its state files', async () => {
    const copyRoot = '/backup/flink-checkpoints/managerSlave/p1/ms';
    await until('a copy on TJ_UAT', () => s.tj.hdfsStatus(copyRoot));
    const pause = await fetch(`${s.gz.url}/__sandbox/sync`, { method: 'POST', body: JSON.stringify({ paused: true }) });
    expect(pause.status).toBe(200);
    const { rounds } = (await (await fetch(`${s.gz.url}/__sandbox/sync`)).json()) as any;
    await sleep(400);
    expect(((await (await fetch(`${s.gz.url}/__sandbox/sync`)).json()) as any)).toMatchObject({ paused: true, target: 'TJ_UAT', rounds });

    await fetch(`${s.gz.url}/__sandbox/sync`, { method: 'POST', body: JSON.stringify({ paused: false, haltAfterFiles: 1 }) });
    await until('the halted round', async () => (((await (await fetch(`${s.gz.url}/__sandbox/sync`)).json()) as any).paused ? true : undefined));
    const [task] = s.gz.tasks('p1', 'ms');
    const taskCopy = `${copyRoot}/${task?.id}`;
    const flinkJobId = (await webhdfs(s.tj, taskCopy, 'LISTSTATUS')).body.FileStatuses.FileStatus[0].pathSuffix;
    const chks = (await webhdfs(s.tj, `${taskCopy}/${flinkJobId}`, 'LISTSTATUS')).body.FileStatuses.FileStatus.map((f: any) => f.pathSuffix as string);
    const newest = chks.sort((a: string, b: string) => Number(b.slice(4)) - Number(a.slice(4)))[0];
    const copied = (await webhdfs(s.tj, `${taskCopy}/${flinkJobId}/${newest}`, 'LISTSTATUS')).body.FileStatuses.FileStatus.map((f: any) => f.pathSuffix);
    expect(copied).toEqual(['_metadata']);
  });

  test('a savepoint is written as savepoint-…/_metadata; a cluster that is down does not answer WebHDFS either', async () => {
    const res = await call(s.gz, 'PUT', 'job/snapshot/{jobId}'.replace('{jobId}', String(jobId)));
    const path = String(res.body.data.path);
    expect(path).toMatch(/^hdfs:\/\/\/flink\/savepoints\/p1\.ms\/savepoint-[0-9a-f]{6}-[0-9a-f]{12}$/);
    expect(s.gz.hdfsStatus(`${path.slice('hdfs://'.length)}/_metadata`)).toMatchObject({ type: 'FILE' });

    await fetch(`${s.gz.url}/__sandbox/down`, { method: 'POST', body: JSON.stringify({ down: true }) });
    await expect(fetch(`${s.gz.url}/webhdfs/v1/flink?op=LISTSTATUS`)).rejects.toThrow();
    await fetch(`${s.gz.url}/__sandbox/down`, { method: 'POST', body: JSON.stringify({ down: false }) });
    expect((await webhdfs(s.gz, '/flink', 'LISTSTATUS')).status).toBe(200);
  });

  test('sync is refused on a cluster in no pair, and a bad body is refused', async () => {
    const bad = await fetch(`${s.gz.url}/__sandbox/sync`, { method: 'POST', body: JSON.stringify({ paused: 'yes' }) });
    expect(bad.status).toBe(400);
    const solo = await startTestSandbox({ clusters: [{ name: 'SOLO', whetherManager: true, role: 'primary', idc: 'GZ' }] });
    try {
      const res = await fetch(`${solo.sandbox.clusters.SOLO?.url}/__sandbox/sync`, { method: 'POST', body: JSON.stringify({ paused: true }) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).error).toContain('SOLO is in no pair');
    } finally {
      await solo.close();
    }
  });
});
