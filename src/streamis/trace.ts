/**
 * The `-v` HTTP trace: one line per request and one per response or failure. Headers are shown
 * with Token-Code replaced; bodies are never shown (an upload body is the package, and other
 * bodies add nothing a person needs to follow the conversation). Pure formatting.
 */
import { REDACTED } from '../util/redact.js';

/** Header names whose values are secrets (compared case-insensitively). */
const SECRET_HEADERS = new Set(['token-code', 'authorization', 'cookie', 'proxy-authorization']);

/** Headers worth seeing in a trace; the rest (content-length, accept...) are noise. */
const SHOWN_HEADERS = new Set(['token-user', 'token-code', 'content-type', 'retry-after']);

export function formatHeaders(headers: Record<string, string | undefined>): string {
  const shown: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || !SHOWN_HEADERS.has(lower)) continue;
    shown.push(`${name}: ${SECRET_HEADERS.has(lower) ? REDACTED : value}`);
  }
  return shown.join(', ');
}

export interface RequestTrace {
  cluster: string;
  method: string;
  /** Path and query, as sent. */
  target: string;
  headers: Record<string, string | undefined>;
  /** 0 for the first try. */
  retry: number;
  /** Body size for uploads, shown instead of the body. */
  bodyBytes?: number | undefined;
}

export function formatRequestTrace(t: RequestTrace): string {
  const extra = [t.retry > 0 ? `retry ${t.retry}` : undefined, t.bodyBytes !== undefined ? `${t.bodyBytes} bytes` : undefined].filter(Boolean);
  const headers = formatHeaders(t.headers);
  return `→ ${t.cluster} ${t.method} ${t.target}${headers ? ` [${headers}]` : ''}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}

export interface ResponseTrace {
  cluster: string;
  method: string;
  target: string;
  ms: number;
  httpStatus?: number | undefined;
  /** Linkis envelope status when the body was one. */
  status?: number | undefined;
  /** For failures: the server's message or the transport failure. */
  error?: string | undefined;
}

export function formatResponseTrace(t: ResponseTrace): string {
  const mark = t.httpStatus === undefined ? '✗' : '←';
  const code = t.httpStatus === undefined ? '' : ` ${t.httpStatus}`;
  const status = t.status === undefined ? '' : ` status=${t.status}`;
  return `${mark} ${t.cluster}${code} ${t.method} ${t.target} ${Math.round(t.ms)}ms${status}${t.error ? `: ${t.error}` : ''}`;
}
