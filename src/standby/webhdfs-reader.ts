import { RemoteError } from '../errors.js';
import { isRetryableStatus, type RetryPolicy } from '../streamis/backoff.js';
import { HttpExchange } from '../streamis/http-exchange.js';
import type { Redactor } from '../util/redact.js';
import type { HdfsEntry, HdfsReader } from './hdfs-entry.js';
import { readListStatus } from './webhdfs-answer.js';

/**
 * Reads a folder tree over WebHDFS (`GET /webhdfs/v1<path>?op=LISTSTATUS`), one LISTSTATUS per
 * folder, level by level, over the one HTTP exchange of stms (timeouts, retries of these
 * idempotent GETs, the `-v` trace with the delegation token redacted). Authentication is
 * `user.name` (simple) or `delegation` (a token, which is a secret).
 */

export interface WebHdfsOptions {
  cluster: string;
  url: string;
  user: string | undefined;
  token: string | undefined;
  timeoutMs: number;
  retries: RetryPolicy;
  signal?: AbortSignal | undefined;
  trace?: ((line: string) => void) | undefined;
  secrets?: Redactor | undefined;
}

export function webHdfsReader(options: WebHdfsOptions): HdfsReader {
  const name = `${options.cluster} WebHDFS`;
  const http = new HttpExchange({ name, url: options.url, headers: {} }, { retries: options.retries, trace: options.trace, signal: options.signal, secrets: options.secrets });
  http.secrets.add(options.token, `the HDFS token of ${options.cluster}`);
  const auth = options.token !== undefined ? { delegation: options.token } : options.user !== undefined ? { 'user.name': options.user } : {};

  const list = async (dir: string): Promise<HdfsEntry[] | null> => {
    const answer = await http.send(
      { endpoint: `LISTSTATUS ${dir}`, method: 'GET', path: `/webhdfs/v1${encodePath(dir)}`, query: { op: 'LISTSTATUS', ...auth }, idempotent: true, timeoutMs: options.timeoutMs },
      (httpStatus) => ({ retryable: isRetryableStatus(httpStatus), error: httpStatus >= 400 ? `HTTP ${httpStatus}` : undefined }),
    );
    const reading = readListStatus(dir, answer.httpStatus, answer.text);
    if (reading.kind === 'listing') return reading.entries;
    if (reading.kind === 'not-found') return null;
    const code = answer.httpStatus === 401 || answer.httpStatus === 403 ? 'AUTH' : 'REMOTE';
    throw new RemoteError(`${name} LISTSTATUS ${dir}: ${http.secrets.redact(reading.message)}`, {
      cluster: name,
      endpoint: 'LISTSTATUS',
      httpStatus: answer.httpStatus,
      code,
      hint: code === 'AUTH' ? `Check clusters.${options.cluster}.hdfs.user, or the delegation token in STMS_HDFS_TOKEN_…` : `Check clusters.${options.cluster}.hdfs.webhdfs in the config, and that the NameNode is up.`,
    });
  };

  return {
    describe: `${options.url} (WebHDFS)`,
    async listTree(base, depth) {
      const top = await list(base);
      if (top === null) return null;
      const all: HdfsEntry[] = [...top];
      let level = top.filter((e) => e.type === 'DIRECTORY' && e.path !== base);
      for (let d = 2; d <= depth && level.length > 0; d++) {
        const below = await Promise.all(level.map(async (dir) => (await list(dir.path)) ?? []));
        const found = below.flat();
        all.push(...found);
        level = found.filter((e) => e.type === 'DIRECTORY');
      }
      return all;
    },
    close: () => http.close(),
  };
}

/** Each path segment percent-encoded, the slashes kept. */
function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
