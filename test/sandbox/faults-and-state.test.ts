import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/config/load.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { bufferEntry, generatedEntry, writeStoredZip } from '../support/stored-zip.js';
import { aompSource, authHeaders, call, meta, packageZip, release, startTestSandbox, upload, waitForStatus, type TestSandbox } from './support.js';

describe('fault injection', () => {
  let s: TestSandbox;
  beforeAll(async () => {
    s = await startTestSandbox();
  });
  afterAll(async () => s.close());

  test("'error' answers like a failing gateway and does nothing", async () => {
    s.gz.injectFault({ path: 'job/upload', kind: 'error', status: 502 });
    const failed = await upload(s.gz, await packageZip({ jobName: 'f_error' }), { projectName: 'p1', source: aompSource() });
    expect(failed.status).toBe(502);
    expect(failed.text).toContain('502 Bad Gateway');
    expect(s.gz.jobs().find((j) => j.name === 'f_error')).toBeUndefined();
    const next = await upload(s.gz, await packageZip({ jobName: 'f_error' }), { projectName: 'p1', source: aompSource() });
    expect(next.body.status).toBe(0);
  });

  test("'error' defaults to 503 and lasts `count` calls", async () => {
    s.gz.injectFault({ path: 'job/list', kind: 'error', count: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await call(s.gz, 'GET', 'job/list', { query: { projectName: 'p1' } })).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  test("'delay' holds the answer", async () => {
    s.gz.injectFault({ path: 'highAvailable/getHAMsg', kind: 'delay', delayMs: 300 });
    const started = Date.now();
    const res = await call(s.gz, 'GET', 'highAvailable/getHAMsg');
    expect(res.body.status).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  test("'drop' destroys the socket before the server acts", async () => {
    s.gz.injectFault({ path: 'job/upload', kind: 'drop' });
    const zip = await packageZip({ jobName: 'f_drop' });
    await expect(upload(s.gz, zip, { projectName: 'p1', source: aompSource({ releaseId: 'r-drop' }) })).rejects.toThrow();
    // Give a server that (wrongly) acted time to store the version.
    await new Promise((r) => setTimeout(r, 200));
    expect(s.gz.jobs().find((j) => j.name === 'f_drop')).toBeUndefined();
  });

  test('a dropped execute starts nothing', async () => {
    const jobId = await release(s.gz, { jobName: 'f_drop_exec' });
    s.gz.injectFault({ path: 'job/execute', kind: 'drop' });
    await expect(call(s.gz, 'POST', 'job/execute', { json: { jobId } })).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 200));
    expect(s.gz.tasks('p1', 'f_drop_exec')).toEqual([]);
  });

  test("'lost' lets the server carry the upload out, then destroys the socket", async () => {
    s.gz.injectFault({ path: 'job/upload', kind: 'lost' });
    const zip = await packageZip({ jobName: 'f_lost' });
    await expect(upload(s.gz, zip, { projectName: 'p1', source: aompSource({ releaseId: 'r-lost' }) })).rejects.toThrow();
    const job = s.gz.jobs().find((j) => j.name === 'f_lost');
    expect(job?.versions.map((v) => v.version)).toEqual(['v00001']);
    expect(job?.versions[0]?.source).toContain('r-lost');
  });

  test.each([
    ['job/execute', 'POST', (jobId: number) => ({ json: { jobId } })],
    ['job/snapshot/{jobId}', 'PUT', () => ({})],
    ['job/stop', 'GET', (jobId: number) => ({ query: { jobId, snapshot: true, skipHookError: false } })],
  ] as const)("'lost' on %s: carried out, no answer", async (path, method, options) => {
    const name = `f_lost_${path.replace(/\W/g, '_')}`;
    const jobId = await release(s.gz, { jobName: name });
    if (path !== 'job/execute') {
      expect((await call(s.gz, 'POST', 'job/execute', { json: { jobId } })).body.status).toBe(0);
      await waitForStatus(s.gz, jobId, [5]);
    }
    s.gz.injectFault({ path, kind: 'lost' });
    const sub = path.replace('{jobId}', String(jobId));
    await expect(call(s.gz, method, sub, options(jobId))).rejects.toThrow();
    const tasks = s.gz.tasks('p1', name);
    if (path === 'job/execute') {
      expect(tasks).toHaveLength(1);
      await waitForStatus(s.gz, jobId, [5]);
    } else {
      const view = await call(s.gz, 'PUT', 'job/execute/inspect', { query: { jobId } });
      expect(view.body.data.snapshot.path).toMatch(/^hdfs:\/\/\/flink\/savepoints\//);
      if (path === 'job/stop') expect(tasks.at(-1)?.status).toBe(7);
    }
  });

  test('faults can name a templated path; calls are counted under both names', async () => {
    const before = s.gz.callCount('config/json/{jobId}');
    s.gz.injectFault({ path: 'config/json/{jobId}', kind: 'error', status: 500 });
    expect((await call(s.gz, 'GET', 'config/json/1')).status).toBe(500);
    expect(s.gz.callCount('config/json/{jobId}')).toBe(before + 1);
    expect(s.gz.callCount('/config/json/1/')).toBeGreaterThanOrEqual(1);
  });

  test('the same controls over HTTP under /__sandbox/', async () => {
    const post = (p: string, body: unknown) => fetch(`${s.tj.url}/__sandbox/${p}`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post('fault', { path: 'job/list', kind: 'error', status: 504 })).status).toBe(200);
    expect((await call(s.tj, 'GET', 'job/list', { query: { projectName: 'p1' } })).status).toBe(504);
    const calls = await (await fetch(`${s.tj.url}/__sandbox/calls?path=job/list`)).json();
    expect(calls).toEqual({ path: 'job/list', count: 1 });

    expect((await post('manager', { whetherManager: true })).status).toBe(200);
    expect((await call(s.tj, 'GET', 'highAvailable/getHAMsg')).body.data.whetherManager).toBe(true);
    await post('manager', { whetherManager: false });

    expect((await post('switches', { standardAuthentication: false })).status).toBe(200);
    expect((await upload(s.tj, await packageZip({ jobName: 'ctl' }), { projectName: 'p1' })).body.status).toBe(0);
    await post('switches', { standardAuthentication: true });

    const jobId = s.tj.jobs().find((j) => j.name === 'ctl')!.id;
    await post('fail-start', { projectName: 'p1', jobName: 'ctl', message: 'no slots' });
    await call(s.tj, 'POST', 'job/execute', { json: { jobId } });
    expect((await waitForStatus(s.tj, jobId, [6])).message).toBe('no slots');
    await post('hold', { projectName: 'p1', jobName: 'ctl', hold: true });
    await call(s.tj, 'POST', 'job/execute', { json: { jobId } });
    await new Promise((r) => setTimeout(r, 120));
    const jobs = (await (await fetch(`${s.tj.url}/__sandbox/jobs`)).json()) as any;
    expect(jobs.jobs.find((j: any) => j.id === jobId)).toMatchObject({ status: 8, name: 'ctl', versions: [{ version: 'v00001', source: null }] });
    await post('hold', { projectName: 'p1', jobName: 'ctl', hold: false });
    await waitForStatus(s.tj, jobId, [5]);
  });

  test.each([
    ['fault', { path: 'job/list', kind: 'explode' }, 400],
    ['fault', { path: 'job/list', kind: 'error', count: 0 }, 400],
    ['manager', { whetherManager: 'yes' }, 400],
    ['nothing', {}, 404],
  ])('a bad control request (%s %j) is refused', async (p, body, status) => {
    const res = await fetch(`${s.gz.url}/__sandbox/${p}`, { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(status);
    expect(((await res.json()) as any).ok).toBe(false);
  });
});

describe('state folder', () => {
  test('a restart keeps jobs, versions, stored packages, tasks and tokens; --reset clears them', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-sandbox-restart-'));
    try {
      const first = await startTestSandbox({ dir });
      const jobId = await release(first.gz, { jobName: 'keep' });
      await call(first.gz, 'POST', 'job/execute', { json: { jobId } });
      await waitForStatus(first.gz, jobId, [5]);
      const token = first.gz.token;
      const before = first.gz.jobs();
      await first.close();

      const second = await startTestSandbox({ dir });
      expect(second.gz.token).toBe(token);
      expect(second.gz.jobs()).toEqual(before);
      expect((await call(second.gz, 'PUT', 'job/status', { json: { id_list: [jobId] } })).body.data.result[0].statusCode).toBe(5);
      const next = await upload(second.gz, await packageZip({ jobName: 'keep' }), { projectName: 'p1', source: aompSource() });
      expect(next.body.data.jobId).toBe(jobId);
      expect(second.gz.jobs()[0]!.versions.map((v) => v.version)).toEqual(['v00001', 'v00002']);
      await second.close();

      const third = await startTestSandbox({ dir, reset: true });
      expect(third.gz.jobs()).toEqual([]);
      expect(third.gz.token).not.toBe(token);
      await third.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the state file is JSON written whole', async () => {
    const s = await startTestSandbox();
    try {
      await release(s.gz, { jobName: 'file' });
      const state = JSON.parse(await readFile(path.join(s.dir, 'clusters', 'GZ_UAT', 'state.json'), 'utf8'));
      expect(state.jobs.map((j: any) => j.name)).toEqual(['file']);
    } finally {
      await s.close();
    }
  });
});

describe('config file, CMDB stub, default clusters', () => {
  let dir: string;
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stms-sandbox-default-'));
    sandbox = await startSandbox({ dir });
  });
  afterAll(async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('three clusters: GZ_UAT manager, TJ_UAT and SH_DR not', async () => {
    expect(Object.keys(sandbox.clusters)).toEqual(['GZ_UAT', 'TJ_UAT', 'SH_DR']);
    for (const [name, manager] of [['GZ_UAT', true], ['TJ_UAT', false], ['SH_DR', false]] as const) {
      const res = await call(sandbox.clusters[name]!, 'GET', 'highAvailable/getHAMsg');
      expect(res.body.data).toMatchObject({ clusterName: name, whetherManager: manager });
    }
  });

  test('stms.config.json loads with the config loader and points at the clusters', async () => {
    const raw = JSON.parse(await readFile(sandbox.configFile, 'utf8'));
    expect(raw).not.toHaveProperty('deployUser');
    const config = await resolveConfig(raw, sandbox.configFile, {});
    expect(config.pairs).toEqual([['GZ_UAT', 'TJ_UAT']]);
    expect(config.clusters.GZ_UAT).toMatchObject({ url: sandbox.clusters.GZ_UAT!.url, tokenCode: sandbox.clusters.GZ_UAT!.token, idc: 'GZ', role: 'primary', maxUploadMB: 500 });
    expect(config.clusters.SH_DR).toMatchObject({ idc: 'SH', role: 'dr', policies: ['singleWithBak', 'doubleWithBak', 'managerSlaveWithBak'] });
    expect(config.cmdb).toEqual({ kind: 'file', file: sandbox.cmdbFile });
    expect(JSON.parse(await readFile(sandbox.cmdbFile, 'utf8'))).toEqual({ apps: [] });
  });

  test('the CMDB answers from cmdb.json, read on every request', async () => {
    const record = { projectName: 'p1', jobName: 'j1', haPolicy: 'double', clusters: ['GZ_UAT', 'TJ_UAT'], subsystem: '5632', owner: 'alexyang' };
    expect((await fetch(`${sandbox.cmdbUrl}/apps/p1/j1`)).status).toBe(404);
    await writeFile(sandbox.cmdbFile, JSON.stringify({ apps: [record] }));
    const found = await fetch(`${sandbox.cmdbUrl}/apps/p1/j1`, { headers: { authorization: 'Bearer anything' } });
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual(record);
    const missing = await fetch(`${sandbox.cmdbUrl}/apps/p1/other`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not registered' });
    expect(await (await fetch(`${sandbox.cmdbUrl}/apps`)).json()).toEqual({ apps: [record] });
    expect((await fetch(`${sandbox.cmdbUrl}/elsewhere`)).status).toBe(404);
    await writeFile(sandbox.cmdbFile, '{ broken');
    const broken = await fetch(`${sandbox.cmdbUrl}/apps/p1/j1`);
    expect(broken.status).toBe(500);
    expect(((await broken.json()) as any).error).toContain('not valid JSON');
  });

  test('every server listens on 127.0.0.1 only', () => {
    for (const c of Object.values(sandbox.clusters)) expect(c.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.cmdbUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('a large upload streams to disk (the body is not buffered)', async () => {
    const gz = sandbox.clusters.GZ_UAT!;
    const size = 128 * 1024 * 1024;
    const zipFile = path.join(dir, 'big.zip');
    await writeBigZip(zipFile, JSON.stringify(meta({ jobName: 'big' })), size);
    const zipSize = (await stat(zipFile)).size;
    const boundary = 'sandboxboundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="projectName"\r\n\r\np1\r\n--${boundary}\r\nContent-Disposition: form-data; name="source"\r\n\r\n${aompSource()}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.zip"\r\nContent-Type: application/zip\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const rssBefore = process.memoryUsage().rss;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${gz.url}/api/rest_j/v1/streamis/streamJobManager/job/upload`,
        { method: 'POST', headers: { ...authHeaders(gz), 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + zipSize + tail.length } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.write(head);
      const body = createReadStream(zipFile);
      body.on('end', () => req.end(tail));
      body.pipe(req, { end: false });
    });
    expect(status).toBe(200);
    // Client and server share this process: neither may hold the package in memory.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(size / 2);
    const job = gz.jobs().find((j) => j.name === 'big');
    expect(job?.versions[0]?.md5).toBe(createHash('md5').update(await readFile(zipFile)).digest('hex'));
  });
});

/** A zip with a large stored (uncompressed) entry, written 1 MiB at a time. */
async function writeBigZip(file: string, metaJson: string, size: number): Promise<void> {
  await writeStoredZip(file, [bufferEntry('meta.json', metaJson), generatedEntry('data.bin', size)]);
}

describe('latency', () => {
  test('latencyMs holds every API answer, as a distant gateway would', async () => {
    const s = await startTestSandbox({ clusters: [{ name: 'FAR', whetherManager: true, latencyMs: 200 }] });
    try {
      const far = s.sandbox.clusters.FAR!;
      const started = Date.now();
      const res = await call(far, 'GET', 'highAvailable/getHAMsg');
      expect(res.body.status).toBe(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    } finally {
      await s.close();
    }
  });
});

describe("'late' fault", () => {
  test('the gateway answers 504 once the upload is in, and the server stores it later', async () => {
    const s = await startTestSandbox();
    try {
      s.gz.injectFault({ path: 'job/upload', kind: 'late', delayMs: 400 });
      const res = await upload(s.gz, await packageZip({ jobName: 'f_late' }), { projectName: 'p1', source: aompSource({ releaseId: 'r-late' }) });
      expect(res.status).toBe(504);
      expect(s.gz.jobs().find((j) => j.name === 'f_late')).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 700));
      const job = s.gz.jobs().find((j) => j.name === 'f_late');
      expect(job?.versions.map((v) => v.version)).toEqual(['v00001']);
      expect(job?.versions[0]?.source).toContain('r-late');
    } finally {
      await s.close();
    }
  });
});
