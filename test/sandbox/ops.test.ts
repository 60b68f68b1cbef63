import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { aompSource, call, packageZip, release, startTestSandbox, upload, waitForStatus, type TestSandbox } from './support.js';

let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox();
});
afterAll(async () => s.close());

async function running(jobName: string, o: Parameters<typeof release>[1] = {}): Promise<number> {
  const jobId = await release(s.gz, { jobName, ...o });
  await call(s.gz, 'POST', 'job/execute', { json: { jobId } });
  await waitForStatus(s.gz, jobId, [5]);
  return jobId;
}
const stop = (query: Record<string, string | number | boolean>) => call(s.gz, 'GET', 'job/stop', { query });

describe('job/stop', () => {
  test('stops a running job; with snapshot the savepoint path comes back', async () => {
    const jobId = await running('stop_ok');
    const res = await stop({ jobId, snapshot: true, skipHookError: false });
    expect(res.body).toMatchObject({ status: 0, data: { path: expect.stringMatching(/^hdfs:\/\/\/flink\/savepoints\/p1\.stop_ok\/savepoint-/) } });
    expect(await waitForStatus(s.gz, jobId, [7])).toMatchObject({ status: 'Stopped' });
    // The savepoint is what the next inspect offers to restore from.
    const inspect = await call(s.gz, 'PUT', 'job/execute/inspect', { query: { jobId } });
    expect(inspect.body.data.snapshot.path).toBe(res.body.data.path);
    expect(inspect.body.data.inspections[1]).toBe('snapshot');
  });

  test('without snapshot there is no path; a completed task is left alone (path "")', async () => {
    const jobId = await running('stop_plain');
    expect((await stop({ jobId, snapshot: false, skipHookError: true })).body.data).toEqual({});
    expect((await stop({ jobId, snapshot: true, skipHookError: true })).body.data).toEqual({ path: '' });
  });

  test('a Starting task can be stopped', async () => {
    const jobId = await release(s.gz, { jobName: 'stop_starting' });
    s.gz.holdStarting('p1', 'stop_starting', true);
    await call(s.gz, 'POST', 'job/execute', { json: { jobId } });
    expect((await stop({ jobId, skipHookError: false })).body.status).toBe(0);
    s.gz.holdStarting('p1', 'stop_starting', false);
    await waitForStatus(s.gz, jobId, [7]);
  });

  test.each([
    ['skipHookError missing: the NPE text', (id: number) => ({ jobId: id }), 'NullPointerException: '],
    ['jobId missing', () => ({ skipHookError: false }), 'error code(错误码): 30301, error message(错误信息): jobId cannot be empty!.'],
    ['an unknown job', () => ({ jobId: 999, skipHookError: false }), 'not exists job 999'],
  ])('%s', async (_name, query, message) => {
    const jobId = await running(`stop_err_${Math.random().toString(36).slice(2, 8)}`);
    const res = await stop(query(jobId));
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(message);
  });

  test('a job that never ran cannot be stopped', async () => {
    const jobId = await release(s.gz, { jobName: 'stop_never' });
    const res = await stop({ jobId, skipHookError: false });
    expect(res.body.message).toMatch(/^JobExecuteErrorException: errCode: -1 ,desc: Fail to pause StreamJob\(Task\), message output: .*Unable to find any StreamTask for job \[id: \d+, name: stop_never\]/);
  });

  test('a banned job cannot be stopped', async () => {
    const jobId = await release(s.gz, { jobName: 'stop_banned' });
    await call(s.gz, 'POST', 'job/ban', { json: [jobId] });
    expect((await stop({ jobId, skipHookError: false })).body.message).toBe('Existing Job stop_bannedhas been banned, cannot stop,please enable job');
  });
});

