import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { aompSource, call, packageZip, release, startTestSandbox, upload, waitForStatus, type TestSandbox } from './support.js';

let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox();
});
afterAll(async () => s.close());

const inspect = (jobId: number | number[] | string) => call(s.gz, 'PUT', 'job/execute/inspect', { query: { jobId: jobId as never } });
const execute = (body: unknown, cluster = s.gz) => call(cluster, 'POST', 'job/execute', { json: body });

describe('job/execute/inspect', () => {
  test('reports version, snapshot placeholder, list placeholder and the HA verdict', async () => {
    const source = aompSource({ isHighAvailable: false, highAvailableMessage: '首次上传' });
    const jobId = await release(s.gz, { jobName: 'insp', policy: 'double' }, source);
    const res = await inspect(jobId);
    expect(res.status).toBe(200);
    expect(res.body.data.inspections).toEqual(['version', 'list', 'highavailable', 'snapshot']);
    expect(res.body.data.version.now).toMatchObject({ jobId, version: 'v00001', source, createBy: 'hadoop', manageMode: null });
    expect(res.body.data.version).not.toHaveProperty('last');
    expect(res.body.data.highavailable).toEqual({ highAvailable: false, msg: '首次上传' });
    expect(res.body.data.snapshot).toEqual({ path: '获取到了空的快照地址' });
    expect(res.body.data.list.list[0]).toMatchObject({ applicationId: null, applicationUrl: '无' });
  });

  test('after a start, version.last is the version of the latest task and the app is listed', async () => {
    const jobId = await release(s.gz, { jobName: 'insp_run' });
    await execute({ jobId });
    await waitForStatus(s.gz, jobId, [5]);
    await release(s.gz, { jobName: 'insp_run' });
    const res = await inspect(jobId);
    expect(res.body.data.version.now.version).toBe('v00002');
    expect(res.body.data.version.last.version).toBe('v00001');
    expect(res.body.data.list.list[0]).toMatchObject({ applicationState: 'RUNNING', applicationName: 'p1.insp_run' });
  });

  test('several ids: only the last one is answered', async () => {
    const a = await release(s.gz, { jobName: 'insp_a' });
    const b = await release(s.gz, { jobName: 'insp_b' });
    const res = await inspect([a, b]);
    expect(res.body.data.version.now.jobId).toBe(b);
    const comma = await inspect(`${b},${a}`);
    expect(comma.body.data.version.now.jobId).toBe(a);
  });

  test.each([
    ['no alert user', { alertUser: null }, 'The StreamJob alarm recipient is not configured (未配置有效的失败告警用户)  [ID]'],
    ['an empty alert user', { alertUser: '' }, 'The StreamJob alarm recipient is not configured (未配置有效的失败告警用户)  [ID]'],
    ['only hduser accounts', { alertUser: 'hduser01,HDUSER02' }, 'Please configure an alarm recipient other than hduser  [ID]'],
  ])('%s is refused', async (_name, o, message) => {
    const jobId = await release(s.gz, { jobName: 'insp_alert', ...o });
    const res = await inspect(jobId);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(message.replace('ID', String(jobId)));
  });

  test('a banned job and an unknown job', async () => {
    const jobId = await release(s.gz, { jobName: 'insp_banned' });
    await call(s.gz, 'POST', 'job/ban', { json: [jobId] });
    expect((await inspect(jobId)).body.message).toBe('The Job insp_bannedhas been banned, cannot start,please enable job');
    expect((await inspect(999)).body.message).toBe('Unknown StreamJob with id: 999(无法找到对应的流任务)');
  });

  test('no jobId is a Spring 400; a non-number is the advice (HTTP 200)', async () => {
    const missing = await call(s.gz, 'PUT', 'job/execute/inspect');
    expect(missing.status).toBe(400);
    expect(missing.body).not.toHaveProperty('data');
    const bad = await inspect('x');
    expect(bad.status).toBe(200);
    expect(bad.body.status).toBe(1);
  });

  test('an empty source: inspect leaves out highavailable, execute fails with an NPE', async () => {
    s.gz.setSwitches({ standardAuthentication: false });
    let jobId: number;
    try {
      jobId = await release(s.gz, { jobName: 'insp_empty', policy: 'double' }, '');
    } finally {
      s.gz.setSwitches({ standardAuthentication: true });
    }
    const res = await inspect(jobId);
    expect(res.body.data.inspections).toEqual(['version', 'list', 'snapshot']);
    expect(res.body.data).not.toHaveProperty('highavailable');
    expect((await execute({ jobId })).body.message).toBe('operation failed(操作失败)s！the reason(原因)：NullPointerException: ');
  });
});

