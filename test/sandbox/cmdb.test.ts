import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileCmdb } from '../../src/cmdb/file-backend.js';
import { httpCmdb } from '../../src/cmdb/http-backend.js';
import type { CmdbRecord } from '../../src/cmdb/types.js';
import { ConfigError, InterruptedError, RemoteError } from '../../src/errors.js';
import { policyPackage, uploadCalls } from '../e2e/release-support.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { startTestSandbox, type TestSandbox } from './support.js';

// The file CMDB (the stub's format) and the HTTP CMDB backend over real sockets: against the sandbox's CMDB stub, against small servers
// that misbehave, and through the built binary (`cmdb: { url }` in the config).

const record: CmdbRecord = { projectName: 'p1', jobName: 'j1', haPolicy: 'double', clusters: ['GZ_UAT', 'TJ_UAT'], subsystem: '5632', owner: 'alexyang' };

async function failure(promise: Promise<unknown>): Promise<RemoteError> {
  try {
    await promise;
  } catch (error) {
    return error as RemoteError;
  }
  throw new Error('expected a failure');
}

/** A one-route server on 127.0.0.1 that answers every request with `answer`. */
async function tinyServer(answer: (headers: IncomingHttpHeaders) => { status: number; body: string } | undefined): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const reply = answer(req.headers);
    if (!reply) return; // never answers
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function closedPort(): Promise<string> {
  const server = await tinyServer(() => ({ status: 200, body: '{}' }));
  await server.close();
  return server.url;
}

describe('file CMDB backend', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stms-cmdb-file-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('reads the file on every call, so edits apply at once', async () => {
    const file = path.join(dir, 'cmdb.json');
    await writeFile(file, JSON.stringify({ apps: [] }));
    const cmdb = fileCmdb(file);
    expect(await cmdb.lookup('p1', 'j1')).toBeUndefined();
    await writeFile(file, JSON.stringify({ apps: [record] }));
    expect(await cmdb.lookup('p1', 'j1')).toEqual(record);
    expect(await cmdb.list()).toEqual([record]);
  });

  it.each([
    ['a missing file', undefined, /cmdb\.json: cannot read the CMDB file: ENOENT$/],
    ['text that is not JSON', '{"apps": [', /cmdb\.json: the CMDB file is not valid JSON: /],
    ['a record without haPolicy, clusters as a string', JSON.stringify({ apps: [{ projectName: 'p1', jobName: 'j1', clusters: 'GZ_UAT' }] }), /apps\.0\.haPolicy: .*\n.*apps\.0\.clusters: /],
  ])('%s is a config error naming the file (exit 2)', async (_name, text, message) => {
    const target = path.join(await mkdtemp(path.join(dir, 'case-')), 'cmdb.json');
    if (text !== undefined) await writeFile(target, text);
    const error = await failure(fileCmdb(target).lookup('p1', 'j1'));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.code).toBe('CONFIG');
    expect(error.message.startsWith(target)).toBe(true);
    expect(error.message).toMatch(message);
  });
});

describe('HTTP CMDB backend against the sandbox stub', () => {
  let s: TestSandbox;
  beforeAll(async () => {
    s = await startTestSandbox();
  });
  afterAll(async () => s.close());

  it('looks up a registered app, answers undefined for an unknown one, lists them all', async () => {
    await writeFile(s.sandbox.cmdbFile, JSON.stringify({ apps: [record] }));
    const cmdb = httpCmdb(s.sandbox.cmdbUrl, { timeoutMs: 2000 });
    expect(cmdb.describe).toBe(s.sandbox.cmdbUrl);
    expect(await cmdb.lookup('p1', 'j1')).toEqual(record);
    expect(await cmdb.lookup('p1', 'nope')).toBeUndefined();
    expect(await cmdb.list()).toEqual([record]);
  });

  it('a stub whose file is broken answers 500: a remote error naming the app', async () => {
    await writeFile(s.sandbox.cmdbFile, '{ broken');
    const cmdb = httpCmdb(s.sandbox.cmdbUrl, { timeoutMs: 2000 });
    const lookup = await failure(cmdb.lookup('p1', 'j1'));
    expect(lookup).toBeInstanceOf(RemoteError);
    expect(lookup.code).toBe('REMOTE');
    expect(lookup.message).toBe(`the CMDB at ${s.sandbox.cmdbUrl}: answered HTTP 500 without a usable record for p1/j1`);
    expect((await failure(cmdb.list())).message).toContain('answered HTTP 500 without an app list');
  });
});

