import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call, release, startTestSandbox, waitForStatus, type TestSandbox } from './support.js';

/** What a start restores from, the config it used, crashes with and without the server's restart. */

const PRODUCE = 'wds.linkis.flink.produce';

function produce(extra: Record<string, string>) {
  return { jobConfig: { [PRODUCE]: { 'wds.linkis.flink.alert.failure.user': 'alexyang', 'wds.streamis.app.highavailable.policy': 'single', ...extra } } };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('restores and the config a start used', () => {
  let s: TestSandbox;
  beforeAll(async () => {
    s = await startTestSandbox();
  });
  afterAll(async () => s.close());

  const start = async (jobId: number) => {
    const res = await call(s.gz, 'POST', 'job/execute', { json: { jobId } });
    expect(res.body.status).toBe(0);
    await waitForStatus(s.gz, jobId, [5]);
  };
  const stopWithSavepoint = async (jobId: number): Promise<string> => {
    const res = await call(s.gz, 'GET', 'job/stop', { query: { jobId, snapshot: true, skipHookError: false } });
    expect(res.body.status).toBe(0);
    return res.body.data.path as string;
  };

  test('a first start restores nothing; the next restores from the savepoint the stop took, as inspect said', async () => {
    const jobId = await release(s.gz, { jobName: 'r_auto' });
    await start(jobId);
    const savepoint = await stopWithSavepoint(jobId);
    expect(savepoint).toMatch(/^hdfs:\/\/\/flink\/savepoints\/p1\.r_auto\//);
    const inspect = await call(s.gz, 'PUT', 'job/execute/inspect', { query: { jobId } });
    expect(inspect.body.data.snapshot).toEqual({ path: savepoint });
    await start(jobId);
    const tasks = s.gz.tasks('p1', 'r_auto');
    expect(tasks.map((t) => t.restoredFrom)).toEqual([null, savepoint]);
    expect(tasks.map((t) => t.status)).toEqual([7, 5]);
    expect(tasks[1]).toMatchObject({ version: 'v00001', startedAt: expect.any(Number) });
  });

  test('a configured savepoint path wins over the latest savepoint', async () => {
    const jobId = await release(s.gz, { jobName: 'r_conf', extra: produce({ 'wds.linkis.flink.savepoint.path': 'hdfs:///ops/sp-1' }) });
    await start(jobId);
    await stopWithSavepoint(jobId);
    await start(jobId);
    expect(s.gz.tasks('p1', 'r_conf').map((t) => t.restoredFrom)).toEqual(['hdfs:///ops/sp-1', 'hdfs:///ops/sp-1']);
  });

  test('auto-restore OFF: no restore, even with a savepoint; inspect shows the notice', async () => {
    const jobId = await release(s.gz, { jobName: 'r_off', extra: produce({ 'wds.linkis.flink.app.start-auto-restore.switch': 'OFF' }) });
    await start(jobId);
    await stopWithSavepoint(jobId);
    const inspect = await call(s.gz, 'PUT', 'job/execute/inspect', { query: { jobId } });
    expect(inspect.body.data.snapshot).toEqual({ path: '任务未开启快照，无需检查快照地址' });
    await start(jobId);
    expect(s.gz.tasks('p1', 'r_off').map((t) => t.restoredFrom)).toEqual([null, null]);
  });

  test('each task keeps a copy of the configuration its start used', async () => {
    const jobId = await release(s.gz, { jobName: 'r_cfg' });
    await start(jobId);
    const before = (await call(s.gz, 'GET', `config/json/${jobId}`)).body.data;
    await stopWithSavepoint(jobId);
    const saved = await call(s.gz, 'POST', `config/json/${jobId}`, { json: { [PRODUCE]: { 'wds.linkis.flink.alert.failure.user': 'ops', 'wds.linkis.flink.app.parallelism': '9' }, 'wds.linkis.flink.resource': { 'wds.linkis.flink.app.parallelism': '9' } } });
    expect(saved.body.status).toBe(0);
    await start(jobId);
    const [first, second] = s.gz.tasks('p1', 'r_cfg');
    const { editEnable: _ignored, ...groups } = before;
    expect(first?.config).toEqual(groups);
    expect(second?.config['wds.linkis.flink.resource']).toEqual({ 'wds.linkis.flink.app.parallelism': '9', 'wds.linkis.flink.jobmanager.memory': '1024', 'wds.linkis.flink.taskmanager.memory': '4096', 'wds.linkis.flink.taskmanager.numberOfTaskSlots': '2', 'wds.linkis.flink.taskmanager.cpus': '2' });
    // A key sent in the wrong group is dropped, so the produce group has none.
    expect(second?.config[PRODUCE]?.['wds.linkis.flink.app.parallelism']).toBeUndefined();
  });

  test('over HTTP: GET /__sandbox/tasks, 404 for a job that does not exist', async () => {
    const jobId = await release(s.gz, { jobName: 'r_http' });
    await start(jobId);
    const res = await fetch(`${s.gz.url}/__sandbox/tasks?projectName=p1&jobName=r_http`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.tasks).toHaveLength(1);
    expect(Object.keys(body.tasks[0]).sort()).toEqual(['config', 'id', 'restoredFrom', 'startedAt', 'status', 'version']);
    expect(body.tasks[0]).toMatchObject({ status: 5, version: 'v00001', restoredFrom: null });
    const missing = await fetch(`${s.gz.url}/__sandbox/tasks?projectName=p1&jobName=nope`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as any).error).toBe('GZ_UAT has no job nope in project p1');
  });
});

describe('crashes', () => {
  let s: TestSandbox;
  beforeAll(async () => {
    s = await startTestSandbox();
  });
  afterAll(async () => s.close());

  const history = async (jobId: number, version = 'v00001') => (await call(s.gz, 'GET', 'job/execute/history', { query: { jobId, version } })).body;

  test('a running task fails afterMs after it reached running, with the message where the server shows errors', async () => {
    const jobId = await release(s.gz, { jobName: 'c_plain' });
    await call(s.gz, 'POST', 'job/execute', { json: { jobId } });
    await waitForStatus(s.gz, jobId, [5]);
    const armed = Date.now();
    s.gz.crash({ projectName: 'p1', jobName: 'c_plain', afterMs: 300, message: 'TaskManager lost: OOM' });
    await sleep(150);
    expect((await waitForStatus(s.gz, jobId, [5])).statusCode).toBe(5);
    const failed = await waitForStatus(s.gz, jobId, [6]);
    expect(Date.now() - armed).toBeGreaterThanOrEqual(250);
    expect(failed.message).toBe('TaskManager lost: OOM');
    expect((await call(s.gz, 'GET', 'job/execute/errorMsg', { query: { jobId } })).body.data.details).toMatchObject({ status: 6, errDesc: 'TaskManager lost: OOM' });
    const h = await history(jobId);
    expect(h.data.totalPage).toBe(1);
    expect(h.data.details[0]).toMatchObject({ status: 'Failed', stopCause: 'TaskManager lost: OOM', version: 'v00001', jobName: 'c_plain', endTime: expect.any(Number) });
    // One shot: the next start runs on.
    await call(s.gz, 'POST', 'job/execute', { json: { jobId } });
    await waitForStatus(s.gz, jobId, [5]);
    await sleep(450);
    expect((await waitForStatus(s.gz, jobId, [5, 6])).statusCode).toBe(5);
  });

  test('armed before the start, it hits the next task to reach running', async () => {
    const jobId = await release(s.gz, { jobName: 'c_next' });
    s.gz.crash({ projectName: 'p1', jobName: 'c_next', afterMs: 100, message: 'lost leader' });
    await call(s.gz, 'POST', 'job/execute', { json: { jobId } });
    await waitForStatus(s.gz, jobId, [5]);
    expect((await waitForStatus(s.gz, jobId, [6])).message).toBe('lost leader');
  });

  test('restart: a new task replaces the failed one, restored from the newest checkpoint, in history and progress', async () => {
    const jobId = await release(s.gz, { jobName: 'c_restart', extra: produce({ 'wds.linkis.flink.checkpoint.switch': 'ON' }) });
    await call(s.gz, 'POST', 'job/execute', { json: { jobId } });
    await waitForStatus(s.gz, jobId, [5]);
    const [first] = s.gz.tasks('p1', 'c_restart');
    const progressBefore = await call(s.gz, 'GET', 'job/progress', { query: { jobId, version: 'v00001' } });
    expect(progressBefore.body.data).toEqual({ taskId: first?.id, progress: 5 });

    const res = await fetch(`${s.gz.url}/__sandbox/crash`, { method: 'POST', body: JSON.stringify({ projectName: 'p1', jobName: 'c_restart', afterMs: 50, message: 'checkpoint expired', restart: true }) });
    expect(res.status).toBe(200);
    const until = Date.now() + 5000;
    while (s.gz.tasks('p1', 'c_restart').length < 2 && Date.now() < until) await sleep(20);
    await waitForStatus(s.gz, jobId, [5]);
    const tasks = s.gz.tasks('p1', 'c_restart');
    expect(tasks.map((t) => t.status)).toEqual([6, 5]);
    expect(tasks[1]?.id).not.toBe(first?.id);
    expect(tasks[1]?.restoredFrom).toMatch(new RegExp(`^hdfs:///flink/flink-checkpoints/single/p1/c_restart/\\d+/[0-9a-f]{32}/chk-1$`));

    const h = await history(jobId);
    expect(h.data.details.map((d: any) => [d.taskId, d.status, d.stopCause])).toEqual([
      [tasks[1]?.id, 'running', null],
      [first?.id, 'Failed', 'checkpoint expired'],
    ]);
    const progress = await call(s.gz, 'GET', 'job/progress', { query: { jobId, version: 'v00001' } });
    expect(progress.body.data).toEqual({ taskId: tasks[1]?.id, progress: 5 });
  });

  test.each([
    [{ projectName: 'p1', jobName: 'x', afterMs: -1, message: 'm' }],
    [{ projectName: 'p1', jobName: 'x', message: 'm' }],
    [{ projectName: 'p1', jobName: 'x', afterMs: 1, message: 'm', restart: 'yes' }],
  ])('a bad crash request %j is refused', async (body) => {
    const res = await fetch(`${s.gz.url}/__sandbox/crash`, { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).ok).toBe(false);
  });
});

describe('job/progress and job/execute/history', () => {
  let s: TestSandbox;
  let jobId: number;
  beforeAll(async () => {
    s = await startTestSandbox();
    jobId = await release(s.gz, { jobName: 'h1' });
  });
  afterAll(async () => s.close());

  test('before any start: no task', async () => {
    expect((await call(s.gz, 'GET', 'job/progress', { query: { jobId, version: 'v00001' } })).body.data).toEqual({ taskId: null, progress: null });
    expect((await call(s.gz, 'GET', 'job/execute/history', { query: { jobId, version: 'v00001' } })).body.data).toEqual({ details: [], totalPage: 0 });
  });

  test.each([
    ['GET', 'job/progress', {}, 'error code(错误码): 30301, error message(错误信息): jobId cannot be empty!.'],
    ['GET', 'job/progress', { jobId: 999 }, 'not exists job 999'],
    ['GET', 'job/execute/history', { version: 'v00001' }, 'error code(错误码): 30301, error message(错误信息): jobId cannot be empty!.'],
    ['GET', 'job/execute/history', { jobId: 1 }, 'error code(错误码): 30301, error message(错误信息): version cannot be empty!.'],
  ])('%s %s %j', async (method, sub, query, message) => {
    const res = await call(s.gz, method, sub, { query });
    expect(res.body.status).toBe(1);
    expect(res.body.message).toBe(message);
  });

  test('progress without a version fails once the job has two versions', async () => {
    await release(s.gz, { jobName: 'h1' });
    const res = await call(s.gz, 'GET', 'job/progress', { query: { jobId } });
    expect(res.body.status).toBe(1);
    expect(res.body.message).toContain('TooManyResultsException');
  });

  test('history pages the tasks of one version, newest first', async () => {
    for (let i = 0; i < 3; i += 1) {
      await call(s.gz, 'POST', 'job/execute', { json: { jobId } });
      await waitForStatus(s.gz, jobId, [5]);
      await call(s.gz, 'GET', 'job/stop', { query: { jobId, skipHookError: false } });
    }
    const ids = s.gz.tasks('p1', 'h1').map((t) => t.id);
    const page = await call(s.gz, 'GET', 'job/execute/history', { query: { jobId, version: 'v00002', pageNow: 2, pageSize: 2 } });
    expect(page.body.data.totalPage).toBe(3);
    expect(page.body.data.details.map((d: any) => d.taskId)).toEqual([ids[0]]);
    expect(page.body.data.details[0]).toMatchObject({ status: 'Stopped', creator: 'hadoop', version: 'v00002', stopCause: null });
  });
});