describe('job/execute', () => {
  test('starts the job: Starting (8), then running (5)', async () => {
    const jobId = await release(s.gz, { jobName: 'ex_ok' });
    const res = await execute({ jobId: String(jobId) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 0, message: 'OK', data: {} });
    const now = await call(s.gz, 'PUT', 'job/status', { json: { id_list: [jobId] } });
    expect(now.body.data.result[0]).toMatchObject({ jobId, status: 'Starting', statusCode: 8 });
    expect(await waitForStatus(s.gz, jobId, [5])).toEqual({ jobId, status: 'running', statusCode: 5 });
  });

  test('a second start while the task is not completed fails with the scheduler output', async () => {
    const jobId = await release(s.gz, { jobName: 'ex_twice' });
    await execute({ jobId });
    const res = await execute({ jobId });
    expect(res.body.message).toMatch(/^JobExecuteErrorException: errCode: -1 ,desc: Fail to execute StreamJob\(Task\), message output: .*Unable to create new task, StreamTask \[\d+\] is still not completed for job \[id: \d+, name: ex_twice\]/);
  });

  test('execute launches the latest uploaded version and makes it current', async () => {
    const jobId = await release(s.gz, { jobName: 'ex_latest' });
    await execute({ jobId });
    await waitForStatus(s.gz, jobId, [5]);
    await call(s.gz, 'GET', 'job/stop', { query: { jobId, snapshot: false, skipHookError: false } });
    await release(s.gz, { jobName: 'ex_latest' });
    await execute({ jobId });
    const info = await call(s.gz, 'GET', 'job/jobInfo', { query: { jobId } });
    expect(info.body.data.jobInfo.currentVersion).toBe('v00002');
  });

  test.each([
    ['no jobId', {}, 'error code(错误码): 30301, error message(错误信息): jobId cannot be empty!.'],
    ['a null jobId', { jobId: null }, 'error code(错误码): 30301, error message(错误信息): jobId cannot be empty!.'],
    ['a non-numeric jobId', { jobId: 'abc' }, 'operation failed(操作失败)s！the reason(原因)：NumberFormatException: For input string: "abc"'],
    ['an unknown job', { jobId: 999 }, 'not exists job 999'],
  ])('%s', async (_name, body, message) => {
    const res = await execute(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(message);
  });

  test('a body that is not a JSON object is a Spring 400', async () => {
    const res = await call(s.gz, 'POST', 'job/execute', { body: 'not json', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body).not.toHaveProperty('data');
  });

  test('spark.jar is not started by Streamis', async () => {
    const zip = await packageZip({ jobName: 'ex_spark', jobType: 'spark.jar', extra: { jobContent: { 'main.class.jar': 'a.jar', 'main.class': 'M' } } }, { 'a.jar': 'x' });
    const up = await upload(s.gz, zip, { projectName: 'p1', source: aompSource() });
    expect((await execute({ jobId: up.body.data.jobId })).body.message).toBe('Job ex_spark is not supported to execute.');
  });

  test('a double job with an aomp source starts only once the verdict is true', async () => {
    const jobId = await release(s.gz, { jobName: 'ex_double', policy: 'double' });
    const blocked = await execute({ jobId });
    expect(blocked.body.message).toBe('The master and backup cluster materials forJob ex_doubledo not match, please check the material');
    await call(s.gz, 'POST', 'job/updateContent', { json: { jobId, version: 'v00001', highAvailable: true, highAvailableMessage: 'consistent' } });
    expect((await execute({ jobId })).body.status).toBe(0);
  });

  test('the HA check comes before the ban check', async () => {
    const jobId = await release(s.gz, { jobName: 'ex_order', policy: 'double' });
    await call(s.gz, 'POST', 'job/ban', { json: [jobId] });
    expect((await execute({ jobId })).body.message).toContain('do not match');
    await call(s.gz, 'POST', 'job/enable', { json: [jobId] });
    await call(s.gz, 'POST', 'job/updateContent', { json: { jobId, highAvailable: true, highAvailableMessage: 'ok' } });
    await call(s.gz, 'POST', 'job/ban', { json: [jobId] });
    expect((await execute({ jobId })).body.message).toBe('Job ex_orderhas been banned, cannot start,please enable job');
  });

  test('managerSlave starts only on the manager cluster', async () => {
    const source = aompSource({ isHighAvailable: true, highAvailableMessage: 'ok' });
    const onBackup = await release(s.tj, { jobName: 'ex_ms', policy: 'managerSlave' }, source);
    expect((await execute({ jobId: onBackup }, s.tj)).body.message).toBe('current Job ex_ms is in managerSlave mode,please check whether it runs on manager cluster');
    const onManager = await release(s.gz, { jobName: 'ex_ms', policy: 'managerSlave' }, source);
    expect((await execute({ jobId: onManager })).body.status).toBe(0);
    s.tj.setWhetherManager(true);
    try {
      expect((await execute({ jobId: onBackup }, s.tj)).body.status).toBe(0);
      expect((await call(s.tj, 'GET', 'highAvailable/getHAMsg')).body.data).toMatchObject({ clusterName: 'TJ_UAT', whetherManager: true });
    } finally {
      s.tj.setWhetherManager(false);
    }
  });

  test('a product name with other characters is refused', async () => {
    const jobId = await release(s.gz, { jobName: 'ex_product', extra: { jobConfig: { 'wds.linkis.flink.produce': { 'wds.linkis.flink.product': 'my-product' } } } });
    expect((await execute({ jobId })).body.message).toBe('The product name of the job is not configured correctly, please check');
  });

  test('failNextStart: the task ends Failed (6) with that error, once', async () => {
    const jobId = await release(s.gz, { jobName: 'ex_fail' });
    s.gz.failNextStart('p1', 'ex_fail', 'yarn application failed: OOM');
    expect((await execute({ jobId })).body.status).toBe(0);
    expect(await waitForStatus(s.gz, jobId, [6])).toEqual({ jobId, status: 'Failed', statusCode: 6, message: 'yarn application failed: OOM' });
    const err = await call(s.gz, 'GET', 'job/execute/errorMsg', { query: { jobId } });
    expect(err.body.data.details).toMatchObject({ jobId, status: 6, errDesc: 'yarn application failed: OOM', version: 'v00001' });
    await execute({ jobId });
    await waitForStatus(s.gz, jobId, [5]);
  });

  test('holdStarting keeps the task Starting until released', async () => {
    const jobId = await release(s.gz, { jobName: 'ex_hold' });
    s.gz.holdStarting('p1', 'ex_hold', true);
    await execute({ jobId });
    await new Promise((r) => setTimeout(r, 150));
    expect(s.gz.jobs().find((j) => j.id === jobId)?.status).toBe(8);
    s.gz.holdStarting('p1', 'ex_hold', false);
    await waitForStatus(s.gz, jobId, [5]);
  });

  test('a launch that cannot resolve the main jar fails at once and the task is Failed', async () => {
    const zip = await packageZip({ jobName: 'ex_nojar', jobType: 'flink.jar', extra: { jobContent: { 'main.class.jar': 'gone.jar', 'main.class': 'M' } } }, { 'a.jar': 'x' });
    const up = await upload(s.gz, zip, { projectName: 'p1', source: aompSource() });
    const res = await execute({ jobId: up.body.data.jobId });
    expect(res.body.message).toContain('Fail to execute StreamJob(Task), message output: JobExecuteErrorException: errCode: 30500 ,desc: Not exists file gone.jar.');
    expect((await waitForStatus(s.gz, up.body.data.jobId, [6])).message).toContain('Not exists file gone.jar.');
  });
});

describe('job/status', () => {
  test('jobs never started are absent; unknown ids are ignored', async () => {
    const jobId = await release(s.gz, { jobName: 'st_never' });
    const res = await call(s.gz, 'PUT', 'job/status', { json: { id_list: [jobId, 999] } });
    expect(res.body).toMatchObject({ status: 0, message: 'success', data: { result: [] } });
  });

  test.each([
    ['an empty list', { id_list: [] }],
    ['no list', {}],
  ])('%s is refused', async (_name, body) => {
    const res = await call(s.gz, 'PUT', 'job/status', { json: body });
    expect(res.body.message).toBe('The list of job id which to refresh the status cannot be null or empty');
  });

  test('a value that is not a list of numbers is a Spring 400', async () => {
    const res = await call(s.gz, 'PUT', 'job/status', { json: { id_list: 3 } });
    expect(res.status).toBe(400);
    expect(res.body).not.toHaveProperty('data');
  });
});