describe('HTTP CMDB backend against misbehaving servers', () => {
  it('a closed port: cannot be reached, connection refused, check cmdb.url', async () => {
    const url = await closedPort();
    const error = await failure(httpCmdb(url, { timeoutMs: 2000 }).lookup('p1', 'j1'));
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toBe(`the CMDB at ${url}: cannot be reached (connection refused)`);
    expect(error.hint).toContain('cmdb.url');
  });

  it('a CMDB that does not answer in time', async () => {
    const server = await tinyServer(() => undefined);
    try {
      const error = await failure(httpCmdb(server.url, { timeoutMs: 150 }).lookup('p1', 'j1'));
      expect(error).toBeInstanceOf(RemoteError);
      expect(error.message).toBe(`the CMDB at ${server.url}: cannot be reached (no answer within 150ms)`);
    } finally {
      await server.close();
    }
  });

  it('Ctrl-C while waiting is an interruption, not a remote failure', async () => {
    const server = await tinyServer(() => undefined);
    const controller = new AbortController();
    try {
      const pending = failure(httpCmdb(server.url, { timeoutMs: 5000, signal: controller.signal }).lookup('p1', 'j1'));
      setTimeout(() => controller.abort(), 50);
      const error = await pending;
      expect(error).toBeInstanceOf(InterruptedError);
      expect(error.code).toBe('INTERRUPTED');
    } finally {
      await server.close();
    }
  });

  it('sends its token, and a refusal says which token to set', async () => {
    const seen: Array<string | undefined> = [];
    const server = await tinyServer((headers) => {
      seen.push(headers['token-code'] as string | undefined);
      return { status: 401, body: '{"error":"who are you"}' };
    });
    try {
      const error = await failure(httpCmdb(server.url, { timeoutMs: 2000, tokenCode: 'cmdb-secret-1' }).lookup('p1', 'j1'));
      expect(seen).toEqual(['cmdb-secret-1']);
      expect(error.message).toBe(`the CMDB at ${server.url}: refused the request (HTTP 401)`);
      expect(error.code).toBe('AUTH');
      expect(error.hint).toContain('STMS_CMDB_TOKEN');
      expect(JSON.stringify({ m: error.message, h: error.hint, d: error.details })).not.toContain('cmdb-secret-1');
    } finally {
      await server.close();
    }
  });

  it('a 503 is retried (the lookup is an idempotent GET), and -v traces each try with the token redacted', async () => {
    let calls = 0;
    const server = await tinyServer(() => (++calls === 1 ? { status: 503, body: '{"error":"busy"}' } : { status: 200, body: JSON.stringify(record) }));
    const trace: string[] = [];
    try {
      const cmdb = httpCmdb(server.url, { timeoutMs: 2000, tokenCode: 'cmdb-secret-1', retries: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 }, trace: (l) => trace.push(l) });
      await expect(cmdb.lookup('p1', 'j1')).resolves.toEqual(record);
      await cmdb.close?.();
      expect(calls).toBe(2);
      expect(trace).toEqual([
        expect.stringMatching(/^→ CMDB GET \/apps\/p1\/j1 \[Token-Code: \*\*\*\]$/),
        expect.stringMatching(/^← CMDB 503 GET \/apps\/p1\/j1 \d+ms: \{"error":"busy"\}$/),
        expect.stringMatching(/^→ CMDB GET \/apps\/p1\/j1 \[Token-Code: \*\*\*\] \(retry 1\)$/),
        expect.stringMatching(/^← CMDB 200 GET \/apps\/p1\/j1 \d+ms$/),
      ]);
      expect(trace.join('\n')).not.toContain('cmdb-secret-1');
    } finally {
      await server.close();
    }
  });

  it('a CMDB that stays at 503: the retries end, and the answer is reported', async () => {
    let calls = 0;
    const server = await tinyServer(() => (++calls, { status: 503, body: '{"error":"busy"}' }));
    try {
      const error = await failure(httpCmdb(server.url, { timeoutMs: 2000, retries: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 } }).lookup('p1', 'j1'));
      expect(calls).toBe(3);
      expect(error.message).toBe(`the CMDB at ${server.url}: answered HTTP 503 without a usable record for p1/j1`);
    } finally {
      await server.close();
    }
  });

  it.each([
    ['an HTML page', '<html>oops</html>', 'answered HTTP 200 without a usable record for p1/j1'],
    ['a record without haPolicy', JSON.stringify({ projectName: 'p1', jobName: 'j1' }), 'answered HTTP 200 without a usable record for p1/j1'],
    ['the record of another app', JSON.stringify({ ...record, jobName: 'j2' }), 'answered the record of p1/j2 when asked for p1/j1'],
  ])('a 200 with %s is not taken as the record', async (_name, body, message) => {
    const server = await tinyServer(() => ({ status: 200, body }));
    try {
      const error = await failure(httpCmdb(server.url, { timeoutMs: 2000 }).lookup('p1', 'j1'));
      expect(error).toBeInstanceOf(RemoteError);
      expect(error.message).toBe(`the CMDB at ${server.url}: ${message}`);
    } finally {
      await server.close();
    }
  });
});

