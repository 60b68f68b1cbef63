import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { aompSource, call, packageZip, release, startTestSandbox, upload, type TestSandbox } from './support.js';

let s: TestSandbox;
let j1: number;
let j2: number;
beforeAll(async () => {
  s = await startTestSandbox({ deniedProjects: ['locked'] });
  j1 = await release(s.gz, { jobName: 'orders' });
  await release(s.gz, { jobName: 'orders' });
  j2 = await release(s.gz, { jobName: 'orders_agg', extra: { tags: 'gold' } });
  await release(s.gz, { projectName: 'p2', jobName: 'orders' });
});
afterAll(async () => s.close());

const list = (query: Record<string, string | number | boolean>) => call(s.gz, 'GET', 'job/list', { query: { projectName: 'p1', ...query } });

describe('job/list', () => {
  test('lists the jobs of one project with the QueryJobListVo fields', async () => {
    const res = await list({});
    expect(res.body.status).toBe(0);
    expect(res.body.data.totalPage).toBe(2);
    const row = res.body.data.tasks.find((t: any) => t.id === j1);
    expect(row).toMatchObject({ name: 'orders', projectName: 'p1', jobType: 'flink.sql', status: 0, version: 'v00002', lastVersion: 'v00002', versionForwards: 0, enable: true, createBy: 'hadoop' });
    expect(typeof row.createTime).toBe('number');
  });

  test.each([
    ['a substring without a comma', { jobName: 'orders' }, ['orders', 'orders_agg']],
    ['an exact name with a trailing comma', { jobName: 'orders,' }, ['orders']],
    ['a label substring', { label: 'gol' }, ['orders_agg']],
    ['a status', { jobStatus: 0 }, ['orders', 'orders_agg']],
    ['enable=false', { enable: false }, []],
    ['a job type', { jobType: 'flink.jar' }, []],
    ['a creator', { jobCreator: 'hadoop', jobName: 'agg' }, ['orders_agg']],
  ])('filters by %s', async (_name, query, names) => {
    const res = await list(query);
    expect(res.body.data.tasks.map((t: any) => t.name).sort()).toEqual(names);
  });

  test('pages; totalPage is the number of jobs', async () => {
    const res = await list({ pageSize: 1, pageNow: 2 });
    expect(res.body.data.tasks).toHaveLength(1);
    expect(res.body.data.totalPage).toBe(2);
  });

  test('projectName is required', async () => {
    const res = await call(s.gz, 'GET', 'job/list');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 1, message: 'Project name cannot be empty(项目名不能为空，请指定)' });
  });

  test('a hyphen in the searched name is refused', async () => {
    const res = await list({ jobName: 'a-b' });
    expect(res.body.message).toBe('查询仅支持大小写字母、数字、下划线、小数点、逗号，且长度小于2000[a-b]');
  });

  test('a non-numeric page is the validation advice (HTTP 200, status 1)', async () => {
    const res = await list({ pageNow: 'x' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe(1);
    expect(res.body.message).toMatch(/^failed to validate request parameter, detail:Failed to convert value/);
  });

  test('a project without privilege lists nothing', async () => {
    const res = await call(s.gz, 'GET', 'job/list', { query: { projectName: 'locked' } });
    expect(res.body.data).toEqual({ tasks: [], totalPage: 0 });
  });
});

