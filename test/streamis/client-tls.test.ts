import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, RemoteError } from '../../src/errors.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createStreamisClient } from '../../src/streamis/client.js';
import { clusterConfig, FAST, failure } from './helpers.js';

// An https gateway signed by a private CA, as banks run them: the sandbox behind a TLS proxy on
// 127.0.0.1 with a throwaway self-signed certificate made by openssl for this run.
describe('Streamis client: https with a custom CA', () => {
  let dir: string;
  let sandbox: Sandbox;
  let proxy: https.Server;
  let url: string;
  let caFile: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stms-client-tls-'));
    sandbox = await startSandbox({ dir: path.join(dir, 'sandbox') });
    caFile = path.join(dir, 'ca.pem');
    const keyFile = path.join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', caFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const upstream = new URL(sandbox.clusters.GZ_UAT!.url);
    proxy = https.createServer({ key: readFileSync(keyFile), cert: readFileSync(caFile) }, (req, res) => {
      const forward = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    proxy?.closeAllConnections();
    await new Promise((resolve) => proxy?.close(resolve));
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('trusts the gateway through the CA file of the config', async () => {
    const client = createStreamisClient(clusterConfig(sandbox.clusters.GZ_UAT!, { url, ca: caFile }), FAST);
    try {
      expect(await client.haMessage()).toMatchObject({ whetherManager: true });
    } finally {
      await client.close();
    }
  });

  it('explains a certificate it cannot verify without the CA', async () => {
    const client = createStreamisClient(clusterConfig(sandbox.clusters.GZ_UAT!, { url }), FAST);
    try {
      const error = await failure(client.haMessage());
      expect(error).toBeInstanceOf(RemoteError);
      expect(error.details.network).toBe('tls');
      expect(error.message).toMatch(/TLS handshake with https:\/\/127\.0\.0\.1:\d+ failed .*check the cluster's "ca" file/);
    } finally {
      await client.close();
    }
  });

  it('names the config field when the CA file cannot be read', () => {
    const missing = path.join(dir, 'nope.pem');
    expect(() => createStreamisClient(clusterConfig(sandbox.clusters.GZ_UAT!, { url, ca: missing }), FAST)).toThrow(ConfigError);
    expect(() => createStreamisClient(clusterConfig(sandbox.clusters.GZ_UAT!, { url, ca: missing }), FAST)).toThrow(/clusters\.GZ_UAT\.ca: cannot read .*nope\.pem: ENOENT/);
  });
});
