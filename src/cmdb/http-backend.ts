import { RemoteError } from '../errors.js';
import { isRetryableStatus, type RetryPolicy } from '../streamis/backoff.js';
import { excerpt } from '../streamis/envelope.js';
import { HttpExchange } from '../streamis/http-exchange.js';
import type { NetworkFailureKind } from '../streamis/network-errors.js';
import { formatDuration } from '../util/duration.js';
import type { Redactor } from '../util/redact.js';
import { CmdbFileSchema, CmdbRecordSchema } from './record-schema.js';
import type { CmdbBackend } from './types.js';

/**
 * The HTTP CMDB: `GET {url}/apps/{project}/{job}` answers the record (404 = not registered) and
 * `GET {url}/apps` the whole list. It speaks over the same exchange as the Streamis client (the
 * `-v` trace with its token redacted, the timeout, retries of these idempotent GETs). A CMDB that
 * cannot be reached is a remote failure (exit 5), not a refusal: the release must not be blocked
 * or allowed on a guess.
 */
export interface HttpCmdbOptions {
  tokenCode?: string | undefined;
  timeoutMs: number;
  /** Default: no retry. */
  retries?: RetryPolicy | undefined;
  signal?: AbortSignal | undefined;
  trace?: ((line: string) => void) | undefined;
  /** The run's secrets; the CMDB token is added to them. */
  secrets?: Redactor | undefined;
}

const NO_RETRY: RetryPolicy = { attempts: 0, baseDelayMs: 0, maxDelayMs: 0 };
const NAME = 'CMDB';

export function httpCmdb(url: string, options: HttpCmdbOptions): CmdbBackend {
  const http = new HttpExchange(
    { name: NAME, url, headers: options.tokenCode ? { 'Token-Code': options.tokenCode } : {} },
    { retries: options.retries ?? NO_RETRY, trace: options.trace, signal: options.signal, secrets: options.secrets },
  );
  http.secrets.add(options.tokenCode, 'the CMDB');

  const fail = (path: string, message: string, extra: { httpStatus?: number; hint?: string; details?: Record<string, unknown>; code?: 'AUTH' } = {}) =>
    new RemoteError(`the CMDB at ${url}: ${message}`, { endpoint: path, cluster: NAME, ...extra, hint: extra.hint ?? 'Check cmdb.url in the config, and that the CMDB is up.' });

  const get = async (path: string): Promise<{ status: number; body: unknown }> => {
    let status: number;
    let text: string;
    try {
      const answer = await http.send({ endpoint: path, method: 'GET', path, idempotent: true, timeoutMs: options.timeoutMs }, (httpStatus, body) => ({
        retryable: isRetryableStatus(httpStatus),
        error: httpStatus >= 400 ? excerpt(body) || '(empty body)' : undefined,
      }));
      status = answer.httpStatus;
      text = answer.text;
    } catch (error) {
      const details = error instanceof RemoteError ? (error.details as Record<string, unknown> | undefined) : undefined;
      if (typeof details?.network === 'string') {
        const reason = unreachableReason(details.network as NetworkFailureKind, details.code as string | undefined, options.timeoutMs);
        throw fail(path, `cannot be reached (${reason})`, { details });
      }
      throw error;
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
    close: () => http.close(),
  };
}

/** Why the CMDB did not answer, in a few words (the classifier's own messages speak of the gateway). */
function unreachableReason(kind: NetworkFailureKind, code: string | undefined, timeoutMs: number): string {
  switch (kind) {
    case 'timeout':
      return `no answer within ${formatDuration(timeoutMs)}`;
    case 'refused':
      return 'connection refused';
    case 'dns':
      return `cannot resolve its host name: ${code}`;
    case 'tls':
      return `TLS handshake failed: ${code ?? 'certificate not trusted'}`;
    default:
      return code ?? kind;
  }
}
