import type { Reply } from '../envelope.js';
import type { SandboxRequest } from '../http/request.js';
import type { ClusterRuntime } from '../runtime.js';
import { banOrEnable, bulkExecution, bulkPause } from './bulk.js';
import { getConfig, haMessage, saveConfig, updateContent, username } from './content-and-config.js';
import { jobContent, jobInfo, list, version, versions } from './jobs-read.js';
import { execute, inspect } from './start.js';
import { executeHistory, progress } from './task-history.js';
import { errorMsg, snapshotNow, status, stop } from './task-ops.js';
import { hasEditPrivilege } from './project-privilege.js';
import { upload } from './upload.js';

export type Handler = (rt: ClusterRuntime, req: SandboxRequest) => Promise<Reply>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  /** After /streamJobManager/; `{name}` is a path variable matching Java's `\w+`. */
  pattern: string;
  handler: Handler;
}

/** The endpoints of docs/streamis-contract.md §5 the sandbox serves. */
export const ROUTES: Route[] = [
  { method: 'POST', pattern: 'job/upload', handler: upload },
  { method: 'GET', pattern: 'job/list', handler: list },
  { method: 'GET', pattern: 'job/{jobId}/versions', handler: versions },
  { method: 'GET', pattern: 'job/version', handler: version },
  { method: 'GET', pattern: 'job/jobInfo', handler: jobInfo },
  { method: 'GET', pattern: 'job/jobContent', handler: jobContent },
  { method: 'POST', pattern: 'job/updateContent', handler: updateContent },
  { method: 'PUT', pattern: 'job/execute/inspect', handler: inspect },
  { method: 'POST', pattern: 'job/execute', handler: execute },
  { method: 'PUT', pattern: 'job/status', handler: status },
  { method: 'GET', pattern: 'job/stop', handler: stop },
  { method: 'PUT', pattern: 'job/snapshot/{jobId}', handler: snapshotNow },
  { method: 'GET', pattern: 'job/execute/errorMsg', handler: errorMsg },
  { method: 'GET', pattern: 'job/execute/history', handler: executeHistory },
  { method: 'GET', pattern: 'job/progress', handler: progress },
  { method: 'POST', pattern: 'job/bulk/execution', handler: bulkExecution },
  { method: 'POST', pattern: 'job/bulk/pause', handler: bulkPause },
  { method: 'POST', pattern: 'job/ban', handler: (rt, req) => banOrEnable(rt, req, false) },
  { method: 'POST', pattern: 'job/enable', handler: (rt, req) => banOrEnable(rt, req, true) },
  { method: 'GET', pattern: 'config/json/{jobId}', handler: getConfig },
  { method: 'POST', pattern: 'config/json/{jobId}', handler: saveConfig },
  { method: 'GET', pattern: 'highAvailable/getHAMsg', handler: haMessage },
  { method: 'GET', pattern: 'highAvailable/username', handler: username },
];

/** The project service's endpoints, after /streamis/project/ (a prefix of their own). */
export const PROJECT_ROUTES: Route[] = [{ method: 'GET', pattern: 'projectPrivilege/hasEditPrivilege', handler: hasEditPrivilege }];

export interface RouteMatch {
  /** The pattern the path matched (for call counts and faults), undefined when none did. */
  pattern: string | undefined;
  route: Route | undefined;
  params: Record<string, string>;
}

export function matchRoute(method: string, sub: string, routes: readonly Route[] = ROUTES): RouteMatch {
  let patternOnly: string | undefined;
  for (const route of routes) {
    const params = matchPattern(route.pattern, sub);
    if (!params) continue;
    if (route.method === method) return { pattern: route.pattern, route, params };
    patternOnly ??= route.pattern;
  }
  return { pattern: patternOnly, route: undefined, params: {} };
}

function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const actual = have[i] ?? '';
    const variable = /^\{(\w+)\}$/.exec(part);
    if (variable) {
      if (!/^\w+$/.test(actual)) return undefined;
      params[variable[1] as string] = actual;
    } else if (part !== actual) return undefined;
  }
  return params;
}
