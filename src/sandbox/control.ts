import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { drain, readBody } from './http/request.js';
import type { SandboxClusterHandle } from './types.js';

/**
 * Test controls over HTTP, on every cluster port, so a sandbox started by `stms sandbox` in
 * another process can be driven like the in-process handle. No token needed (loopback only).
 *
 *   POST /__sandbox/fault       {"path":"job/upload","kind":"error|delay|drop","status":503,"delayMs":1000,"count":1}
 *   POST /__sandbox/fail-start  {"projectName":"p1","jobName":"j1","message":"boom"}
 *   POST /__sandbox/hold        {"projectName":"p1","jobName":"j1","hold":true}
 *   POST /__sandbox/manager     {"whetherManager":false}
 *   POST /__sandbox/switches    {"standardAuthentication":false, …any SandboxSwitches field}
 *   GET  /__sandbox/jobs        -> {"jobs":[SandboxJobView…]}
 *   GET  /__sandbox/calls?path=job/upload -> {"path":"job/upload","count":3}
 *
 * Answers {"ok":true} (200), or {"ok":false,"error":"…"} (400/404).
 */

const Fault = z.strictObject({
  path: z.string().min(1),
  kind: z.enum(['error', 'delay', 'drop', 'late']),
  status: z.number().int().min(100).max(599).optional(),
  delayMs: z.number().int().min(0).optional(),
  count: z.number().int().min(1).optional(),
});
const FailStart = z.strictObject({ projectName: z.string().min(1), jobName: z.string().min(1), message: z.string() });
const Hold = z.strictObject({ projectName: z.string().min(1), jobName: z.string().min(1), hold: z.boolean() });
const Manager = z.strictObject({ whetherManager: z.boolean() });
const Switches = z.strictObject({
  highAvailableEnable: z.boolean().optional(),
  enableInterfaceUpload: z.boolean().optional(),
  standardAuthentication: z.boolean().optional(),
  sourceName: z.string().optional(),
  sourceToken: z.string().optional(),
  projectNameStrictCheck: z.boolean().optional(),
  maxUploadMB: z.number().positive().optional(),
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
    act(parsed.data);
    return reply(200, { ok: true });
  };
  switch (path) {
    case 'fault':
      return apply(Fault, (f) => handle.injectFault(f));
    case 'fail-start':
      return apply(FailStart, (f) => handle.failNextStart(f.projectName, f.jobName, f.message));
    case 'hold':
      return apply(Hold, (h) => handle.holdStarting(h.projectName, h.jobName, h.hold));
    case 'manager':
      return apply(Manager, (v) => handle.setWhetherManager(v.whetherManager));
    case 'switches':
      return apply(Switches, (s) => handle.setSwitches(s));
    default:
      return reply(404, { ok: false, error: `unknown control ${req.method} /__sandbox/${path}` });
  }
}
