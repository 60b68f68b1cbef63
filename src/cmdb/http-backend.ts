import { request } from 'undici';
import { RemoteError } from '../errors.js';
import { CmdbFileSchema, CmdbRecordSchema } from './record-schema.js';
import type { CmdbBackend } from './types.js';

/**
 * The HTTP CMDB: `GET {url}/apps/{project}/{job}` answers the record (404 = not registered) and
 * `GET {url}/apps` the whole list. A CMDB that cannot be reached is a remote failure (exit 5),
 * not a refusal: the release must not be blocked or allowed on a guess.
 */
export function httpCmdb(url: string, options: { tokenCode?: string | undefined; timeoutMs: number; signal?: AbortSignal }): CmdbBackend {
  const get = async (path: string): Promise<{ status: number; body: unknown }> => {
    const endpoint = `${url}${path}`;
    const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
    try {
      const response = await request(endpoint, {
        method: 'GET',
        headers: { accept: 'application/json', ...(options.tokenCode ? { 'Token-Code': options.tokenCode } : {}) },
        signal: AbortSignal.any(signals),
      });
      const text = await response.body.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      return { status: response.statusCode, body };
    } catch (error) {
      throw new RemoteError(`the CMDB at ${url} cannot be reached: ${(error as Error).message}`, { endpoint: path, cluster: 'CMDB' });
    }
  };
  return {
    describe: url,
    async lookup(projectName, jobName) {
      const path = `/apps/${encodeURIComponent(projectName)}/${encodeURIComponent(jobName)}`;
      const { status, body } = await get(path);
      if (status === 404) return undefined;
      const parsed = CmdbRecordSchema.safeParse(body);
      if (status !== 200 || !parsed.success) {
        throw new RemoteError(`the CMDB at ${url} answered HTTP ${status} without a usable record for ${projectName}/${jobName}`, { endpoint: path, httpStatus: status });
      }
      return parsed.data;
    },
    async list() {
      const { status, body } = await get('/apps');
      const parsed = CmdbFileSchema.safeParse(body);
      if (status !== 200 || !parsed.success) throw new RemoteError(`the CMDB at ${url} answered HTTP ${status} without an app list`, { endpoint: '/apps', httpStatus: status });
      return parsed.data.apps;
    },
  };
}
