import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { aompSource, call, makeZip, meta, packageZip, release, startTestSandbox, upload, type TestSandbox } from './support.js';

let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox({ deniedProjects: ['locked'] });
});
afterAll(async () => s.close());

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
const versionsOf = (name: string) => s.gz.jobs().find((j) => j.name === name)?.versions.map((v) => v.version) ?? [];

describe('job/upload happy path', () => {
  test('creates v00001, then v00002; the source is stored verbatim; the zip is kept', async () => {
    const zip = await packageZip({ jobName: 'up1' });
    const source = aompSource({ releaseId: 'r-1' });
    const first = await upload(s.gz, zip, { projectName: 'p1', source });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 0, message: 'OK', data: { jobId: expect.any(Number) } });
    const second = await upload(s.gz, zip, { projectName: 'p1', source: aompSource({ releaseId: 'r-2' }) });
    expect(second.body.data.jobId).toBe(first.body.data.jobId);
    const job = s.gz.jobs().find((j) => j.id === first.body.data.jobId)!;
    expect(job.versions.map((v) => v.version)).toEqual(['v00001', 'v00002']);
    expect(job.versions[0]!.source).toBe(source);
    expect(job.versions[0]!.md5).toBe(md5(zip));
    expect(job.currentVersion).toBe('v00002');
    const stored = await readFile(path.join(s.dir, 'clusters', 'GZ_UAT', 'packages', String(job.id), 'v00001.zip'));
    expect(stored.equals(zip)).toBe(true);
    // The other cluster has its own database.
    expect(s.tj.jobs()).toEqual([]);
  });

  test('projectName may come in the query string; repeated values are joined with commas', async () => {
    const ok = await upload(s.gz, await packageZip({ jobName: 'up-query' }), { query: { projectName: 'p1' }, source: aompSource() });
    expect(ok.body.status).toBe(0);
    const joined = await upload(s.gz, await packageZip({ jobName: 'up-joined' }), { query: { projectName: 'p1' }, projectName: 'p1', source: aompSource() });
    expect(joined.body.message).toMatch(/^JobCreateErrorException: errCode: 30030 ,desc: The projectName \[p1,p1\] dose not match metaJson ProjectName \[p1\] ,ip: /);
  });

  test('without standard authentication a package may come with no source (stored as null)', async () => {
    s.gz.setSwitches({ standardAuthentication: false });
    try {
      const res = await upload(s.gz, await packageZip({ jobName: 'up-nosource' }), { projectName: 'p1' });
      expect(res.body.status).toBe(0);
      expect(s.gz.jobs().find((j) => j.name === 'up-nosource')?.versions[0]?.source).toBeNull();
    } finally {
      s.gz.setSwitches({ standardAuthentication: true });
    }
  });

  test('a re-upload while the job runs adds the version without moving currentVersion', async () => {
    const jobId = await release(s.gz, { jobName: 'up_running' });
    await call(s.gz, 'POST', 'job/execute', { json: { jobId } });
    await release(s.gz, { jobName: 'up_running' });
    const list = await call(s.gz, 'GET', 'job/list', { query: { projectName: 'p1', jobName: 'up_running,' } });
    expect(list.body.data.tasks[0]).toMatchObject({ version: 'v00001', lastVersion: 'v00002', versionForwards: 1 });
  });

  test('a banned job still accepts uploads; the config is replaced', async () => {
    const jobId = await release(s.gz, { jobName: 'up-banned', policy: 'double' });
    await call(s.gz, 'POST', 'job/ban', { json: [jobId] });
    const res = await upload(s.gz, await packageZip({ jobName: 'up-banned', policy: 'single' }), { projectName: 'p1', source: aompSource() });
    expect(res.body.status).toBe(0);
    const config = await call(s.gz, 'GET', `config/json/${jobId}`);
    expect(config.body.data['wds.linkis.flink.produce']['wds.streamis.app.highavailable.policy']).toBe('single');
  });
});

