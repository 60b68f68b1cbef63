import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteError } from '../../src/errors.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createStreamisClient } from '../../src/streamis/client.js';
import type { GeneratedFile } from '../../src/streamis/upload-body.js';
import { clusterConfig, FAST, failure, source } from './helpers.js';

type Mode = 'pass' | 'bom' | 'cut-once';

// What a gateway in front of the server may do that the sandbox does not: refuse a big upload
// before reading it (nginx's client_max_body_size), put a byte order mark before the JSON, or
// break the connection in the middle of an answer. A proxy on 127.0.0.1 in front of the sandbox.
describe('Streamis client: answers a gateway shapes', () => {
  let dir: string;
  let sandbox: Sandbox;
  let proxy: http.Server;
  let url: string;
  // Like nginx over its body limit: answers at once, then reads and discards what still comes.
  let refusing: net.Server;
  let refusingUrl: string;
  let mode: Mode = 'pass';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stms-client-gateway-'));
    sandbox = await startSandbox({ dir: path.join(dir, 'sandbox') });
    const upstream = new URL(sandbox.clusters.GZ_UAT!.url);
    proxy = http.createServer((req, res) => {
      const forward = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          const headers = { ...answer.headers };
          delete headers['transfer-encoding'];
          if (mode === 'cut-once') {
            mode = 'pass';
            res.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': String(body.length) });
            res.write(body.subarray(0, body.length >> 1), () => res.destroy());
            return;
          }
          const sent = mode === 'bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
          res.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': String(sent.length) }).end(sent);
        });
      });
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    refusing = net.createServer((socket) => {
      const page = '<html>413 Request Entity Too Large</html>';
      socket.once('data', () => socket.write(`HTTP/1.1 413 Request Entity Too Large\r\nContent-Type: text/html\r\nContent-Length: ${page.length}\r\n\r\n${page}`));
      socket.on('error', () => undefined);
      socket.resume();
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    refusingUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    proxy?.closeAllConnections();
    await new Promise((resolve) => proxy?.close(resolve));
    await new Promise((resolve) => refusing?.close(resolve));
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const client = () => createStreamisClient(clusterConfig(sandbox.clusters.GZ_UAT!, { url }), FAST);

  it('stops sending an upload the gateway refused before reading it, and lets go of the package', async () => {
    const size = 256 << 20;
    let produced = 0;
    let released = false;
    const file: GeneratedFile = {
      size,
      async *chunks() {
        const chunk = Buffer.alloc(1 << 20);
        try {
          while (produced < size) {
            produced += chunk.length;
            yield chunk;
          }
        } finally {
          released = true;
        }
      },
    };
    const gz = createStreamisClient(clusterConfig(sandbox.clusters.GZ_UAT!, { url: refusingUrl }), FAST);
    try {
      const error = await failure(gz.upload({ file, fileName: 'p1_big.zip', projectName: 'p1', source: source() }));
      expect(error).toBeInstanceOf(RemoteError);
      expect(error.httpStatus).toBe(413);
      expect(error.message).toMatch(/^GZ_UAT job\/upload: HTTP 413: .*Request Entity Too Large/);
      // The package is let go of at once, not when the client closes: its connection was dropped.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(released).toBe(true);
      expect(produced).toBeLessThan(size / 4);
    } finally {
      await gz.close();
    }
  });

  it('reads an answer that starts with a byte order mark', async () => {
    mode = 'bom';
    const gz = client();
    try {
      expect((await gz.haMessage()).whetherManager).toBe(true);
    } finally {
      await gz.close();
    }
  });

  it('retries a read whose answer was cut short, and says so when it is not retried', async () => {
    const lines: string[] = [];
    const traced = createStreamisClient(clusterConfig(sandbox.clusters.GZ_UAT!, { url }), { ...FAST, trace: (l) => lines.push(l) });
    const once = createStreamisClient(clusterConfig(sandbox.clusters.GZ_UAT!, { url }), { ...FAST, retries: { ...FAST.retries, attempts: 0 } });
    try {
      mode = 'cut-once';
      expect((await traced.haMessage()).whetherManager).toBe(true);
      expect(lines.filter((l) => l.startsWith('✗'))).toEqual([expect.stringMatching(/^✗ GZ_UAT GET \S+getHAMsg \d+ms: the connection to http:\/\/127\.0\.0\.1:\d+ was closed before the answer arrived \(ECONNRESET\)$/)]);
      mode = 'cut-once';
      const error = await failure(once.haMessage());
      expect(error).toBeInstanceOf(RemoteError);
      expect(error.details.network).toBe('reset');
      expect(error.message).toMatch(/^GZ_UAT highAvailable\/getHAMsg: the connection to http:\/\/127\.0\.0\.1:\d+ was closed before the answer arrived/);
    } finally {
      mode = 'pass';
      await traced.close();
      await once.close();
    }
  });
});
