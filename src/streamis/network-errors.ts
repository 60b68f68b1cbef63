import { formatDuration } from '../util/duration.js';

/**
 * Turns transport failures (Node socket and TLS errors, abort reasons) into messages a
 * person can act on, and says whether the request may have reached the server: that decides
 * whether a non-idempotent call (upload, execute) ends with `outcomeUnknown`. Pure.
 */

export type NetworkFailureKind = 'refused' | 'unreachable' | 'dns' | 'tls' | 'timeout' | 'reset' | 'aborted' | 'other';

export interface NetworkFailure {
  kind: NetworkFailureKind;
  /** What went wrong and what to check, without the endpoint (the caller adds it). */
  message: string;
  /** False only when the request certainly never reached the server. */
  mayHaveReachedServer: boolean;
  /** Worth another try of an idempotent call: not for a bad certificate or an unknown host name. */
  retryable: boolean;
  /** The low-level code (ECONNREFUSED, ECONNRESET, ...), for details. */
  code: string | undefined;
}

/** The code of the error a request fails with when its TCP connect took too long. */
export const CONNECT_TIMEOUT = 'CONNECT_TIMEOUT';

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', CONNECT_TIMEOUT]);
// Node's client says 'socket hang up' (no answer yet) or 'aborted' (answer cut short), both ECONNRESET.
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** `url` is the gateway origin (no token in it); `timeoutMs` the limit that applied. */
export function classifyNetworkError(error: unknown, url: string, timeoutMs: number): NetworkFailure {
  const code = errorCode(error);
  const name = error instanceof Error ? error.name : undefined;
  const text = error instanceof Error ? error.message : String(error);

  if (name === 'TimeoutError' || (code !== undefined && TIMEOUT_CODES.has(code))) {
    const connect = code === CONNECT_TIMEOUT;
    return {
      kind: 'timeout',
      message: connect
        ? `could not connect to ${url} in time: is the gateway up and reachable from here?`
        : `no answer from ${url} within ${formatDuration(timeoutMs)}: the server may be overloaded; raise timeouts in the config if this call is slow by nature`,
      mayHaveReachedServer: !connect,
      retryable: true,
      code: code ?? 'TIMEOUT',
    };
  }
  if (name === 'AbortError') return { kind: 'aborted', message: 'interrupted', mayHaveReachedServer: true, retryable: false, code: code ?? 'ABORTED' };
  if (code === 'ECONNREFUSED') {
    return { kind: 'refused', message: `connection refused by ${url}: is the gateway up at ${url}?`, mayHaveReachedServer: false, retryable: true, code };
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') {
    return { kind: 'unreachable', message: `cannot reach ${url} (${code}): check the network route, VPN or firewall`, mayHaveReachedServer: false, retryable: true, code };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return { kind: 'dns', message: `cannot resolve the host of ${url} (${code}): check the cluster url in the config and your DNS`, mayHaveReachedServer: false, retryable: code === 'EAI_AGAIN', code };
  }
  if ((code !== undefined && TLS_CODES.has(code)) || /certificate|SSL routines|TLS/i.test(text)) {
    return {
      kind: 'tls',
      message: `TLS handshake with ${url} failed (${code ?? text}): check the cluster's "ca" file in the config, or the server certificate`,
      mayHaveReachedServer: false,
      retryable: false,
      code,
    };
  }
  if ((code !== undefined && RESET_CODES.has(code)) || /socket hang up/i.test(text)) {
    return { kind: 'reset', message: `the connection to ${url} was closed before the answer arrived (${code ?? text})`, mayHaveReachedServer: true, retryable: true, code };
  }
  return { kind: 'other', message: `request to ${url} failed: ${text}`, mayHaveReachedServer: true, retryable: true, code };
}

/** The code of the error or of what it wraps (`cause`, AggregateError of happy-eyeballs tries). */
export function errorCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const own = (error as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested)) {
    for (const inner of nested) {
      const found = errorCode(inner, depth + 1);
      if (found) return found;
    }
  }
  return errorCode((error as { cause?: unknown }).cause, depth + 1);
}