describe('job/upload preconditions, in the server order', () => {
  const rootCause = (res: { body: any }) => String(res.body.message);

  test('no file part: Spring 400, not an envelope', async () => {
    const res = await upload(s.gz, Buffer.from(''), { projectName: 'p1', source: aompSource(), partName: null });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, error: 'Bad Request' });
    expect(res.body).not.toHaveProperty('data');
  });

  test('a file part under another name is not the file', async () => {
    const res = await upload(s.gz, await packageZip(), { projectName: 'p1', source: aompSource(), partName: 'upload' });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain("'file'");
  });

  test('not multipart at all: Spring 400', async () => {
    const res = await call(s.gz, 'POST', 'job/upload', { json: { projectName: 'p1' } });
    expect(res.status).toBe(400);
    expect(res.body).not.toHaveProperty('data');
  });

  test.each([
    ['blank project', ''],
    ['no project', undefined],
    ['a project without EDIT privilege', 'locked'],
  ])('%s: no operation permission', async (_name, projectName) => {
    const res = await upload(s.gz, await packageZip({ projectName: projectName || 'p1' }), { projectName, source: aompSource() });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 1, message: 'the current user has no operation permission' });
  });

  test('a name not ending in .zip is 30302, thrown', async () => {
    const res = await upload(s.gz, await packageZip(), { projectName: 'p1', source: aompSource(), fileName: 'job.tar' });
    expect(res.body.message).toBe('error code(错误码): 30302, error message(错误信息): upload file type should be zip(上传的文件类型应为zip类型).');
    expect(res.body.data.errorMsg.errCode).toBe(30302);
  });

  test('a name without any dot makes the server throw a generic error', async () => {
    const res = await upload(s.gz, await packageZip(), { projectName: 'p1', source: aompSource(), fileName: 'job' });
    expect(res.body.message).toBe('operation failed(操作失败)s！the reason(原因)：StringIndexOutOfBoundsException: String index out of range: -1');
  });

  test.each([
    ['no source', undefined],
    ['a source that is not JSON', 'aomp'],
    ['a wrong token', aompSource({ token: 'nope' })],
    ['a token sent as a number', aompSource({ token: 38 })],
    ['another source name', aompSource({ source: 'web' })],
  ])('standard authentication refuses %s', async (_name, source) => {
    const res = await upload(s.gz, await packageZip(), { projectName: 'p1', source });
    expect(res.body).toMatchObject({ status: 1, message: 'As this job is not from standard release, it is not allowed to upload' });
  });

  test('a source that is JSON but not an object fails outside the try (generic)', async () => {
    const res = await upload(s.gz, await packageZip(), { projectName: 'p1', source: '[1,2]' });
    expect(res.body.message).toMatch(/^operation failed\(操作失败\)s！the reason\(原因\)：JsonSyntaxException: .*BEGIN_OBJECT/);
  });

  test('a file name with other characters', async () => {
    const res = await upload(s.gz, await packageZip(), { projectName: 'p1', source: aompSource(), fileName: 'my job.zip' });
    expect(rootCause(res)).toBe('IllegalArgumentException: Invalid characters in file name: my job.zip');
  });

  test('content that is not a zip fails at the unzip step', async () => {
    const res = await upload(s.gz, Buffer.from('this is not a zip file'), { projectName: 'p1', source: aompSource() });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 1, message: 'Exception: ' });
  });

  test.each([
    ['no meta.json', { 'run.sql': 'select 1' }, 'job.zip'],
    ['meta.json in a nested top folder', { 'job/meta.json': JSON.stringify(meta()) }, 'job.zip'],
    ['a base name that contains .zip', { 'meta.json': JSON.stringify(meta()) }, 'a.zip.zip'],
  ])('%s: 30603 meta.json', async (_name, entries, fileName) => {
    const res = await upload(s.gz, await makeZip(entries), { projectName: 'p1', source: aompSource(), fileName });
    expect(rootCause(res)).toMatch(/^FileException: errCode: 30603 ,desc: meta\.json ,ip: 127\.0\.0\.1 ,port: \d+ ,serviceKind: streamis-server$/);
  });

  test.each([
    ['comments', '{"projectName":"p1" /* c */}', /^JsonParseException: /],
    ['unknown top-level key', JSON.stringify({ ...meta(), owner: 'x' }), /^UnrecognizedPropertyException: Unrecognized field "owner"/],
    ['tags as an array', JSON.stringify({ ...meta(), tags: ['a'] }), /^MismatchedInputException: .*java\.lang\.String/],
  ])('meta.json with %s is refused with the Jackson error', async (_name, text, pattern) => {
    const res = await upload(s.gz, await makeZip({ 'meta.json': text }), { projectName: 'p1', source: aompSource() });
    expect(rootCause(res)).toMatch(pattern);
  });

  test.each([
    ['the project names differ', { projectName: 'p2' }, 'The projectName [p1] dose not match metaJson ProjectName [p2]'],
    ['jobName is missing', { jobName: '' }, 'jobName is needed.'],
    ['jobType is unsupported', { jobType: 'flink.python' }, 'jobType flink.python is not supported.'],
    ['jobConfig is missing', { extra: { jobConfig: null } }, 'meta_json does not contain jobConfig, please check'],
    ['the produce group is missing', { extra: { jobConfig: { 'wds.linkis.flink.resource': {} } } }, 'jobConfig does not contain wds.linkis.flink.produce, please check'],
  ])('%s: JobCreateErrorException 30030', async (_name, o, desc) => {
    const res = await upload(s.gz, await packageZip(o), { projectName: 'p1', source: aompSource() });
    expect(rootCause(res)).toMatch(new RegExp(`^JobCreateErrorException: errCode: 30030 ,desc: ${desc.replace(/[[\].]/g, '\\$&')} ,ip: `));
  });

  test('jobType is fixed once created, and nothing is stored', async () => {
    await release(s.gz, { jobName: 'up-type' });
    const res = await upload(s.gz, await packageZip({ jobName: 'up-type', jobType: 'flink.jar' }), { projectName: 'p1', source: aompSource() });
    expect(rootCause(res)).toContain('StreamJob-up-type has already created with jobType flink.sql, you cannot change it to flink.jar.');
    expect(versionsOf('up-type')).toEqual(['v00001']);
  });

  test('a root entry with other characters is 30601; nothing is stored', async () => {
    const res = await upload(s.gz, await packageZip({ jobName: 'up-badentry' }, { 'my file.sql': 'x' }), { projectName: 'p1', source: aompSource() });
    expect(rootCause(res)).toContain("FileException: errCode: 30601 ,desc: my file.sql should only contains numeric/English characters and '-'");
    expect(versionsOf('up-badentry')).toEqual([]);
  });

  test('a directory at the root fails the BML upload', async () => {
    const res = await upload(s.gz, await packageZip({ jobName: 'up-dir' }, { 'lib/a.jar': 'x' }), { projectName: 'p1', source: aompSource() });
    expect(rootCause(res)).toMatch(/^FileNotFoundException: \/tmp\/streamis\/\d{8}\/hadoop\/job_\d{6}\/lib \(Is a directory\)$/);
    expect(versionsOf('up-dir')).toEqual([]);
  });

  test('nested zips at the root are skipped, other root files become the version files', async () => {
    const jar = (resources: string[]) =>
      packageZip({ jobName: 'up_files', jobType: 'flink.jar', extra: { jobContent: { 'main.class.jar': 'app-1.0.jar', 'main.class': 'a.Main', resources } } }, { 'old.zip': 'x', 'app-1.0.jar': 'jar' });
    const first = await upload(s.gz, await jar([]), { projectName: 'p1', source: aompSource() });
    const jobId = first.body.data.jobId as number;
    const content = await call(s.gz, 'GET', 'job/jobContent', { query: { jobId } });
    expect(content.body.data.jobContent.mainClassJar).toMatchObject({ fileName: 'app-1.0.jar', storeType: 'bml', materialType: 'job', version: 'v00001' });
    await upload(s.gz, await jar(['old.zip']), { projectName: 'p1', source: aompSource() });
    const missing = await call(s.gz, 'GET', 'job/jobContent', { query: { jobId } });
    expect(missing.body.message).toBe('error code(错误码): 30500, error message(错误信息): Not exists file old.zip..');
  });

  test('a package over the upload limit is refused by the multipart resolver (HTTP 500, no envelope)', async () => {
    s.gz.setSwitches({ maxUploadMB: 0.01 });
    try {
      const big = await packageZip({ jobName: 'up-big' }, { 'data.bin': randomBytes(64 * 1024) });
      const res = await upload(s.gz, big, { projectName: 'p1', source: aompSource() });
      expect(res.status).toBe(500);
      expect(res.body.message).toContain('Maximum upload size exceeded');
      expect(versionsOf('up-big')).toEqual([]);
    } finally {
      s.gz.setSwitches({ maxUploadMB: 500 });
    }
  });
});
