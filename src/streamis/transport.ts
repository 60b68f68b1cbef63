import type { z } from 'zod';
import type { ClusterConfig } from '../config/load.js';
import { requireToken } from '../config/load.js';
import type { RemoteError } from '../errors.js';
import { isRetryableStatus } from './backoff.js';
import { classifyResponse, humanMessage, type EnvelopeVerdict } from './envelope.js';
import { HttpExchange, type ServerClock, type ExchangeOptions, type RawCall } from './http-exchange.js';
import { authError, httpError, serverError, shapeError } from './remote-errors.js';


/**
 * The Streamis side of the HTTP exchange: the token headers, the API prefix, and the mapping of
 * every Linkis answer to data or a typed RemoteError. Answers are parsed as received; secrets are
 * taken out of what becomes a message (the gateway names a refused token in its own).
 */

export interface Call<S extends z.ZodType> extends Omit<RawCall, 'path'> {
  /** Path after `base`. */
  path: string;
  /** Default: the streamJobManager API; the project privilege endpoints live under another service path. */
  base?: string;
  schema: S;
}

export interface TransportOptions extends ExchangeOptions {
  configFile?: string | undefined;
}

export const API_PREFIX = '/api/rest_j/v1/streamis/streamJobManager/';

export class Transport {
  readonly cluster: ClusterConfig;
  private readonly http: HttpExchange;

  constructor(cluster: ClusterConfig, private readonly options: TransportOptions) {
    this.cluster = cluster;
    const token = requireToken(cluster, options.configFile);
    this.http = new HttpExchange(
      { name: cluster.name, url: cluster.url, headers: { 'Token-User': cluster.tokenUser, 'Token-Code': token }, ca: cluster.ca, caField: `clusters.${cluster.name}.ca` },
      options,
    );
    this.http.secrets.add(token, `cluster ${cluster.name}`);
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  /** The server's clock as its last answer's `Date` header gave it; undefined before one. */
  get serverClock(): ServerClock | undefined {
    return this.http.serverClock;
  }

  /** Sends the call (retrying when allowed) and returns the validated envelope `data`. */
  async send<S extends z.ZodType>(call: Call<S>): Promise<z.output<S>> {
    const answer = await this.http.send({ ...call, path: (call.base ?? API_PREFIX) + call.path }, (httpStatus, text) => {
      const verdict = classifyResponse(httpStatus, text);
      return { verdict, retryable: isRetryableStatus(httpStatus) && verdict.kind !== 'auth' && verdict.kind !== 'ok', status: envelopeStatus(verdict), error: traceError(verdict) };
    });
    const { verdict } = answer.reading;
    if (verdict.kind === 'ok') return this.validate(call, verdict.data);
    throw this.answerError(call, this.http.secrets.redactDeep(verdict), answer.httpStatus, answer.tries);
  }

  private validate<S extends z.ZodType>(call: Call<S>, data: Record<string, unknown>): z.output<S> {
    const parsed = call.schema.safeParse(data);
    if (!parsed.success) throw shapeError(this.cluster.name, call.endpoint, this.http.secrets.redactDeep(parsed.error.issues));
    return parsed.data;
  }

  /** `verdict` is already redacted: every text in it may end up in a message or the --json document. */
  private answerError(call: Call<z.ZodType>, verdict: Exclude<EnvelopeVerdict, { kind: 'ok' }>, httpStatus: number, tries: number): RemoteError {
    const cluster = this.cluster;
    if (verdict.kind === 'auth') return authError(cluster, call.endpoint, verdict, httpStatus, this.options.configFile);
    if (verdict.kind === 'not-envelope') return httpError(cluster.name, call.endpoint, httpStatus, verdict.excerpt, !call.idempotent && (httpStatus === 502 || httpStatus === 504), tries);
    return serverError(cluster.name, call.endpoint, verdict, httpStatus);
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
