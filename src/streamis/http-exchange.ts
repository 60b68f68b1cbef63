import { readFileSync } from 'node:fs';
import type { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, InterruptedError, StmsError } from '../errors.js';
import { Redactor } from '../util/redact.js';
import { nextDelay, parseRetryAfter, type RetryPolicy } from './backoff.js';
import { keepAliveAgent, sendRequest } from './http-request.js';
import { classifyNetworkError, type NetworkFailure } from './network-errors.js';
import { transportError } from './remote-errors.js';
import { formatRequestTrace, formatResponseTrace } from './trace.js';

/**
 * The one HTTP exchange of stms (the Streamis gateway and the HTTP CMDB): one keep-alive Node
 * http(s) Agent per server, a timeout per request, retries of idempotent calls only, the `-v` trace with
 * secrets redacted, and transport failures as typed RemoteErrors. What an answer means is the
 * caller's business: it gets the status and the raw text, unredacted, and says whether to retry.
 */

export type Query = Record<string, string | number | boolean | undefined | ReadonlyArray<string | number>>;

export interface StreamBody {
  /**
   * The bytes, pulled one chunk at a time: the next chunk is asked for only once the previous one
   * was handed to the socket whole, so a producer may reuse a chunk's buffer after that.
   */
  chunks: AsyncIterable<Buffer>;
  length: number;
  contentType: string;
}

export interface RawCall {
  /** Short name for messages and details: `job/upload`, `/apps`... */
  endpoint: string;
  method: 'GET' | 'POST' | 'PUT';
  /** Appended to the server's base URL. */
  path: string;
  query?: Query | undefined;
  json?: unknown;
  /** A body built per attempt (uploads, which are never retried anyway). */
  body?: (() => StreamBody) | undefined;
  /** Safe to send twice. Only such calls are retried. */
  idempotent: boolean;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

export interface RawAnswer<R extends AnswerReading> {
  httpStatus: number;
  /** What the caller's reader made of the last answer. */
  reading: R;
  /** The body as received: parse it before anything is redacted. */
  text: string;
  /** How many times the call was sent. */
  tries: number;
}

export interface AnswerReading {
  /** Another try may help (an overload, a 5xx); honoured for idempotent calls only. */
  retryable: boolean;
  /** For the trace: the Linkis status, and why it failed (redacted by the exchange). */
  status?: number | undefined;
  error?: string | undefined;
}

export interface ServerEndpoint {
  /** Who answers, in messages and traces: a cluster name, `CMDB`. */
  name: string;
  /** Base URL without a trailing slash; never carries a secret. */
  url: string;
  /** Sent with every request (Token-User, Token-Code...). */
  headers: Record<string, string>;
  /** A PEM file of the CA that signed the server's certificate; `caField` names it in errors. */
  ca?: string | undefined;
  caField?: string | undefined;
}

export interface ExchangeOptions {
  retries: RetryPolicy;
  trace?: ((line: string) => void) | undefined;
  signal?: AbortSignal | undefined;
  /** Secrets to keep out of traces and messages; the caller registers its own in it. */
  secrets?: Redactor | undefined;
}

/** A server's clock, read from an answer's `Date` header, and when that was on our clock. */
export interface ServerClock {
  serverMs: number;
  localMs: number;
}

export class HttpExchange {
  readonly secrets: Redactor;
  /** Undefined until an answer carried a readable `Date` header. */
  serverClock: ServerClock | undefined;
  private readonly agent: Agent;

  constructor(readonly server: ServerEndpoint, private readonly options: ExchangeOptions) {
    this.secrets = options.secrets ?? new Redactor();
    // Per-request limits come from AbortSignal.timeout: the agent has none of its own, so a
    // synchronous `job/execute` is not cut short.
    this.agent = keepAliveAgent(server.url, server.ca ? readCa(server) : undefined);
  }

  close(): Promise<void> {
    this.agent.destroy();
    return Promise.resolve();
  }

  /**
   * Sends the call, retrying idempotent calls after a retryable failure or answer, and returns
   * the last answer. A transport failure that is not retried throws a RemoteError.
   */
  async send<R extends AnswerReading>(call: RawCall, read: (httpStatus: number, text: string) => R): Promise<RawAnswer<R>> {
    const url = this.url(call);
    const target = url.pathname + url.search;
    for (let retry = 0; ; retry++) {
      const outcome = await this.attempt(call, url, target, retry, read);
      if (outcome.kind === 'answer') {
        const { httpStatus, text, reading, retryAfterMs } = outcome;
        if (call.idempotent && reading.retryable) {
          const delay = nextDelay(retry, this.options.retries, retryAfterMs);
          if (delay !== undefined) {
            await this.pause(delay, call);
            continue;
          }
        }
        return { httpStatus, text, reading, tries: retry + 1 };
      }
      const { failure } = outcome;
      if (call.idempotent && failure.retryable) {
        const delay = nextDelay(retry, this.options.retries, undefined);
        if (delay !== undefined) {
          await this.pause(delay, call);
          continue;
        }
      }
      throw transportError(this.server.name, call.endpoint, failure, !call.idempotent, retry + 1);
    }
  }

