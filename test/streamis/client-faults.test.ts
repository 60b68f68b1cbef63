import net from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, InterruptedError, RemoteError } from '../../src/errors.js';
import { startSandbox, type Sandbox, type SandboxClusterHandle } from '../../src/sandbox/index.js';
import { createStreamisClient, type StreamisClient } from '../../src/streamis/client.js';
import { clientFor, clusterConfig, FAST, failure, source, writePackage } from './helpers.js';

// Auth failures, every fault kind of the sandbox, and a closed port: which calls are retried,
// which end with outcomeUnknown, and what the messages tell a person.
describe('Streamis client: auth, faults and transport failures', () => {
  let dir: string;
  let sandbox: Sandbox;
  let handle: SandboxClusterHandle;
  let gz: StreamisClient;
  let pkg: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stms-client-faults-'));
    sandbox = await startSandbox({ dir: path.join(dir, 'sandbox') });
    handle = sandbox.clusters.GZ_UAT!;
    gz = clientFor(handle);
    pkg = await writePackage(dir, 'p1_j1.zip', { projectName: 'p1', jobName: 'j1' });
  });
  afterAll(async () => {
    await gz?.close();
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('authentication', () => {
    it('turns a rejected token into a typed error that never shows the token', async () => {
      const wrongToken = 'WRONG-token-4711-secret';
      const lines: string[] = [];
      const bad = createStreamisClient(clusterConfig(handle, { tokenCode: wrongToken }), { ...FAST, trace: (l) => lines.push(l) });
      try {
        const error = await failure(bad.listJobs({ projectName: 'p1' }));
        expect(error).toBeInstanceOf(RemoteError);
        expect(error.status === -1 || error.httpStatus === 401).toBe(true);
        expect(error.message).toMatch(/GZ_UAT job\/list: .*log in again \/ check the Token-Code for cluster GZ_UAT/);
        expect(error.hint).toMatch(/STMS_TOKEN_GZ_UAT/);
        const everything = JSON.stringify({ message: error.message, details: error.details, hint: error.hint, lines });
        expect(everything).not.toContain(wrongToken);
        expect(lines.some((l) => l.includes('Token-Code: ***'))).toBe(true);
        // The gateway named the token it refused; the client replaced it everywhere.
        expect((error.details as { serverMessage: string }).serverMessage).toContain('token: ***，tokenUser: hadoop');
        expect(error.message).toContain('Token is not valid or stale');
      } finally {
        await bad.close();
      }
    });

    it('a refused Token-User: the gateway echoes the valid token, the client never shows it', async () => {
      const lines: string[] = [];
      const bad = createStreamisClient(clusterConfig(handle, { tokenUser: 'mallory' }), { ...FAST, trace: (l) => lines.push(l) });
      try {
        const error = await failure(bad.haMessage());
        expect(error).toBeInstanceOf(RemoteError);
        expect(error.message).toContain('Token-User mallory');
        expect(error.message).toContain('Illegal TokenUser for Token');
        const everything = JSON.stringify({ message: error.message, details: error.details, hint: error.hint, lines });
        expect(everything).not.toContain(handle.token);
        expect(everything).toContain('token: ***');
      } finally {
        await bad.close();
      }
    });

    it('does not retry a rejected login', async () => {
      const lines: string[] = [];
      const traced = createStreamisClient(clusterConfig(handle, { tokenCode: 'another-wrong-token' }), { ...FAST, trace: (l) => lines.push(l) });
      try {
        await failure(traced.haMessage());
        expect(lines.filter((l) => l.startsWith('→')).length).toBe(1);
      } finally {
        await traced.close();
      }
    });

    it('asks for a token before sending anything when the config has none', () => {
      expect(() => createStreamisClient(clusterConfig(handle, { tokenCode: '' }), { ...FAST, configFile: '/x/stms.config.yaml' })).toThrow(ConfigError);
      expect(() => createStreamisClient(clusterConfig(handle, { tokenCode: '' }), FAST)).toThrow(/GZ_UAT has no tokenCode/);
    });
  });

  describe('server errors (5xx)', () => {
    it('retries an idempotent read and succeeds', async () => {
      await gz.upload({ file: pkg, projectName: 'p1', source: source() });
      const before = handle.callCount('job/list');
      handle.injectFault({ path: 'job/list', kind: 'error', status: 503, count: 2 });
      const { tasks } = await gz.listJobs({ projectName: 'p1' });
      expect(tasks.map((t) => t.name)).toContain('j1');
      expect(handle.callCount('job/list') - before).toBe(3);
    });

    it('gives up after the configured retries and says so', async () => {
      const before = handle.callCount('highAvailable/getHAMsg');
      handle.injectFault({ path: 'highAvailable/getHAMsg', kind: 'error', status: 500, count: 3 });
      const error = await failure(gz.haMessage());
      expect(error).toBeInstanceOf(RemoteError);
      expect(error.httpStatus).toBe(500);
      expect(error.message).toMatch(/^GZ_UAT highAvailable\/getHAMsg: HTTP 500 \(after 3 tries\)/);
      expect(handle.callCount('highAvailable/getHAMsg') - before).toBe(3);
    });

    it('never retries an upload', async () => {
      const before = handle.callCount('job/upload');
      handle.injectFault({ path: 'job/upload', kind: 'error', status: 503 });
      const error = await failure(gz.upload({ file: pkg, projectName: 'p1', source: source() }));
      expect(error).toBeInstanceOf(RemoteError);
      expect(error.httpStatus).toBe(503);
      expect(error.outcomeUnknown).toBe(false);
      expect(error.code).toBe('REMOTE');
      expect(handle.callCount('job/upload') - before).toBe(1);
    });

    it('marks a 502/504 on an upload as an unknown outcome', async () => {
      handle.injectFault({ path: 'job/upload', kind: 'error', status: 504 });
      const error = await failure(gz.upload({ file: pkg, projectName: 'p1', source: source() }));
      expect(error.httpStatus).toBe(504);
      expect(error.outcomeUnknown).toBe(true);
      expect(error.hint).toMatch(/may have been carried out/);
    });

    it('never retries an execute', async () => {
      const job = (await gz.findJob('p1', 'j1'))!;
      const before = handle.callCount('job/execute');
      handle.injectFault({ path: 'job/execute', kind: 'error', status: 500 });
      const error = await failure(gz.execute(job.id));
      expect(error.httpStatus).toBe(500);
      expect(handle.callCount('job/execute') - before).toBe(1);
    });
  });

  describe('delays and timeouts', () => {
    it('waits for a slow answer within the timeout', async () => {
      handle.injectFault({ path: 'highAvailable/username', kind: 'delay', delayMs: 200 });
      const started = Date.now();
      expect((await gz.username()).userName).toBe(handle.tokenUser);
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    });

    it('times out a read that takes longer than requestMs', async () => {
      const slow = clientFor(handle, { timeouts: { ...FAST.timeouts, requestMs: 300 }, retries: { ...FAST.retries, attempts: 0 } });
      try {
        handle.injectFault({ path: 'highAvailable/getHAMsg', kind: 'delay', delayMs: 2_000 });
        const error = await failure(slow.haMessage());
        expect(error).toBeInstanceOf(RemoteError);
        expect(error.message).toMatch(/GZ_UAT highAvailable\/getHAMsg: no answer from http:\/\/127\.0\.0\.1:\d+ within 300ms/);
        expect(error.details.network).toBe('timeout');
        expect(error.outcomeUnknown).toBe(false);
      } finally {
        await slow.close();
      }
    });

    it('retries a timed-out read', async () => {
      const slow = clientFor(handle, { timeouts: { ...FAST.timeouts, requestMs: 300 } });
      try {
        handle.injectFault({ path: 'highAvailable/getHAMsg', kind: 'delay', delayMs: 2_000 });
        expect((await slow.haMessage()).whetherManager).toBe(true);
      } finally {
        await slow.close();
      }
    });

    it('marks a timed-out execute as an unknown outcome', async () => {
      const job = (await gz.findJob('p1', 'j1'))!;
      const slow = clientFor(handle, { timeouts: { ...FAST.timeouts, executeMs: 300 } });
      try {
        handle.injectFault({ path: 'job/execute', kind: 'delay', delayMs: 2_000 });
        const error = await failure(slow.execute(job.id));
        expect(error.outcomeUnknown).toBe(true);
        expect(error.details.network).toBe('timeout');
      } finally {
        await slow.close();
      }
    });

    it('stops at once when the caller aborts, without retrying', async () => {
      const controller = new AbortController();
      const aborting = clientFor(handle, { signal: controller.signal });
      try {
        handle.injectFault({ path: 'highAvailable/getHAMsg', kind: 'delay', delayMs: 3_000 });
        const before = handle.callCount('highAvailable/getHAMsg');
        setTimeout(() => controller.abort(), 100);
        const started = Date.now();
        const error = await failure(aborting.haMessage());
        expect(error).toBeInstanceOf(InterruptedError);
        expect(error.code).toBe('INTERRUPTED');
        expect(Date.now() - started).toBeLessThan(2_000);
        expect(handle.callCount('highAvailable/getHAMsg') - before).toBe(1);
      } finally {
        await aborting.close();
      }
    });
  });

  describe('dropped connections', () => {
    it('marks a dropped upload as an unknown outcome and does not retry it', async () => {
      const before = handle.callCount('job/upload');
      handle.injectFault({ path: 'job/upload', kind: 'drop' });
      const error = await failure(gz.upload({ file: pkg, projectName: 'p1', source: source() }));
      expect(error).toBeInstanceOf(RemoteError);
      expect(error.outcomeUnknown).toBe(true);
      expect(error.details.network).toBe('reset');
      expect(error.message).toMatch(/^GZ_UAT job\/upload: the connection to http:\/\/127\.0\.0\.1:\d+ was closed before the answer arrived/);
      expect(handle.callCount('job/upload') - before).toBe(1);
    });

    it('retries a dropped read', async () => {
      handle.injectFault({ path: 'job/list', kind: 'drop' });
      expect((await gz.listJobs({ projectName: 'p1' })).tasks.length).toBeGreaterThan(0);
    });
  });

  describe('unreachable gateway', () => {
    it('says the gateway is not up when the port is closed, even for an upload', async () => {
      const port = await closedPort();
      const url = `http://127.0.0.1:${port}`;
      const nowhere = createStreamisClient(clusterConfig(handle, { url }), FAST);
      try {
        const read = await failure(nowhere.haMessage());
        expect(read).toBeInstanceOf(RemoteError);
        expect(read.message).toBe(`GZ_UAT highAvailable/getHAMsg: connection refused by ${url}: is the gateway up at ${url}? (after 3 tries)`);
        const upload = await failure(nowhere.upload({ file: pkg, projectName: 'p1', source: source() }));
        expect(upload.outcomeUnknown).toBe(false);
        expect(upload.message).toMatch(/is the gateway up at/);
      } finally {
        await nowhere.close();
      }
    });
  });
});

/** A port that was free a moment ago and has nothing listening now. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
