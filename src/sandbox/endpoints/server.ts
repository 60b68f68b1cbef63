import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { gatewayFailure, generic, notLoggedIn, ReplyError, springError, type Reply } from '../envelope.js';
import { matchRoute, PROJECT_ROUTES, ROUTES } from './routes.js';
import type { Fault } from '../fault-queue.js';
import type { ClusterRuntime } from '../runtime.js';
import type { DownSwitch } from '../down-switch.js';
import { authenticate } from '../http/auth.js';
import { drain, SandboxRequest } from '../http/request.js';
import { WEBHDFS_PREFIX } from '../hdfs/webhdfs.js';

export const API_PREFIX = '/api/rest_j/v1/streamis/streamJobManager/';
export const PROJECT_PREFIX = '/api/rest_j/v1/streamis/project/';
export const CONTROL_PREFIX = '/__sandbox/';

export interface ClusterHooks {
  runtime: ClusterRuntime;
  token(): string;
  /** Counts the call under every name it goes by and takes an armed fault. */
  arrive(names: string[]): Fault | undefined;
  control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void>;
  /** The cluster's WebHDFS (hdfs/webhdfs.ts), served on the same port; it obeys `down` too. */
  webhdfs(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Every API answer waits this long first. */
  latencyMs: number;
  down: DownSwitch;
}

/**
 * One cluster's HTTP server. Per request: the test controls answer whatever happens; a cluster
 * that is down refuses or holds everything else; then a fault armed for the path (an 'error'
 * answers like a failing gateway without doing anything, a 'delay' waits first, a 'drop' destroys
 * the socket before the server acts, a 'lost' lets the server act fully and then destroys the
 * socket), the gateway's token check, then the endpoint.
 */
export function createClusterServer(hooks: ClusterHooks): Server {
  const server = createServer((req, res) => {
    handle(hooks, req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, springError(req.url ?? '', 500, (e as Error).message));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  return server;
}

async function handle(hooks: ClusterHooks, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const fullPath = url.pathname;
  if (fullPath.startsWith(CONTROL_PREFIX)) return hooks.control(req, res, fullPath.slice(CONTROL_PREFIX.length));
  if (hooks.down.current === 'hang') await hooks.down.whenUp();
  if (hooks.down.current === 'refuse') {
    req.socket.destroy();
    return;
  }
  if (fullPath === WEBHDFS_PREFIX || fullPath.startsWith(`${WEBHDFS_PREFIX}/`)) return hooks.webhdfs(req, res);
  const service = fullPath.startsWith(API_PREFIX) ? { prefix: API_PREFIX, routes: ROUTES } : fullPath.startsWith(PROJECT_PREFIX) ? { prefix: PROJECT_PREFIX, routes: PROJECT_ROUTES } : undefined;
  if (!service) {
    await drain(req);
    return send(res, springError(fullPath, 404, 'No handler found'));
  }
  const sub = fullPath.slice(service.prefix.length);
  const method = req.method ?? 'GET';
  const match = matchRoute(method, sub, service.routes);
  const fault = hooks.arrive(match.pattern && match.pattern !== sub ? [sub, match.pattern] : [sub]);
  if (fault?.kind === 'drop') {
    // The connection breaks before the server does anything.
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'error') {
    await drain(req);
    return send(res, gatewayFailure(fault.status));
  }
  if (fault?.kind === 'delay') await sleep(fault.delayMs);
  if (hooks.latencyMs > 0) await sleep(hooks.latencyMs);

  const rt = hooks.runtime;
  const auth = authenticate(req.headers, { token: hooks.token(), user: rt.tokenUser, port: rt.server.port });
  let reply: Reply;
  if (!auth.ok) {
    await drain(req);
    reply = notLoggedIn(fullPath, auth.message);
  } else if (!match.route) {
    await drain(req);
    reply = match.pattern ? springError(fullPath, 405, `Request method '${method}' not supported`) : springError(fullPath, 404, 'No handler found');
  } else {
    const request = new SandboxRequest(req, method, fullPath, sub, url.searchParams, auth.user);
    request.params = match.params;
    if (fault?.kind === 'late') return await late(request, res, fault, () => run(() => match.route!.handler(rt, request), fullPath));
    reply = await run(() => match.route!.handler(rt, request), fullPath);
    await drain(req);
  }
  if (fault?.kind === 'lost') {
    // The server acted; the client never sees the answer.
    req.socket.destroy();
    return;
  }
  send(res, reply);
}

/** The gateway answers as soon as the request is in; the server's work goes on behind it. */
async function late(request: SandboxRequest, res: ServerResponse, fault: Fault, work: () => Promise<Reply>): Promise<void> {
  let answered = false;
  const answer = () => {
    if (answered) return;
    answered = true;
    send(res, gatewayFailure(fault.status));
  };
  request.actDelayMs = fault.delayMs;
  request.onReceived = answer;
  await work();
  answer();
}

async function run(handler: () => Promise<Reply>, fullPath: string): Promise<Reply> {
  try {
    return await handler();
  } catch (e) {
    if (e instanceof ReplyError) return e.reply.httpStatus === 413 ? springError(fullPath, 413, 'request body too large') : e.reply;
    // Anything unexpected is what the aspect makes of a throwable.
    return generic(fullPath, (e as Error).name || 'Exception', (e as Error).message);
  }
}

export function send(res: ServerResponse, reply: Reply): void {
  const text = reply.text ?? JSON.stringify(reply.body);
  res.writeHead(reply.httpStatus, {
    'content-type': reply.contentType ?? 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