  private async attempt<R extends AnswerReading>(call: RawCall, url: URL, target: string, retry: number, read: (httpStatus: number, text: string) => R) {
    const timeout = AbortSignal.timeout(call.timeoutMs);
    const signals = [timeout, this.options.signal, call.signal].filter((s): s is AbortSignal => s !== undefined);
    const signal = AbortSignal.any(signals);
    const headers: Record<string, string> = { ...this.server.headers, Accept: 'application/json' };
    let body: Buffer | AsyncIterable<Buffer> | undefined;
    if (call.body) {
      const built = call.body();
      body = built.chunks;
      headers['Content-Type'] = built.contentType;
      headers['Content-Length'] = String(built.length);
    } else if (call.json !== undefined) {
      body = Buffer.from(JSON.stringify(call.json), 'utf8');
      headers['Content-Type'] = 'application/json;charset=UTF-8';
      headers['Content-Length'] = String(body.length);
    }
    const name = this.server.name;
    this.trace(formatRequestTrace({ cluster: name, method: call.method, target, headers, retry, bodyBytes: call.body ? Number(headers['Content-Length']) : undefined }));
    const started = performance.now();
    const sentAt = Date.now();
    try {
      const response = await sendRequest(url, { method: call.method, headers, body, signal, agent: this.agent });
      this.noteClock(response.headers.date, sentAt, response.headersAt);
      const { text } = response;
      const reading = read(response.statusCode, text);
      const ms = performance.now() - started;
      this.trace(formatResponseTrace({ cluster: name, method: call.method, target, ms, httpStatus: response.statusCode, status: reading.status, error: reading.error }));
      return { kind: 'answer' as const, httpStatus: response.statusCode, text, reading, retryAfterMs: parseRetryAfter(response.headers['retry-after']) };
    } catch (error) {
      // Our own failure while producing the body (the package changed under us): not the network.
      if (error instanceof StmsError) throw error;
      const ms = performance.now() - started;
      if (this.aborted(call)) {
        this.trace(formatResponseTrace({ cluster: name, method: call.method, target, ms, error: 'interrupted' }));
        throw new InterruptedError(`${name} ${call.endpoint}: interrupted`, { details: { cluster: name, endpoint: call.endpoint, outcomeUnknown: !call.idempotent } });
      }
      // AbortSignal.timeout fires with a TimeoutError reason; make sure it is classified as one.
      const cause = timeout.aborted ? timeout.reason : error;
      const failure: NetworkFailure = classifyNetworkError(cause, this.server.url, call.timeoutMs);
      this.trace(formatResponseTrace({ cluster: name, method: call.method, target, ms, error: failure.message }));
      return { kind: 'failure' as const, failure };
    }
  }

  private noteClock(date: string | string[] | undefined, sentAt: number, receivedAt: number): void {
    const serverMs = typeof date === 'string' ? Date.parse(date) : Number.NaN;
    // The header has whole seconds: the server's time was somewhere in the second it names.
    if (!Number.isNaN(serverMs)) this.serverClock = { serverMs: serverMs + 500, localMs: (sentAt + receivedAt) / 2 };
  }

  private async pause(ms: number, call: RawCall): Promise<void> {
    const signals = [this.options.signal, call.signal].filter((s): s is AbortSignal => s !== undefined);
    try {
      await sleep(ms, undefined, signals.length ? { signal: AbortSignal.any(signals) } : undefined);
    } catch {
      throw new InterruptedError(`${this.server.name} ${call.endpoint}: interrupted while waiting to retry`, { details: { cluster: this.server.name, endpoint: call.endpoint } });
    }
  }

  private aborted(call: RawCall): boolean {
    return Boolean(this.options.signal?.aborted || call.signal?.aborted);
  }

  private url(call: RawCall): URL {
    const url = new URL(this.server.url + call.path);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
      else url.searchParams.append(key, String(value));
    }
    return url;
  }

  /** Trace lines are shown: the server may echo a secret in its message. */
  private trace(line: string): void {
    this.options.trace?.(this.secrets.redact(line));
  }
}

function readCa(server: ServerEndpoint): Buffer {
  try {
    return readFileSync(server.ca as string);
  } catch (error) {
    throw new ConfigError(`${server.caField ?? 'ca'}: cannot read ${server.ca}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      hint: 'Point "ca" at a PEM file with the CA that signed the server certificate.',
    });
  }
}
