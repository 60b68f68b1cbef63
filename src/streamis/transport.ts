import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import type { z } from 'zod';
import type { ClusterConfig } from '../config/load.js';
import { requireToken } from '../config/load.js';
import { ConfigError, InterruptedError, RemoteError, StmsError } from '../errors.js';
import { isRetryableStatus, nextDelay, parseRetryAfter, type RetryPolicy } from './backoff.js';
import { classifyResponse, humanMessage, type EnvelopeVerdict } from './envelope.js';
import { classifyNetworkError } from './network-errors.js';
import { authError, httpError, serverError, shapeError, transportError } from './remote-errors.js';
import { formatRequestTrace, formatResponseTrace, redactSecrets } from './trace.js';

/**
 * The one HTTP wrapper of the Streamis client: one keep-alive undici Agent per cluster, the token
 * headers, a timeout per request, retries for idempotent calls only, the `-v` trace, and the
 * mapping of every answer to data or a typed RemoteError.
 */

export type Query = Record<string, string | number | boolean | undefined | ReadonlyArray<string | number>>;

export interface StreamBody {
  stream: Readable;
  length: number;
  contentType: string;
}

export interface Call<S extends z.ZodType> {
  /** Short name for messages and details: `job/upload`, `job/versions`... */
  endpoint: string;
  method: 'GET' | 'POST' | 'PUT';
  /** Path after `base`. */
  path: string;
  /** Default API_PREFIX; the project privilege endpoints live under another service path. */
  base?: string;
  query?: Query;
  json?: unknown;
  /** A body built per attempt (uploads, which are never retried anyway). */
  body?: () => StreamBody;
  /** Safe to send twice: reads, inspect, status, and updateContent's absolute HA verdict. */
  idempotent: boolean;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  schema: S;
}

export interface TransportOptions {
  retries: RetryPolicy;
  trace?: ((line: string) => void) | undefined;
  signal?: AbortSignal | undefined;
  configFile?: string | undefined;
}

export const API_PREFIX = '/api/rest_j/v1/streamis/streamJobManager/';

/** The server's `Date` header of the last answer and our clock at the middle of that request. */
export interface ServerClock {
  serverMs: number;
  localMs: number;
}

export class Transport {
  readonly cluster: ClusterConfig;
  private readonly agent: Agent;
  private readonly token: string;
  /** Undefined until an answer carried a readable `Date` header. */
  serverClock: ServerClock | undefined;

