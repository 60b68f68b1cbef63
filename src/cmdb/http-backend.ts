import { request } from 'undici';
import { InterruptedError, RemoteError } from '../errors.js';
import { classifyNetworkError } from '../streamis/network-errors.js';
import { formatDuration } from '../util/duration.js';
import { CmdbFileSchema, CmdbRecordSchema } from './record-schema.js';
import type { CmdbBackend } from './types.js';

/**
 * The HTTP CMDB: `GET {url}/apps/{project}/{job}` answers the record (404 = not registered) and
 * `GET {url}/apps` the whole list. A CMDB that cannot be reached is a remote failure (exit 5),
 * not a refusal: the release must not be blocked or allowed on a guess.
 */
export function httpCmdb(url: string, options: { tokenCode?: string | undefined; timeoutMs: number; signal?: AbortSignal }): CmdbBackend {
  const fail = (path: string, message: string, extra: { httpStatus?: number; hint?: string; code?: 'AUTH' } = {}) =>
    new RemoteError(`the CMDB at ${url}: ${message}`, { endpoint: path, cluster: 'CMDB', ...extra, hint: extra.hint ?? 'Check cmdb.url in the config, and that the CMDB is up.' });

  const get = async (path: string): Promise<{ status: number; body: unknown }> => {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signals = [timeout, ...(options.signal ? [options.signal] : [])];
    let status: number;
    let text: string;
    try {
      const response = await request(`${url}${path}`, {
        method: 'GET',
        headers: { accept: 'application/json', ...(options.tokenCode ? { 'Token-Code': options.tokenCode } : {}) },
        signal: AbortSignal.any(signals),
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      if (options.signal?.aborted) throw new InterruptedError('interrupted while asking the CMDB', { details: { cmdb: url, endpoint: path } });
      throw fail(path, `cannot be reached (${unreachableReason(timeout.aborted ? timeout.reason : error, url, options.timeoutMs)})`);
    }
    if (status === 401 || status === 403) {
      // A rejected token is AUTH (exit 2), as a cluster's is.
      throw fail(path, `refused the request (HTTP ${status})`, { httpStatus: status, code: 'AUTH', hint: 'Set STMS_CMDB_TOKEN (or cmdb.tokenCode in the config) to a token the CMDB accepts.' });
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status, body };
  };

  return {
    describe: url,
    async lookup(projectName, jobName) {
      const path = `/apps/${encodeURIComponent(projectName)}/${encodeURIComponent(jobName)}`;
      const { status, body } = await get(path);
      if (status === 404) return undefined;
      const parsed = CmdbRecordSchema.safeParse(body);
      if (status !== 200 || !parsed.success) {
        throw fail(path, `answered HTTP ${status} without a usable record for ${projectName}/${jobName}`, { httpStatus: status });
      }
      // A record of another app (a proxy or routing mistake) must not decide this release.
      if (parsed.data.projectName !== projectName || parsed.data.jobName !== jobName) {
        throw fail(path, `answered the record of ${parsed.data.projectName}/${parsed.data.jobName} when asked for ${projectName}/${jobName}`, { httpStatus: status });
      }
      return parsed.data;
    },
    async list() {
      const { status, body } = await get('/apps');
      const parsed = CmdbFileSchema.safeParse(body);
      if (status !== 200 || !parsed.success) throw fail('/apps', `answered HTTP ${status} without an app list`, { httpStatus: status });
      return parsed.data.apps;
    },
  };
}

/** Why the CMDB did not answer, in a few words (the classifier's own messages speak of the gateway). */
function unreachableReason(error: unknown, url: string, timeoutMs: number): string {
  const failure = classifyNetworkError(error, url, timeoutMs);
  switch (failure.kind) {
    case 'timeout':
      return `no answer within ${formatDuration(timeoutMs)}`;
    case 'refused':
      return 'connection refused';
    case 'dns':
      return `cannot resolve its host name: ${failure.code}`;
    case 'tls':
      return `TLS handshake failed: ${failure.code ?? 'certificate not trusted'}`;
    default:
      return failure.code ?? (error instanceof Error ? error.message : String(error));
  }
}