describe('job/snapshot/{jobId}', () => {
  test('a running job gets a savepoint', async () => {
    const jobId = await running('snap_ok');
    const res = await call(s.gz, 'PUT', `job/snapshot/${jobId}`);
    expect(res.body.data.path).toMatch(/^hdfs:\/\/\/flink\/savepoints\/p1\.snap_ok\//);
    expect(s.gz.callCount('job/snapshot/{jobId}')).toBeGreaterThanOrEqual(1);
    expect(s.gz.callCount(`job/snapshot/${jobId}`)).toBe(1);
  });

  test('a job that never ran: path null', async () => {
    const jobId = await release(s.gz, { jobName: 'snap_never' });
    expect((await call(s.gz, 'PUT', `job/snapshot/${jobId}`)).body).toMatchObject({ status: 0, data: { path: null } });
  });

  test('a stopped job: the savepoint fails, with the stack', async () => {
    const jobId = await running('snap_stopped');
    await stop({ jobId, skipHookError: false });
    const res = await call(s.gz, 'PUT', `job/snapshot/${jobId}`);
    expect(res.body.message).toMatch(/^Fail to do a snapshot operation \(快照生成失败\), message: /);
    expect(typeof res.body.data.stack).toBe('string');
  });

  test('unknown job, and a non-numeric id (advice, HTTP 200)', async () => {
    expect((await call(s.gz, 'PUT', 'job/snapshot/999')).body.message).toBe('not exists job 999');
    const bad = await call(s.gz, 'PUT', 'job/snapshot/abc');
    expect(bad.status).toBe(200);
    expect(bad.body.message).toContain('failed to validate request parameter');
  });
});

describe('job/execute/errorMsg', () => {
  test('the latest task row, null when none; jobId required', async () => {
    const jobId = await release(s.gz, { jobName: 'err_none' });
    expect((await call(s.gz, 'GET', 'job/execute/errorMsg', { query: { jobId } })).body.data).toEqual({ details: null });
    expect((await call(s.gz, 'GET', 'job/execute/errorMsg')).body.message).toBe('error code(错误码): 30301, error message(错误信息): jobId cannot be empty!.');
  });
});

describe('job/bulk/execution and job/bulk/pause', () => {
  test('starts every job, asynchronously; Success and Failed are always present', async () => {
    const a = await release(s.gz, { jobName: 'bulk_a' });
    const b = await release(s.gz, { jobName: 'bulk_b' });
    const res = await call(s.gz, 'POST', 'job/bulk/execution', { json: { bulk_sbj: [a, b], sbj_type: 'JOB' } });
    expect(res.body).toMatchObject({ status: 0, message: 'success', data: { total: 2, result: { Success: { count: 2 }, Failed: { count: 0, data: [] } } } });
    expect(res.body.data.result.Success.data[0]).toMatchObject({ jobId: a, taskId: 0, scheduleState: 'Running' });
    await waitForStatus(s.gz, a, [5]);
    await waitForStatus(s.gz, b, [5]);
    const again = await call(s.gz, 'POST', 'job/bulk/execution', { json: { bulkSubject: [a] } });
    expect(again.body.data.result.Failed.count).toBe(1);
    expect(again.body.data.result.Failed.data[0].message).toContain('is still not completed');
    const paused = await call(s.gz, 'POST', 'job/bulk/pause', { json: { bulk_sbj: [a, b], snapshot: true, skipHookError: false } });
    expect(paused.body.data.result.Success.count).toBe(2);
    expect(paused.body.data.result.Success.data[0].snapshotPath).toMatch(/^hdfs:/);
    await waitForStatus(s.gz, a, [7]);
  });

  test('every job is validated before any starts', async () => {
    const ok = await release(s.gz, { jobName: 'bulk_ok' });
    const blocked = await release(s.gz, { jobName: 'bulk_blocked', policy: 'double' });
    const res = await call(s.gz, 'POST', 'job/bulk/execution', { json: { bulk_sbj: [ok, blocked] } });
    expect(res.body.message).toBe('The master and backup cluster materials do not match, please check the material');
    expect(s.gz.jobs().find((j) => j.id === ok)?.status).toBeNull();
  });

  test.each([
    ['execution', { bulk_sbj: [] }, 'The list of jobId/taskId cannot be empty for bulk execution'],
    ['pause', { bulk_sbj: [] }, 'The list of jobId/taskId cannot be empty for bulk pause'],
    ['execution', { bulk_sbj: [999] }, 'Fail to bulk execute job/task(批量执行任务/作业失败), message: null'],
    ['pause', { bulk_sbj: [999] }, 'Fail to bulk pause job/task(批量停止任务/作业失败), message: null'],
  ])('bulk %s refuses %j', async (kind, body, message) => {
    const res = await call(s.gz, 'POST', `job/bulk/${kind}`, { json: body });
    expect(res.body.message).toBe(message);
  });

  test('pausing a job that never ran lands in Failed while the envelope is ok', async () => {
    const jobId = await release(s.gz, { jobName: 'bulk_never' });
    const res = await call(s.gz, 'POST', 'job/bulk/pause', { json: { bulk_sbj: [jobId] } });
    expect(res.body.status).toBe(0);
    expect(res.body.data.result.Failed.data[0].message).toContain('Unable to find any StreamTask');
  });

  test('an unknown property of the typed body is a Spring 400', async () => {
    const res = await call(s.gz, 'POST', 'job/bulk/execution', { json: { bulk_sbj: [1], restore: true } });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('Unrecognized field "restore"');
    expect(res.body).not.toHaveProperty('data');
  });
});

describe('job/ban and job/enable', () => {
  test('ban, refuse a second ban, enable, refuse a second enable', async () => {
    const jobId = await release(s.gz, { jobName: 'ban_me' });
    expect((await call(s.gz, 'POST', 'job/ban', { json: [jobId] })).body).toMatchObject({ status: 0, message: 'success' });
    expect((await call(s.gz, 'POST', 'job/ban', { json: [jobId] })).body.message).toBe(`Job [${jobId}] can not be banned, please check`);
    expect((await call(s.gz, 'POST', 'job/enable', { json: [jobId] })).body.status).toBe(0);
    expect((await call(s.gz, 'POST', 'job/enable', { json: [jobId] })).body.message).toBe(`Present job [${jobId}] can not be activated, please check`);
  });

  test('a running job cannot be banned; checks run before any change', async () => {
    const idle = await release(s.gz, { jobName: 'ban_idle' });
    const busy = await running('ban_busy');
    expect((await call(s.gz, 'POST', 'job/ban', { json: [idle, busy] })).body.message).toBe(`Job [${busy}] can not be banned, please check`);
    expect(s.gz.jobs().find((j) => j.id === idle)?.enable).toBe(true);
  });

  test.each([
    ['ban', [], 'there is no job to be banned, please check'],
    ['enable', [], 'there is no job to be activated, please check'],
    ['ban', [999], 'not exists job 999'],
    ['ban', Array.from({ length: 101 }, (_, i) => i + 1), 'The number of the jobs has exceeded 100, please check!'],
  ])('%s %j', async (kind, ids, message) => {
    expect((await call(s.gz, 'POST', `job/${kind}`, { json: ids })).body.message).toBe(message);
  });

  test('a body that is not an array is a Spring 400', async () => {
    expect((await call(s.gz, 'POST', 'job/ban', { json: { jobId: 1 } })).status).toBe(400);
  });
});

describe('job/updateContent', () => {
  test('branch A rewrites the latest version source in place; other keys survive', async () => {
    const source = aompSource({ releaseId: 'r-77' });
    const jobId = await release(s.gz, { jobName: 'uc_a', policy: 'double' }, source);
    await release(s.gz, { jobName: 'uc_a', policy: 'double' }, source);
    const res = await call(s.gz, 'POST', 'job/updateContent', { json: { jobId, version: 'v00001', highAvailable: true, highAvailableMessage: 'GZ_UAT and TJ_UAT agree' } });
    expect(res.body).toMatchObject({ status: 0, data: { jobContent: { sql: 'select 1' } } });
    const versions = s.gz.jobs().find((j) => j.id === jobId)!.versions;
    // The request's version is ignored: the latest one (v00002) got the verdict.
    expect(versions[0]!.source).toBe(source);
    expect(JSON.parse(versions[1]!.source!)).toEqual({ ...JSON.parse(source), isHighAvailable: true, highAvailableMessage: 'GZ_UAT and TJ_UAT agree' });
    const inspect = await call(s.gz, 'PUT', 'job/execute/inspect', { query: { jobId } });
    expect(inspect.body.data.highavailable).toEqual({ highAvailable: true, msg: 'GZ_UAT and TJ_UAT agree' });
  });

  test('branch A without highAvailable sets it to false', async () => {
    const jobId = await release(s.gz, { jobName: 'uc_default' }, aompSource({ isHighAvailable: true }));
    await call(s.gz, 'POST', 'job/updateContent', { json: { jobId, version: 'v00001' } });
    expect(JSON.parse(s.gz.jobs().find((j) => j.id === jobId)!.versions[0]!.source!)).toMatchObject({ isHighAvailable: false, highAvailableMessage: null });
  });

  test('branch B with args makes a new version with source "update args"', async () => {
    const zip = await packageZip({ jobName: 'uc_b', jobType: 'flink.jar', extra: { jobContent: { 'main.class.jar': 'app.jar', 'main.class': 'M', args: ['a'] } } }, { 'app.jar': 'x' });
    const up = await upload(s.gz, zip, { projectName: 'p1', source: aompSource() });
    const jobId = up.body.data.jobId;
    const res = await call(s.gz, 'POST', 'job/updateContent', { json: { jobId, version: 'v00001', args: ['--topic', 't2'] } });
    expect(res.body.data.jobContent).toMatchObject({ args: ['--topic', 't2'], source: 'update args', mainClassJar: { fileName: 'app.jar', version: 'v00002' } });
    const view = s.gz.jobs().find((j) => j.id === jobId)!;
    expect(view.versions.map((v) => [v.version, v.source === 'update args'])).toEqual([
      ['v00001', false],
      ['v00002', true],
    ]);
    expect(view.currentVersion).toBe('v00002');
    expect((await call(s.gz, 'POST', 'job/updateContent', { json: { jobId, args: ['x'.repeat(2001)] } })).body.message).toBe('args length is too long, please less than 2000');
  });

  test.each([
    ['isHighAvailable is not a property (the JSON name is highAvailable)', { jobId: 1, isHighAvailable: true }],
    ['args must be a list', { jobId: 1, args: 'x' }],
  ])('%s: Spring 400', async (_name, body) => {
    const res = await call(s.gz, 'POST', 'job/updateContent', { json: body });
    expect(res.status).toBe(400);
    expect(res.body).not.toHaveProperty('data');
  });

  test('an unknown job, a banned job', async () => {
    expect((await call(s.gz, 'POST', 'job/updateContent', { json: { jobId: 999 } })).body.message).toContain('NullPointerException');
    const jobId = await release(s.gz, { jobName: 'uc_banned' });
    await call(s.gz, 'POST', 'job/ban', { json: [jobId] });
    expect((await call(s.gz, 'POST', 'job/updateContent', { json: { jobId } })).body.message).toBe('Existing Job uc_bannedhas been banned, cannot update,please enable job');
  });
});

describe('config/json, getHAMsg, username', () => {
  test('the stored configuration, every value a string, defaults filled', async () => {
    const jobId = await release(s.gz, { jobName: 'cfg', policy: 'doubleWithBak' });
    const res = await call(s.gz, 'GET', `config/json/${jobId}`);
    expect(res.body).toMatchObject({ status: 0, message: 'success' });
    expect(res.body.data.editEnable).toBe(true);
    expect(res.body.data['wds.linkis.flink.produce']).toMatchObject({ 'wds.streamis.app.highavailable.policy': 'doubleWithBak', 'linkis.ec.app.manage.mode': 'detach' });
    expect(res.body.data['wds.linkis.flink.resource']['wds.linkis.flink.app.parallelism']).toBe('2');
    expect((await call(s.gz, 'GET', 'config/json/999')).body.message).toBe('Fail to view StreamJob configuration(查看任务配置失败), message: null');
  });

  test('POST config/json replaces the configuration', async () => {
    const jobId = await release(s.gz, { jobName: 'cfg_save', policy: 'double' });
    const saved = await call(s.gz, 'POST', `config/json/${jobId}`, { json: { 'wds.linkis.flink.produce': { 'wds.streamis.app.highavailable.policy': 'single' } } });
    expect(saved.body.status).toBe(0);
    const res = await call(s.gz, 'GET', `config/json/${jobId}`);
    expect(res.body.data['wds.linkis.flink.produce']['wds.streamis.app.highavailable.policy']).toBe('single');
    expect((await call(s.gz, 'POST', `config/json/${jobId}`, { json: { 'wds.linkis.flink.produce': { 'wds.linkis.flink.product': 'a b' } } })).body.message).toBe(
      'The product name of the job is not configured correctly, please check',
    );
  });

  test('getHAMsg names the cluster and whether it is the manager', async () => {
    expect((await call(s.gz, 'GET', 'highAvailable/getHAMsg')).body).toMatchObject({ status: 0, message: 'success', data: { clusterName: 'GZ_UAT', whetherManager: true, clusterIp: expect.any(String) } });
    expect((await call(s.tj, 'GET', 'highAvailable/getHAMsg')).body.data).toMatchObject({ clusterName: 'TJ_UAT', whetherManager: false });
  });
});