  constructor(cluster: ClusterConfig, private readonly options: TransportOptions) {
    this.cluster = cluster;
    this.token = requireToken(cluster, options.configFile);
    this.agent = new Agent({
      connect: cluster.ca ? { ca: readCa(cluster) } : {},
      // Per-request limits come from AbortSignal.timeout; undici's own 300 s limits would cut a
      // synchronous `job/execute` short.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /** Sends the call (retrying when allowed) and returns the validated envelope `data`. */
  async send<S extends z.ZodType>(call: Call<S>): Promise<z.output<S>> {
    const url = this.url(call);
    const target = url.pathname + url.search;
    for (let retry = 0; ; retry++) {
      const outcome = await this.attempt(call, url, target, retry);
      if (outcome.kind === 'answer') {
        const { verdict, httpStatus, retryAfterMs } = outcome;
        if (verdict.kind === 'ok') return this.validate(call, verdict.data);
        if (call.idempotent && isRetryableStatus(httpStatus) && verdict.kind !== 'auth') {
          const delay = nextDelay(retry, this.options.retries, retryAfterMs);
          if (delay !== undefined) {
            await this.pause(delay, call);
            continue;
          }
        }
        throw this.answerError(call, verdict, httpStatus, retry);
      }
      const { failure } = outcome;
      if (call.idempotent && failure.retryable) {
        const delay = nextDelay(retry, this.options.retries, undefined);
        if (delay !== undefined) {
          await this.pause(delay, call);
          continue;
        }
      }
      throw transportError(this.cluster.name, call.endpoint, failure, !call.idempotent, retry + 1);
    }
  }

  private async attempt(call: Call<z.ZodType>, url: URL, target: string, retry: number) {
    const timeout = AbortSignal.timeout(call.timeoutMs);
    const signals = [timeout, this.options.signal, call.signal].filter((s): s is AbortSignal => s !== undefined);
    const signal = AbortSignal.any(signals);
    const headers: Record<string, string> = { 'Token-User': this.cluster.tokenUser, 'Token-Code': this.token, Accept: 'application/json' };
    let body: string | Readable | undefined;
    if (call.body) {
      const built = call.body();
      body = built.stream;
      headers['Content-Type'] = built.contentType;
      headers['Content-Length'] = String(built.length);
    } else if (call.json !== undefined) {
      body = JSON.stringify(call.json);
      headers['Content-Type'] = 'application/json;charset=UTF-8';
    }
    const cluster = this.cluster.name;
    this.trace(formatRequestTrace({ cluster, method: call.method, target, headers, retry, bodyBytes: call.body ? Number(headers['Content-Length']) : undefined }));
    const started = performance.now();
    const sentAt = Date.now();
    try {
      const response = await request(url, { method: call.method, headers, body, signal, dispatcher: this.agent });
      this.noteClock(response.headers.date, sentAt);
      const text = await response.body.text();
      const verdict = classifyResponse(response.statusCode, this.redact(text));
      const ms = performance.now() - started;
      this.trace(formatResponseTrace({ cluster, method: call.method, target, ms, httpStatus: response.statusCode, status: envelopeStatus(verdict), error: traceError(verdict) }));
      return { kind: 'answer' as const, verdict, httpStatus: response.statusCode, retryAfterMs: parseRetryAfter(response.headers['retry-after']) };
    } catch (error) {
      if (body && typeof body !== 'string') body.destroy();
      // Our own failure while producing the body (the package changed under us): not the network.
      if (error instanceof StmsError) throw error;
      const ms = performance.now() - started;
      if (this.aborted(call)) {
        this.trace(formatResponseTrace({ cluster, method: call.method, target, ms, error: 'interrupted' }));
        throw new InterruptedError(`${cluster} ${call.endpoint}: interrupted`, { details: { cluster, endpoint: call.endpoint, outcomeUnknown: !call.idempotent } });
      }
      // AbortSignal.timeout fires with a TimeoutError reason; make sure it is classified as one.
      const cause = timeout.aborted ? timeout.reason : error;
      const failure = classifyNetworkError(cause, this.cluster.url, call.timeoutMs);
      this.trace(formatResponseTrace({ cluster, method: call.method, target, ms, error: failure.message }));
      return { kind: 'failure' as const, failure };
    }
  }

  private noteClock(date: string | string[] | undefined, sentAt: number): void {
    const serverMs = typeof date === 'string' ? Date.parse(date) : Number.NaN;
    // The header has whole seconds: the server's time was somewhere in the second it names.
    if (!Number.isNaN(serverMs)) this.serverClock = { serverMs: serverMs + 500, localMs: (sentAt + Date.now()) / 2 };
  }

  private validate<S extends z.ZodType>(call: Call<S>, data: Record<string, unknown>): z.output<S> {
    const parsed = call.schema.safeParse(data);
    if (!parsed.success) throw shapeError(this.cluster.name, call.endpoint, parsed.error.issues);
    return parsed.data;
  }

  private answerError(call: Call<z.ZodType>, verdict: Exclude<EnvelopeVerdict, { kind: 'ok' }>, httpStatus: number, retry: number): RemoteError {
    const cluster = this.cluster;
    if (verdict.kind === 'auth') return authError(cluster, call.endpoint, verdict, httpStatus, this.options.configFile);
    if (verdict.kind === 'not-envelope') return httpError(cluster.name, call.endpoint, httpStatus, verdict.excerpt, !call.idempotent && (httpStatus === 502 || httpStatus === 504), retry + 1);
    return serverError(cluster.name, call.endpoint, verdict, httpStatus);
  }

  private async pause(ms: number, call: Call<z.ZodType>): Promise<void> {
    const signals = [this.options.signal, call.signal].filter((s): s is AbortSignal => s !== undefined);
    try {
      await sleep(ms, undefined, signals.length ? { signal: AbortSignal.any(signals) } : undefined);
    } catch {
      throw new InterruptedError(`${this.cluster.name} ${call.endpoint}: interrupted while waiting to retry`, { details: { cluster: this.cluster.name, endpoint: call.endpoint } });
    }
  }

  private aborted(call: Call<z.ZodType>): boolean {
    return Boolean(this.options.signal?.aborted || call.signal?.aborted);
  }

  private url(call: Call<z.ZodType>): URL {
    const url = new URL(this.cluster.url + (call.base ?? API_PREFIX) + call.path);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
      else url.searchParams.append(key, String(value));
    }
    return url;
  }

  private trace(line: string): void {
    this.options.trace?.(this.redact(line));
  }

  /** The gateway names a rejected token in its message: never let it through. */
  private redact(text: string): string {
    return redactSecrets(text, [this.token]);
  }
}

function envelopeStatus(verdict: EnvelopeVerdict): number | undefined {
  if (verdict.kind === 'ok') return 0;
  return verdict.kind === 'not-envelope' ? undefined : verdict.status;
}

function traceError(verdict: EnvelopeVerdict): string | undefined {
  if (verdict.kind === 'ok') return undefined;
  if (verdict.kind === 'not-envelope') return verdict.excerpt || '(empty body)';
  return humanMessage(verdict.message);
}

function readCa(cluster: ClusterConfig): Buffer {
  try {
    return readFileSync(cluster.ca as string);
  } catch (error) {
    throw new ConfigError(`clusters.${cluster.name}.ca: cannot read ${cluster.ca}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      hint: 'Point "ca" at a PEM file with the CA that signed the gateway certificate.',
    });
  }
}
