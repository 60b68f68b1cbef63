import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { drain, readBody } from './http/request.js';
import type { SandboxClusterHandle } from './types.js';

/**
 * Test controls over HTTP, on every cluster port, so a sandbox started by `stms sandbox` in
 * another process can be driven like the in-process handle. No token needed (loopback only).
 * They keep answering while the cluster is down.
 *
 *   POST /__sandbox/fault       {"path":"job/upload","kind":"error|delay|drop|lost|late","status":503,"delayMs":1000,"count":1}
 *   POST /__sandbox/fail-start  {"projectName":"p1","jobName":"j1","message":"boom"}
 *   POST /__sandbox/hold        {"projectName":"p1","jobName":"j1","hold":true}
 *   POST /__sandbox/crash       {"projectName":"p1","jobName":"j1","afterMs":2000,"message":"OOM","restart":false}
 *   POST /__sandbox/down        {"down":true,"mode":"refuse|hang"}   ({"down":false} brings it back)
 *   POST /__sandbox/upload-work {"ms":500}
 *   POST /__sandbox/manager     {"whetherManager":false}
 *   POST /__sandbox/switches    {"standardAuthentication":false, …any SandboxSwitches field}
 *   POST /__sandbox/sync        {"paused":true}   ({"paused":false} resumes; {"paused":false,"haltAfterFiles":1}: the next round copies one file, then pauses)
 *   GET  /__sandbox/sync        -> {"paused":false,"target":"TJ_UAT","rounds":12,"copiedFiles":30,"lastRoundAt":1767225600000}
 *   GET  /__sandbox/jobs        -> {"jobs":[SandboxJobView…]}
 *   GET  /__sandbox/tasks?projectName=p1&jobName=j1 -> {"tasks":[SandboxTaskView…]} (oldest first; 404 for no such job)
 *   GET  /__sandbox/calls?path=job/upload -> {"path":"job/upload","count":3}
 *
 * Fault kinds, on any API path (a fault lasts `count` calls):
 *   error  the gateway answers `status` (default 503); the server never sees the request.
 *   delay  the request waits delayMs (default 1000), then the server acts and answers.
 *   drop   the connection is destroyed as the request arrives: the server did NOT act.
 *   lost   the server carries the request out fully, then the connection is destroyed without an
 *          answer: it DID act and the client cannot know.
 *   late   the gateway answers `status` (default 504) once the request is in; an upload is stored
 *          delayMs later, any other path is carried out at once.
 * crash: one shot; the job's running task (or the next one to reach running) fails `afterMs`
 * after it reached running with `message` as its error; `restart` models the server's
 * auto-restart: a new task of the job is launched at once (same launch and restore rules).
 * down: while down, every non-control request is refused (socket destroyed) or hangs until the
 * cluster is up again, then is served.
 * upload-work: how long each upload works in its temp folder, so that two same-named uploads of
 * one user in one second overlap and destroy each other as on the real server.
 * sync: the platform's copy of this cluster's managerSlave checkpoints to the other cluster of the
 * pair (a scheduled distcp, hdfs/standby-copy.ts); 400 on a cluster in no pair. `down` also
 * stops the copy from and to that cluster, and its WebHDFS (`/webhdfs/v1/…` on the same port).
 *
 * Answers {"ok":true} (200), or {"ok":false,"error":"…"} (400/404).
 */

const Fault = z.strictObject({
  path: z.string().min(1),
  kind: z.enum(['error', 'delay', 'drop', 'lost', 'late']),
  status: z.number().int().min(100).max(599).optional(),
  delayMs: z.number().int().min(0).optional(),
  count: z.number().int().min(1).optional(),
});
const FailStart = z.strictObject({ projectName: z.string().min(1), jobName: z.string().min(1), message: z.string() });
const Hold = z.strictObject({ projectName: z.string().min(1), jobName: z.string().min(1), hold: z.boolean() });
const Crash = z.strictObject({
  projectName: z.string().min(1),
  jobName: z.string().min(1),
  afterMs: z.number().min(0),
  message: z.string(),
  restart: z.boolean().optional(),
});
const Down = z.strictObject({ down: z.boolean(), mode: z.enum(['refuse', 'hang']).optional() });
const UploadWork = z.strictObject({ ms: z.number().min(0) });
const Manager = z.strictObject({ whetherManager: z.boolean() });
const Sync = z.strictObject({ paused: z.boolean(), haltAfterFiles: z.number().int().min(1).optional() });
const Switches = z.strictObject({
  highAvailableEnable: z.boolean().optional(),
  enableInterfaceUpload: z.boolean().optional(),
  standardAuthentication: z.boolean().optional(),
  sourceName: z.string().optional(),
  sourceToken: z.string().optional(),
  projectNameStrictCheck: z.boolean().optional(),
  maxUploadMB: z.number().positive().optional(),
  configEditEnable: z.boolean().optional(),
});

export async function handleControl(handle: SandboxClusterHandle, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const reply = (status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method === 'GET') {
    await drain(req);
    if (path === 'jobs') return reply(200, { jobs: handle.jobs() });
    if (path === 'tasks') {
      const projectName = url.searchParams.get('projectName') ?? '';
      const jobName = url.searchParams.get('jobName') ?? '';
      try {
        return reply(200, { tasks: handle.tasks(projectName, jobName) });
      } catch (e) {
        return reply(404, { ok: false, error: (e as Error).message });
      }
    }
    if (path === 'sync') {
      const status = handle.syncStatus();
      return status ? reply(200, status) : reply(400, { ok: false, error: `${handle.name} is in no pair: nothing copies its checkpoints` });
    }
    if (path === 'calls') {
      const p = url.searchParams.get('path') ?? '';
      return reply(200, { path: p, count: handle.callCount(p) });
    }
    return reply(404, { ok: false, error: `unknown control ${req.method} /__sandbox/${path}` });
  }
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req, 1024 * 1024));
  } catch (e) {
    return reply(400, { ok: false, error: `the body is not JSON: ${(e as Error).message}` });
  }
  const apply = <T>(schema: z.ZodType<T>, act: (value: T) => void) => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) return reply(400, { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ') });
    try {
      act(parsed.data);
    } catch (e) {
      return reply(400, { ok: false, error: (e as Error).message });
    }
    return reply(200, { ok: true });
  };
  switch (path) {
    case 'fault':
      return apply(Fault, (f) => handle.injectFault(f));
    case 'fail-start':
      return apply(FailStart, (f) => handle.failNextStart(f.projectName, f.jobName, f.message));
    case 'hold':
      return apply(Hold, (h) => handle.holdStarting(h.projectName, h.jobName, h.hold));
    case 'crash':
      return apply(Crash, (c) => handle.crash(c));
    case 'down':
      return apply(Down, (d) => handle.setDown(d.down, d.mode));
    case 'upload-work':
      return apply(UploadWork, (u) => handle.setUploadWorkMs(u.ms));
    case 'manager':
      return apply(Manager, (v) => handle.setWhetherManager(v.whetherManager));
    case 'switches':
      return apply(Switches, (s) => handle.setSwitches(s));
    case 'sync':
      return apply(Sync, (s) => handle.setSync(s));
    default:
      return reply(404, { ok: false, error: `unknown control ${req.method} /__sandbox/${path}` });
  }
}
