import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { aompSource, call, packageZip, startTestSandbox, upload, type TestSandbox } from './support.js';

/** A cluster that stops answering, and uploads that share a temp folder on the server. */

const control = (url: string, path: string, body: unknown) => fetch(`${url}/__sandbox/${path}`, { method: 'POST', body: JSON.stringify(body) });

describe('a cluster taken down', () => {
  let s: TestSandbox;
  beforeAll(async () => {
    s = await startTestSandbox();
  });
  afterAll(async () => s.close());

  test('refuse: every API request has its socket destroyed; controls answer; up again it serves', async () => {
    const before = s.gz.callCount('highAvailable/getHAMsg');
    expect((await control(s.gz.url, 'down', { down: true, mode: 'refuse' })).status).toBe(200);
    await expect(call(s.gz, 'GET', 'highAvailable/getHAMsg')).rejects.toThrow();
    await expect(call(s.gz, 'POST', 'job/execute', { json: { jobId: 1 } })).rejects.toThrow();
    // The server never saw them.
    expect(s.gz.callCount('highAvailable/getHAMsg')).toBe(before);
    expect((await fetch(`${s.gz.url}/__sandbox/jobs`)).status).toBe(200);
    // The other cluster is not concerned.
    expect((await call(s.tj, 'GET', 'highAvailable/getHAMsg')).status).toBe(200);
    expect((await control(s.gz.url, 'down', { down: false })).status).toBe(200);
    expect((await call(s.gz, 'GET', 'highAvailable/getHAMsg')).body.status).toBe(0);
  });

  test('hang: requests wait until the cluster is up, then are served', async () => {
    s.gz.setDown(true, 'hang');
    let settled = false;
    const pending = call(s.gz, 'GET', 'highAvailable/getHAMsg').finally(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false);
    expect((await fetch(`${s.gz.url}/__sandbox/calls?path=highAvailable/getHAMsg`)).status).toBe(200);
    s.gz.setDown(false);
    expect((await pending).body.data.clusterName).toBe('GZ_UAT');
  });

  test('down without a mode refuses', async () => {
    expect((await control(s.gz.url, 'down', { down: true })).status).toBe(200);
    await expect(call(s.gz, 'GET', 'highAvailable/getHAMsg')).rejects.toThrow();
    s.gz.setDown(false);
  });

  test.each([[{ down: 'yes' }], [{ down: true, mode: 'sleep' }], [{}]])('a bad down request %j is refused', async (body) => {
    expect((await control(s.gz.url, 'down', body)).status).toBe(400);
  });
});

describe('uploads sharing a temp folder', () => {
  let s: TestSandbox;
  beforeAll(async () => {
    s = await startTestSandbox({ clusters: [{ name: 'GZ_UAT', whetherManager: true, startDelayMs: 40, uploadWorkMs: 300 }, { name: 'TJ_UAT', whetherManager: false, startDelayMs: 40, uploadWorkMs: 300 }] });
  });
  afterAll(async () => s.close());

  const send = async (cluster: TestSandbox['gz'], jobName: string, fileName: string) =>
    upload(cluster, await packageZip({ jobName }), { projectName: 'p1', source: aompSource(), fileName });

  test('two zips of the same name by one user in one second destroy each other; nothing is stored', async () => {
    // Both must land in the same second: start early in one.
    const intoSecond = Date.now() % 1000;
    if (intoSecond > 400) await new Promise((r) => setTimeout(r, 1000 - intoSecond + 5));
    const [a, b] = await Promise.all([send(s.gz, 'col_a', 'release.zip'), send(s.gz, 'col_b', 'release.zip')]);
    for (const res of [a, b]) {
      expect(res.body.status).toBe(1);
      expect(res.body.message).toMatch(/^FileException: errCode: 30603 ,desc: meta\.json ,ip: /);
    }
    expect(s.gz.jobs().filter((j) => j.name.startsWith('col_'))).toEqual([]);
  });

  test('different zip names, or different clusters, do not collide', async () => {
    const results = await Promise.all([send(s.gz, 'sep_a', 'sep_a.zip'), send(s.gz, 'sep_b', 'sep_b.zip'), send(s.tj, 'sep_a', 'sep_a.zip')]);
    expect(results.map((r) => r.body.status)).toEqual([0, 0, 0]);
  });

  test('one after the other, the same name in the same second is fine (each folder is gone before the next)', async () => {
    expect((await send(s.gz, 'seq_a', 'seq.zip')).body.status).toBe(0);
    expect((await send(s.gz, 'seq_b', 'seq.zip')).body.status).toBe(0);
  });

  test('upload-work over HTTP sets how long an upload works', async () => {
    expect((await control(s.tj.url, 'upload-work', { ms: 700 })).status).toBe(200);
    expect((await control(s.tj.url, 'upload-work', { ms: -1 })).status).toBe(400);
    const started = Date.now();
    expect((await send(s.tj, 'w0', 'w0.zip')).body.status).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    await control(s.tj.url, 'upload-work', { ms: 0 });
  });
});