describe('job/list labels and pages', () => {
  const p3 = (query: Record<string, string | number>) => call(s.gz, 'GET', 'job/list', { query: { projectName: 'p3', ...query } });
  let started: number;
  beforeAll(async () => {
    await release(s.gz, { projectName: 'p3', jobName: 'k_one', extra: { tags: 'kafka' } });
    await release(s.gz, { projectName: 'p3', jobName: 'k_two', extra: { tags: 'kafka2' } });
    await release(s.gz, { projectName: 'p3', jobName: 'k_upper', extra: { tags: 'Kafka' } });
    await release(s.gz, { projectName: 'p3', jobName: 'mysql_sink', extra: { tags: 'mysql,kafka_src' } });
    started = await release(s.gz, { projectName: 'p3', jobName: 'plain', extra: { tags: 'batch' } });
    await call(s.gz, 'POST', 'job/execute', { json: { jobId: started } });
  });

  test('label is a case-sensitive substring: kafka matches kafka2 and kafka_src, not Kafka', async () => {
    const res = await p3({ label: 'kafka' });
    expect(res.body.data.tasks.map((t: any) => t.name).sort()).toEqual(['k_one', 'k_two', 'mysql_sink']);
    expect(res.body.data.totalPage).toBe(3);
  });

  test('label and jobName together', async () => {
    expect((await p3({ label: 'kafka', jobName: 'k_' })).body.data.tasks.map((t: any) => t.name).sort()).toEqual(['k_one', 'k_two']);
    expect((await p3({ label: 'kafka', jobName: 'k_two,mysql_sink,plain' })).body.data.tasks.map((t: any) => t.name).sort()).toEqual(['k_two', 'mysql_sink']);
  });

  test('pages cover every job once, the last started first; totalPage is the count on every page', async () => {
    const seen: string[] = [];
    for (let pageNow = 1; pageNow <= 3; pageNow += 1) {
      const res = await p3({ pageNow, pageSize: 2 });
      expect(res.body.data.totalPage).toBe(5);
      seen.push(...res.body.data.tasks.map((t: any) => t.name));
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(seen[0]).toBe('plain');
    expect((await p3({ pageNow: 4, pageSize: 2 })).body.data).toEqual({ tasks: [], totalPage: 5 });
  });

  test('default page size is 20', async () => {
    for (let i = 0; i < 17; i += 1) await release(s.gz, { projectName: 'p3', jobName: `bulk_${i}` });
    const res = await p3({});
    expect(res.body.data.tasks).toHaveLength(20);
    expect(res.body.data.totalPage).toBe(22);
  });
});

describe('job/{jobId}/versions and job/version', () => {
  test('newest version string first; id is the job id', async () => {
    const res = await call(s.gz, 'GET', `job/${j1}/versions`);
    expect(res.body.data.totalPage).toBe(2);
    expect(res.body.data.versions.map((v: any) => v.version)).toEqual(['v00002', 'v00001']);
    expect(res.body.data.versions[0]).toMatchObject({ id: j1, createBy: 'hadoop', projectName: 'p1', projectId: null, description: 'a job' });
    expect(res.body.data.versions[0].releaseTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  test('an unknown job', async () => {
    const res = await call(s.gz, 'GET', 'job/999/versions');
    expect(res.body).toMatchObject({ status: 1, message: 'Unknown StreamJob with id: 999(无法找到对应的流任务)' });
  });

  test('a non-numeric path id is the validation advice, HTTP 200', async () => {
    const res = await call(s.gz, 'GET', 'job/abc/versions');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe(1);
    expect(res.body.message).toContain('For input string: "abc"');
  });

  test('job/version returns one detail or null', async () => {
    const res = await call(s.gz, 'GET', 'job/version', { query: { jobId: j1, version: 'v00001' } });
    expect(res.body.data.detail).toMatchObject({ id: j1, version: 'v00001' });
    const none = await call(s.gz, 'GET', 'job/version', { query: { jobId: j1, version: 'v00009' } });
    expect(none.body.data.detail).toBeNull();
  });

  test.each([
    ['no jobId', { version: 'v00001' }, 'error code(错误码): 30301, error message(错误信息): jobId cannot be empty!.'],
    ['no version', { jobId: 1 }, 'error code(错误码): 30301, error message(错误信息): version cannot be empty!.'],
    ['an unknown job', { jobId: 999, version: 'v00001' }, 'operation failed(操作失败)s！the reason(原因)：NullPointerException: '],
  ])('job/version with %s', async (_name, query, message) => {
    const res = await call(s.gz, 'GET', 'job/version', { query });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(message);
  });
});

describe('job/jobInfo and job/jobContent', () => {
  test('jobInfo returns the job row with status always 0, or null', async () => {
    await call(s.gz, 'POST', 'job/execute', { json: { jobId: j2 } });
    const res = await call(s.gz, 'GET', 'job/jobInfo', { query: { jobId: j2 } });
    expect(res.body.data.jobInfo).toMatchObject({ id: j2, name: 'orders_agg', status: 0, enable: true, currentVersion: 'v00001', label: 'gold' });
    const none = await call(s.gz, 'GET', 'job/jobInfo', { query: { jobId: 999 } });
    expect(none.body.data.jobInfo).toBeNull();
  });

  test('flink.sql inline: {sql} only', async () => {
    const res = await call(s.gz, 'GET', 'job/jobContent', { query: { jobId: j1 } });
    expect(res.body.data).toEqual({ jobContent: { sql: 'select 1' }, editEnable: true });
  });

  test('flink.sql from a file of the package', async () => {
    const zip = await packageZip({ jobName: 'from_file', extra: { jobContent: { type: 'file', file: 'run.sql' } } }, { 'run.sql': 'insert into t select * from s' });
    const up = await upload(s.gz, zip, { projectName: 'p1', source: aompSource() });
    const res = await call(s.gz, 'GET', 'job/jobContent', { query: { jobId: up.body.data.jobId } });
    expect(res.body.data.jobContent).toEqual({ sql: 'insert into t select * from s' });
  });

  test('flink.jar exposes the raw source, token included', async () => {
    const zip = await packageZip({ jobName: 'jar_job', jobType: 'flink.jar', extra: { jobContent: { 'main.class.jar': 'app.jar', 'main.class': 'a.Main', args: ['--x', '1'] } } }, { 'app.jar': 'bytes' });
    const source = aompSource({ releaseId: 'r-9' });
    const up = await upload(s.gz, zip, { projectName: 'p1', source });
    const res = await call(s.gz, 'GET', 'job/jobContent', { query: { jobId: up.body.data.jobId, version: 'v00001' } });
    expect(res.body.data.jobContent).toMatchObject({ mainClass: 'a.Main', args: ['--x', '1'], source, hdfsJars: null, highAvailable: null });
  });

  test.each([
    ['the main jar is not in the package', { 'main.class.jar': 'missing.jar', 'main.class': 'a.Main' }, 'Not exists file missing.jar.'],
    ['main.class is missing', { 'main.class.jar': 'app.jar' }, 'main.class is needed.'],
    ['main.class.jar is missing', { 'main.class': 'a.Main' }, 'main.class.jar is needed.'],
  ])('flink.jar content errors are thrown (30500): %s', async (_name, jobContent, desc) => {
    const zip = await packageZip({ jobName: 'bad_jar', jobType: 'flink.jar', extra: { jobContent } }, { 'app.jar': 'x' });
    const up = await upload(s.gz, zip, { projectName: 'p1', source: aompSource() });
    const res = await call(s.gz, 'GET', 'job/jobContent', { query: { jobId: up.body.data.jobId } });
    expect(res.body.message).toBe(`error code(错误码): 30500, error message(错误信息): ${desc}.`);
  });

  test.each([
    ['an unknown type', { type: 'python' }, 'Not recognized type python in jobContent.'],
    ['type sql without sql', { type: 'sql' }, 'No sql is exists when the type is sql in jobContent.'],
    ['type file without file', { type: 'file' }, 'No file is exists when the type is file in jobContent.'],
  ])('flink.sql content errors: %s', async (_name, jobContent, desc) => {
    const up = await upload(s.gz, await packageZip({ jobName: 'bad_sql', extra: { jobContent } }), { projectName: 'p1', source: aompSource() });
    const res = await call(s.gz, 'GET', 'job/jobContent', { query: { jobId: up.body.data.jobId } });
    expect(res.body.message).toBe(`error code(错误码): 30500, error message(错误信息): ${desc}.`);
  });

  test('an unknown job or version', async () => {
    expect((await call(s.gz, 'GET', 'job/jobContent', { query: { jobId: 999 } })).body.message).toContain('NullPointerException');
    expect((await call(s.gz, 'GET', 'job/jobContent', { query: { jobId: j1, version: 'v00042' } })).body.message).toBe('error code(错误码): 30030, error message(错误信息): job has no versions..');
  });
});
