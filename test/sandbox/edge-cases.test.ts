import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox, type Sandbox, type SandboxClusterHandle } from '../../src/sandbox/index.js';
import { aompSource, API, authHeaders, call, packageZip, release, startTestSandbox, upload, waitForStatus, type TestSandbox } from './support.js';

describe('request binding errors', () => {
  let s: TestSandbox;
  beforeAll(async () => {
    s = await startTestSandbox();
  });
  afterAll(async () => s.close());

  test.each([
    ['a body that is not JSON by its content type', { body: '{"jobId":1}', headers: { 'content-type': 'text/plain' } }, 415],
    ['no body', { headers: { 'content-type': 'application/json' } }, 400],
  ])('%s: Spring %d', async (_name, options, status) => {
    const res = await call(s.gz, 'POST', 'job/execute', options);
    expect(res.status).toBe(status);
    expect(res.body).not.toHaveProperty('data');
  });

  test('a JSON body over 16 MB is refused', async () => {
    const res = await call(s.gz, 'PUT', 'job/status', { body: `{"id_list":[1],"pad":"${'x'.repeat(17 * 1024 * 1024)}"}`, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
  });

  test('a malformed multipart body is a Spring 400', async () => {
    const res = await fetch(`${s.gz.url}${API}job/upload`, {
      method: 'POST',
      headers: { ...authHeaders(s.gz), 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.zip"\r\n\r\nno end boundary',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).message).toContain('Failed to parse multipart');
  });

  test('an upload the client abandons mid-body leaves no partial file, and the server goes on', async () => {
    const uploads = path.join(s.dir, 'clusters', 'GZ_UAT', 'uploads');
    const boundary = 'abandoned';
    const req = httpRequest(`${s.gz.url}${API}job/upload?projectName=p1`, {
      method: 'POST',
      headers: { ...authHeaders(s.gz), 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(50 * 1024 * 1024) },
    });
    req.on('error', () => undefined);
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.zip"\r\nContent-Type: application/zip\r\n\r\n`);
    req.write(Buffer.alloc(4 * 1024 * 1024, 7));
    // The partial file exists while the body arrives...
    const until = Date.now() + 5_000;
    while ((await readdir(uploads)).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect((await readdir(uploads)).length).toBe(1);
    req.destroy();
    // ...and is removed once the client is gone.
    while ((await readdir(uploads)).length > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(await readdir(uploads)).toEqual([]);
    expect((await call(s.gz, 'GET', 'highAvailable/getHAMsg')).body.status).toBe(0);
  });

  test('paths outside the API are 404', async () => {
    const res = await fetch(`${s.gz.url}/api/rest_j/v1/user/login`, { headers: authHeaders(s.gz) });
    expect(res.status).toBe(404);
  });

  test('an unknown control is 404', async () => {
    expect((await fetch(`${s.gz.url}/__sandbox/nothing`)).status).toBe(404);
  });
});

describe('job types Streamis does not manage, and task-id bulk starts', () => {
  let s: TestSandbox;
  let spark: number;
  beforeAll(async () => {
    s = await startTestSandbox();
    const zip = await packageZip({ jobName: 'sp', jobType: 'spark.jar', extra: { jobContent: { 'main.class.jar': 'a.jar', 'main.class': 'M' } } }, { 'a.jar': 'x' });
    spark = (await upload(s.gz, zip, { projectName: 'p1', source: aompSource() })).body.data.jobId;
  });
  afterAll(async () => s.close());

  test('spark.jar: no snapshot; stop only marks a running task', async () => {
    expect((await call(s.gz, 'PUT', `job/snapshot/${spark}`)).body.message).toBe('Job sp is not supported to do snapshot.');
    expect((await call(s.gz, 'GET', 'job/stop', { query: { jobId: spark } })).body.status).toBe(0);
    const content = await call(s.gz, 'GET', 'job/jobContent', { query: { jobId: spark } });
    expect(content.body.data.jobContent.mainClassJar).toMatchObject({ storeType: '<Unknown>', storePath: '<Unknown>' });
  });

  test('a bulk start by task id restarts that task’s job; an unknown task id fails', async () => {
    const jobId = await release(s.gz, { jobName: 'by_task' });
    await call(s.gz, 'POST', 'job/execute', { json: { jobId } });
    await waitForStatus(s.gz, jobId, [5]);
    await call(s.gz, 'GET', 'job/stop', { query: { jobId, skipHookError: false } });
    const taskId = (await call(s.gz, 'GET', 'job/execute/errorMsg', { query: { jobId } })).body.data.details.id;
    const res = await call(s.gz, 'POST', 'job/bulk/execution', { json: { bulk_sbj: [taskId, 999], sbj_type: 'TASK' } });
    expect(res.body.data.result.Success.data[0]).toMatchObject({ jobId: 0, taskId });
    expect(res.body.data.result.Failed.data[0]).toMatchObject({ taskId: 999, message: 'Unable to find the StreamTask [999]' });
    await waitForStatus(s.gz, jobId, [5]);
  });
});

describe('permissions: a user who neither created the job nor has the project', () => {
  let dir: string;
  let sandbox: Sandbox;
  let alice: SandboxClusterHandle;
  let denied: number;
  let visible: number;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stms-sandbox-perm-'));
    const spec = { name: 'GZ_UAT', whetherManager: true, startDelayMs: 30 };
    const first = await startSandbox({ dir, clusters: [spec] });
    const hadoop = first.clusters.GZ_UAT!;
    denied = await release(hadoop, { projectName: 'shared', jobName: 'owned' });
    visible = await release(hadoop, { projectName: 'shared', jobName: 'open', extra: { jobConfig: { 'wds.linkis.flink.produce': { 'wds.linkis.flink.alert.failure.user': 'ops' }, 'wds.linkis.flink.authority': { 'wds.linkis.flink.authority.visible': 'bob,alice' } } } });
    await first.close();
    // The same state, now used by alice, who has no privilege on `shared`.
    sandbox = await startSandbox({ dir, clusters: [{ ...spec, tokenUser: 'alice' }], deniedProjects: ['shared'] });
    alice = sandbox.clusters.GZ_UAT!;
  });
  afterAll(async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  test.each([
    ['GET', 'job/{id}/versions', {}, 'Have no permission to get Job details of StreamJob [ID]'],
    ['GET', 'job/version', { version: 'v00001' }, 'Have no permission to view versions of StreamJob [ID]'],
    ['GET', 'job/jobContent', {}, 'Have no permission to view job details of StreamJob [ID]'],
    ['PUT', 'job/execute/inspect', {}, 'Have no permission to inspect the StreamJob [ID]'],
    ['GET', 'job/stop', { skipHookError: false }, 'Have no permission to kill/stop StreamJob [ID]'],
    ['PUT', 'job/snapshot/{id}', {}, 'Have no permission to do snapshot for StreamJob [ID]'],
    ['GET', 'job/execute/errorMsg', {}, 'Have no permission to get Job details of StreamJob [ID]'],
    ['GET', 'config/json/{id}', {}, 'Have no permission to get Job details of StreamJob [ID]'],
  ])('%s %s', async (method, sub, query, message) => {
    const res = await call(alice, method, sub.replace('{id}', String(denied)), { query: { ...(sub.includes('{id}') ? {} : { jobId: denied }), ...query } });
    expect(res.body.message).toBe(message.replace('ID', String(denied)));
  });

  test.each([
    ['job/execute', (id: number) => ({ jobId: id }), 'Have no permission to execute StreamJob [ID]'],
    ['job/updateContent', (id: number) => ({ jobId: id }), 'Have no permission to update job details of StreamJob [ID]'],
    ['job/ban', (id: number) => [id], 'Have no permission to ban StreamJob [ID] configuration'],
    ['job/bulk/execution', (id: number) => ({ bulk_sbj: [id] }), 'Fail to bulk execute job/task(批量执行任务/作业失败), message: errCode: -1 ,desc: Have no permission to execute StreamJob [ID]'],
    ['config/json/ID', () => ({}), 'Fail to save StreamJob configuration(保存/更新任务配置失败), message: Have no permission to save StreamJob [ID] configuration'],
  ])('POST %s', async (sub, body, message) => {
    const res = await call(alice, 'POST', sub.replace('ID', String(denied)), { json: body(denied) });
    expect(res.body.message.startsWith(message.replace('ID', String(denied)))).toBe(true);
  });

  test('a user listed in wds.linkis.flink.authority.visible is treated like the creator', async () => {
    expect((await call(alice, 'POST', 'job/execute', { json: { jobId: visible } })).body.status).toBe(0);
    await waitForStatus(alice, visible, [5]);
  });

  test('a visible user may read the configuration but not save it (creator, developers or EDIT only)', async () => {
    expect((await call(alice, 'GET', `config/json/${visible}`)).body.status).toBe(0);
    const res = await call(alice, 'POST', `config/json/${visible}`, { json: { 'wds.linkis.flink.produce': { 'wds.linkis.flink.alert.failure.user': 'alice' } } });
    expect(res.body.message).toBe(`Fail to save StreamJob configuration(保存/更新任务配置失败), message: Have no permission to save StreamJob [${visible}] configuration`);
  });

  test('upload into the project is refused; the list shows nothing there', async () => {
    const res = await upload(alice, await packageZip({ projectName: 'shared', jobName: 'new' }), { projectName: 'shared', source: aompSource() });
    expect(res.body.message).toBe('the current user has no operation permission');
    expect((await call(alice, 'GET', 'job/list', { query: { projectName: 'shared' } })).body.data.totalPage).toBe(0);
  });
});

describe('config/json saves by a developer (wds.streamis.developer)', () => {
  test('davidhua saves the configuration of a job in a project where he has no privilege', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-sandbox-dev-'));
    const spec = { name: 'GZ_UAT', whetherManager: true, startDelayMs: 30 };
    try {
      const first = await startSandbox({ dir, clusters: [spec] });
      const jobId = await release(first.clusters.GZ_UAT!, { projectName: 'shared', jobName: 'owned' });
      await first.close();
      const second = await startSandbox({ dir, clusters: [{ ...spec, tokenUser: 'davidhua' }], deniedProjects: ['shared'] });
      try {
        const cluster = second.clusters.GZ_UAT!;
        const saved = await call(cluster, 'POST', `config/json/${jobId}`, { json: { 'wds.linkis.flink.produce': { 'wds.linkis.flink.alert.failure.user': 'davidhua' } } });
        expect(saved.body).toMatchObject({ status: 0, message: 'success' });
        // Reading needs own-or-access, which a developer does not have.
        expect((await call(cluster, 'GET', `config/json/${jobId}`)).body.message).toBe(`Have no permission to get Job details of StreamJob [${jobId}]`);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('config/json saves', () => {
  let s: TestSandbox;
  beforeAll(async () => {
    s = await startTestSandbox();
  });
  afterAll(async () => s.close());

  test.each([
    ['an unknown job', () => 999, {}, 'Fail to save StreamJob configuration(保存/更新任务配置失败), message: null'],
  ])('%s', async (_name, id, body, message) => {
    const res = await call(s.gz, 'POST', `config/json/${await id()}`, { json: body });
    expect(res.body.message).toBe(message);
  });

  test('a body that is not a map is Spring\'s 400, not an envelope', async () => {
    const jobId = await release(s.gz, { jobName: 'cfg_arr' });
    const res = await call(s.gz, 'POST', `config/json/${jobId}`, { json: [1] });
    expect(res.status).toBe(400);
    expect(res.body.method).toBeUndefined();
    expect(res.body.error).toBe('Bad Request');
    expect(res.text).toContain('Cannot deserialize value of type `java.util.LinkedHashMap');
  });

  test('the map is replaced whole: keys not sent go, defaults come back, misplaced keys and unknown groups are dropped', async () => {
    const jobId = await release(s.gz, { jobName: 'cfg_whole', extra: { jobConfig: { 'wds.linkis.flink.produce': { 'wds.linkis.flink.alert.failure.user': 'ops', 'my.custom': 'x' }, 'wds.linkis.flink.custom': { 'state.backend': 'rocksdb' } } } });
    const before = (await call(s.gz, 'GET', `config/json/${jobId}`)).body.data;
    expect(before['wds.linkis.flink.custom']).toEqual({ 'state.backend': 'rocksdb' });
    const body = {
      ...before,
      'wds.linkis.flink.produce': { 'wds.linkis.flink.alert.failure.user': 'ops', 'wds.linkis.flink.app.parallelism': '8', nested: { a: 1 }, list: ['a', 'b'], n: 3, gone: null },
      'wds.linkis.flink.custom': undefined,
      'wds.linkis.flink.alert': { 'wds.linkis.flink.alert.rule': 'x' },
      template: { ignored: true },
    };
    expect((await call(s.gz, 'POST', `config/json/${jobId}`, { json: body })).body).toMatchObject({ status: 0, message: 'success', data: {} });
    const after = (await call(s.gz, 'GET', `config/json/${jobId}`)).body.data;
    expect(Object.keys(after).sort()).toEqual(['editEnable', 'wds.linkis.flink.produce', 'wds.linkis.flink.resource']);
    expect(after['wds.linkis.flink.produce']).toEqual({
      'wds.linkis.flink.alert.failure.user': 'ops',
      list: '[a, b]',
      n: '3',
      'wds.linkis.flink.checkpoint.switch': 'OFF',
      'wds.linkis.flink.app.fail-restart.switch': 'OFF',
      'wds.linkis.flink.app.start-auto-restore.switch': 'ON',
      'linkis.ec.app.manage.mode': 'detach',
    });
    expect(after['wds.linkis.flink.resource']['wds.linkis.flink.app.parallelism']).toBe('4');
  });

  test('wds.streamis.job.config.edit.enable off: GET says editEnable false, POST is refused first', async () => {
    const jobId = await release(s.gz, { jobName: 'cfg_locked' });
    const set = (value: boolean) => fetch(`${s.gz.url}/__sandbox/switches`, { method: 'POST', body: JSON.stringify({ configEditEnable: value }) });
    expect((await set(false)).status).toBe(200);
    try {
      expect((await call(s.gz, 'GET', `config/json/${jobId}`)).body.data.editEnable).toBe(false);
      const res = await call(s.gz, 'POST', `config/json/${jobId}`, { json: { 'wds.linkis.flink.produce': { 'wds.linkis.flink.product': 'a b' } } });
      expect(res.body.message).toBe('job config cannot be changed,please contact the admin for advice');
    } finally {
      await set(true);
    }
    expect((await call(s.gz, 'GET', `config/json/${jobId}`)).body.data.editEnable).toBe(true);
  });

  test('a banned job', async () => {
    const jobId = await release(s.gz, { jobName: 'cfg_banned' });
    await call(s.gz, 'POST', 'job/ban', { json: [jobId] });
    expect((await call(s.gz, 'POST', `config/json/${jobId}`, { json: {} })).body.message).toBe('current Job cfg_banned has been banned, please enable job');
  });
});

describe('startSandbox options', () => {
  test('portBase: cluster i on portBase+i, the CMDB after them; writeConfig false writes nothing', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-sandbox-ports-'));
    // A port that was free a moment ago; the two after it are very likely free too.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const base = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const sandbox = await startSandbox({ dir, portBase: base, writeConfig: false, clusters: [{ name: 'A_1', whetherManager: true }, { name: 'B_1', whetherManager: false }] });
    try {
      expect(sandbox.clusters.A_1!.url).toBe(`http://127.0.0.1:${base}`);
      expect(sandbox.clusters.B_1!.url).toBe(`http://127.0.0.1:${base + 1}`);
      expect(sandbox.cmdbUrl).toBe(`http://127.0.0.1:${base + 2}`);
      await expect(access(sandbox.configFile)).rejects.toThrow();
      await expect(access(sandbox.cmdbFile)).rejects.toThrow();
    } finally {
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test.each([
    [[{ name: 'A', whetherManager: true }, { name: 'A', whetherManager: false }], 'unique'],
    [[{ name: 'A B', whetherManager: true }], 'letters, digits'],
  ])('refuses clusters %j', async (clusters, message) => {
    await expect(startSandbox({ dir: os.tmpdir(), clusters })).rejects.toThrow(message);
  });
});
