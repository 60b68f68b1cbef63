import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileCmdb } from '../cmdb/file-backend.js';
import { drain } from './http/request.js';

/**
 * The CMDB stub over HTTP, backed by the same `{ "apps": [...] }` file as the file backend and read
 * on every request, so tests can edit it between calls:
 *   GET /apps/{project}/{job} -> 200 the record, or 404 {"error":"not registered"}
 *   GET /apps                 -> 200 {"apps":[...]}
 * No token is required (an Authorization header is accepted and ignored).
 */
export async function startCmdbServer(file: string, port: number): Promise<{ server: Server; url: string }> {
  const cmdb = fileCmdb(file);
  const server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    void (async () => {
      await drain(req);
      const parts = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.split('/').filter((p) => p !== '');
      if (req.method !== 'GET' || parts[0] !== 'apps' || (parts.length !== 1 && parts.length !== 3)) return reply(404, { error: 'not found' });
      try {
        if (parts.length === 1) return reply(200, { apps: await cmdb.list() });
        const record = await cmdb.lookup(decodeURIComponent(parts[1] as string), decodeURIComponent(parts[2] as string));
        return record ? reply(200, record) : reply(404, { error: 'not registered' });
      } catch (e) {
        return reply(500, { error: (e as Error).message });
      }
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