describe('stms release with an HTTP CMDB (the built binary)', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
    await f.editConfig((config) => {
      config.cmdb = { url: f.sandbox.cmdbUrl };
    });
  });
  afterAll(async () => f.close());

  it('refuses an app the CMDB does not know (exit 4), releases one it knows', async () => {
    await policyPackage(f, 'j1', 'double', ['GZ_UAT', 'TJ_UAT'], false);
    const refused = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(refused.exitCode).toBe(4);
    expect(refused.json).toMatchObject({ ok: false, error: { code: 'CMDB', message: expect.stringContaining('p1/j1 is not registered in the CMDB') } });
    expect(refused.json.error.message).toContain(f.sandbox.cmdbUrl);
    expect(uploadCalls(f)).toBe(0);

    await f.register([{ projectName: 'p1', jobName: 'j1', haPolicy: 'double', clusters: ['GZ_UAT', 'TJ_UAT'] }]);
    const released = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(released.exitCode).toBe(0);
    expect(released.json.clusters).toMatchObject({ GZ_UAT: { outcome: 'uploaded' }, TJ_UAT: { outcome: 'uploaded' } });
  });

  it('-v traces the CMDB request beside the clusters\', its token redacted', async () => {
    await f.editConfig((config) => {
      config.cmdb = { url: f.sandbox.cmdbUrl, tokenCode: 'cmdb-secret-token-7' };
    });
    await policyPackage(f, 'j3', 'double', ['GZ_UAT', 'TJ_UAT'], false);
    const run = await f.run(['-v', 'plan', 'j3.zip', '--clusters', 'GZ_UAT,TJ_UAT']);
    expect(run.stderr).toMatch(/→ CMDB GET \/apps\/p1\/j3 \[Token-Code: \*\*\*\]/);
    expect(run.stderr).toMatch(/← CMDB 404 GET \/apps\/p1\/j3 \d+ms/);
    expect(`${run.stdout}${run.stderr}`).not.toContain('cmdb-secret-token-7');
    await f.editConfig((config) => {
      config.cmdb = { url: f.sandbox.cmdbUrl };
    });
  });

  it('a CMDB that cannot be reached stops the release before any upload (exit 5)', async () => {
    const url = await closedPort();
    await f.editConfig((config) => {
      config.cmdb = { url };
    });
    await policyPackage(f, 'j2', 'double', ['GZ_UAT', 'TJ_UAT'], false);
    const before = uploadCalls(f);
    const run = await f.run(['release', 'j2.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(run.exitCode).toBe(5);
    expect(run.json).toMatchObject({ ok: false, error: { code: 'REMOTE', message: `the CMDB at ${url}: cannot be reached (connection refused)` } });
    expect(uploadCalls(f)).toBe(before);
  });
});
