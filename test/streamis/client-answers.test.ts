import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InterruptedError, RemoteError } from '../../src/errors.js';
import { startSandbox, type Sandbox, type SandboxClusterHandle } from '../../src/sandbox/index.js';
import { createStreamisClient } from '../../src/streamis/client.js';
import { clientFor, clusterConfig, FAST, failure, source, writePackage } from './helpers.js';

// Answers that are not what the contract promises: a wrong gateway url, a proxy page with HTTP
// 200, a body-size refusal, a success envelope of an unexpected shape, and Ctrl-C during a
// backoff. Each must become a RemoteError (or an interruption) that says what to do.
describe('Streamis client: answers outside the contract', () => {
  let dir: string;
  let sandbox: Sandbox;
  let handle: SandboxClusterHandle;
  let pkg: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stms-client-answers-'));
    sandbox = await startSandbox({ dir: path.join(dir, 'sandbox') });
    handle = sandbox.clusters.GZ_UAT!;
    pkg = await writePackage(dir, 'p1_j1.zip', { projectName: 'p1', jobName: 'j1' });
  });
  afterAll(async () => {
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a url that already ends in /api/rest_j/v1: HTTP 404, not retried, the hint says stms appends it', async () => {
    const client = createStreamisClient(clusterConfig(handle, { url: `${handle.url}/api/rest_j/v1` }), FAST);
    try {
      const error = await failure(client.haMessage());
      expect(error).toBeInstanceOf(RemoteError);
      expect(error.httpStatus).toBe(404);
      expect(error.message).toMatch(/^GZ_UAT highAvailable\/getHAMsg: HTTP 404: /);
      expect(error.hint).toBe('Check the cluster url: it is the gateway origin (http://host:port); stms appends /api/rest_j/v1 itself.');
      expect(error.code).toBe('REMOTE');
    } finally {
      await client.close();
    }
  });

  it('a page that is not a Linkis message, with HTTP 200 (a login portal in front): not data, not retried', async () => {
    const client = clientFor(handle);
    try {
      const before = handle.callCount('job/list');
      handle.injectFault({ path: 'job/list', kind: 'error', status: 200 });
      const error = await failure(client.listJobs({ projectName: 'p1' }));
      expect(error).toBeInstanceOf(RemoteError);
      // The page is reduced to its title: a person reads "200 OK", not the markup.
      expect(error.message).toMatch(/^GZ_UAT job\/list: an answer that is not a Linkis message: 200 \w+/);
      expect(error.message).not.toContain('<html>');
      expect(handle.callCount('job/list') - before).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('an upload refused for its size by a proxy (HTTP 413) says which limits to look at', async () => {
    const client = clientFor(handle);
    try {
      handle.injectFault({ path: 'job/upload', kind: 'error', status: 413 });
      const error = await failure(client.upload({ file: pkg, projectName: 'p1', source: source() }));
      expect(error.httpStatus).toBe(413);
      expect(error.outcomeUnknown).toBe(false);
      expect(error.hint).toMatch(/client_max_body_size.*maxUploadMB/);
    } finally {
      await client.close();
    }
  });

  it('Ctrl-C while waiting to retry stops at once', async () => {
    const controller = new AbortController();
    const client = clientFor(handle, { signal: controller.signal, retries: { attempts: 3, baseDelayMs: 20_000, maxDelayMs: 20_000 } });
    try {
      handle.injectFault({ path: 'highAvailable/getHAMsg', kind: 'error', status: 503, count: 4 });
      const started = Date.now();
      // Full jitter may pick a short first wait; abort soon after the first answer either way.
      setTimeout(() => controller.abort(), 200);
      const error = await failure(client.haMessage());
      expect(error).toBeInstanceOf(InterruptedError);
      expect(error.message).toMatch(/^GZ_UAT highAvailable\/getHAMsg: interrupted/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await client.close();
    }
  });

  describe('a success envelope whose data has another shape', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      // A server of another Streamis version: status 0, but no jobId / a tasks field that is not a list.
      server = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          const data = req.url?.includes('job/upload') ? { id: 12 } : { tasks: 'none', totalPage: 1 };
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ method: req.url, status: 0, message: 'OK', data }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    });

    it.each([
      ['upload', 'job/upload', 'jobId'],
      ['list', 'job/list', 'tasks'],
    ])('%s: a RemoteError naming the field and the contract', async (name, endpoint, field) => {
      const client = createStreamisClient(clusterConfig(handle, { url }), FAST);
      try {
        const error = await failure(name === 'upload' ? client.upload({ file: pkg, projectName: 'p1', source: source() }) : client.listJobs({ projectName: 'p1' }));
        expect(error).toBeInstanceOf(RemoteError);
        expect(error.message).toMatch(new RegExp(`^GZ_UAT ${endpoint}: unexpected answer from the server: ${field}: `));
        expect(error.hint).toMatch(/Streamis 0\.3\.x contract/);
        expect(error.details.issues[0].path).toBe(field);
      } finally {
        await client.close();
      }
    });
  });
});
