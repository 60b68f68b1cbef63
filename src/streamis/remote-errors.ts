import type { z } from 'zod';
import { tokenEnvName, type ClusterConfig } from '../config/load.js';
import { RemoteError } from '../errors.js';
import { humanMessage } from './envelope.js';
import type { NetworkFailure } from './network-errors.js';

/**
 * The RemoteErrors of the client, worded so a person knows which cluster said what and what to
 * do next. The server's raw text stays in `details.serverMessage`; the message carries its human
 * part. Callers have already removed the token from every text passed in.
 */

const UNKNOWN_OUTCOME_HINT = 'The request may have been carried out: look at the cluster (latest version, job status) before trying again.';

export function serverError(cluster: string, endpoint: string, verdict: { status: number; message: string; data: Record<string, unknown> }, httpStatus: number): RemoteError {
  const human = humanMessage(verdict.message) || `status ${verdict.status} without a message`;
  const errorMsg = verdict.data.errorMsg;
  return new RemoteError(`${cluster} ${endpoint}: ${human}`, {
    cluster,
    endpoint,
    status: verdict.status,
    httpStatus,
    details: { cluster, endpoint, status: verdict.status, httpStatus, serverMessage: verdict.message, ...(errorMsg === undefined ? {} : { errorMsg }) },
  });
}

export function authError(cluster: ClusterConfig, endpoint: string, verdict: { status: number | undefined; message: string }, httpStatus: number, configFile: string | undefined): RemoteError {
  const server = humanMessage(verdict.message);
  return new RemoteError(`${cluster.name} ${endpoint}: the gateway did not accept the login of Token-User ${cluster.tokenUser}${server ? ` (${server})` : ''}: log in again / check the Token-Code for cluster ${cluster.name}`, {
    cluster: cluster.name,
    endpoint,
    status: verdict.status ?? -1,
    httpStatus,
    code: 'AUTH',
    details: { cluster: cluster.name, endpoint, status: verdict.status ?? -1, httpStatus, serverMessage: verdict.message },
    hint: `Set ${tokenEnvName(cluster.name)} (or clusters.${cluster.name}.tokenCode${configFile ? ` in ${configFile}` : ''}) to a token that Linkis has registered for user ${cluster.tokenUser}.`,
  });
}

export function httpError(cluster: string, endpoint: string, httpStatus: number, excerpt: string, outcomeUnknown: boolean, tries: number): RemoteError {
  const what = httpStatus >= 200 && httpStatus < 300 ? 'an answer that is not a Linkis message' : `HTTP ${httpStatus}`;
  const after = tries > 1 ? ` (after ${tries} tries)` : '';
  let hint: string | undefined;
  if (httpStatus === 404) hint = 'Check the cluster url: it is the gateway origin (http://host:port); stms appends /api/rest_j/v1 itself.';
  else if (httpStatus === 413) hint = 'The package is larger than the gateway or server accepts (client_max_body_size, spring multipart limits, maxUploadMB).';
  else if (outcomeUnknown) hint = UNKNOWN_OUTCOME_HINT;
  else if (httpStatus >= 500) hint = `The gateway of ${cluster}, or the Streamis server behind it, failed: check that it is up, then run the command again.`;
  return new RemoteError(`${cluster} ${endpoint}: ${what}${after}${excerpt ? `: ${excerpt}` : ''}`, {
    cluster,
    endpoint,
    httpStatus,
    outcomeUnknown,
    details: { cluster, endpoint, httpStatus, body: excerpt, outcomeUnknown },
    ...(hint ? { hint } : {}),
  });
}

export function transportError(cluster: string, endpoint: string, failure: NetworkFailure, nonIdempotent: boolean, tries: number): RemoteError {
  const outcomeUnknown = nonIdempotent && failure.mayHaveReachedServer;
  const after = tries > 1 ? ` (after ${tries} tries)` : '';
  return new RemoteError(`${cluster} ${endpoint}: ${failure.message}${after}`, {
    cluster,
    endpoint,
    outcomeUnknown,
    details: { cluster, endpoint, network: failure.kind, code: failure.code, outcomeUnknown },
    ...(outcomeUnknown ? { hint: UNKNOWN_OUTCOME_HINT } : {}),
  });
}

export function shapeError(cluster: string, endpoint: string, issues: readonly z.core.$ZodIssue[]): RemoteError {
  const first = issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || '(data)'}: ${i.message}`);
  return new RemoteError(`${cluster} ${endpoint}: unexpected answer from the server: ${first.join('; ')}`, {
    cluster,
    endpoint,
    status: 0,
    details: { cluster, endpoint, issues: issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) },
    hint: 'The server version may differ from the Streamis 0.3.x contract stms was built for.',
  });
}

/**
 * True when the server answered with a Linkis error of its own (status 1, 2, 3 or 4, below HTTP
 * 500): it is up and refuses. Transport failures, logins (-1) and 5xx are not refusals.
 */
export function isRefusal(error: RemoteError): boolean {
  if (error.status === undefined || error.status === -1 || error.status === 0) return false;
  return error.httpStatus === undefined || error.httpStatus < 500;
}
