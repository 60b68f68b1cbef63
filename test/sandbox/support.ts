import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildZip, MODE } from '../support/zip-writer.js';
import { startSandbox, type Sandbox, type SandboxClusterHandle, type SandboxClusterSpec, type SandboxOptions } from '../../src/sandbox/index.js';

/** Helpers for the HTTP-level tests of the sandbox: a sandbox in a temp folder, raw calls, zips. */

export const API = '/api/rest_j/v1/streamis/streamJobManager/';

export interface TestSandbox {
  sandbox: Sandbox;
  dir: string;
  gz: SandboxClusterHandle;
  tj: SandboxClusterHandle;
  close(): Promise<void>;
}

export const FAST_CLUSTERS: SandboxClusterSpec[] = [
  { name: 'GZ_UAT', whetherManager: true, role: 'primary', idc: 'GZ', startDelayMs: 40 },
  { name: 'TJ_UAT', whetherManager: false, role: 'backup', idc: 'TJ', startDelayMs: 40 },
];

export async function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<TestSandbox> {
  const dir = options.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'stms-sandbox-')));
  const sandbox = await startSandbox({ clusters: FAST_CLUSTERS, ...options, dir });
  return {
    sandbox,
    dir,
    gz: sandbox.clusters.GZ_UAT as SandboxClusterHandle,
    tj: sandbox.clusters.TJ_UAT as SandboxClusterHandle,
    async close() {
      await sandbox.close();
      if (!options.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface CallResult {
  status: number;
  /** Parsed JSON body, or the text when it is not JSON. */
  body: any;
  text: string;
}

export interface CallOptions {
  query?: Record<string, string | number | boolean | Array<string | number>>;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
  /** Default: the cluster's token as headers. false sends none. */
  auth?: boolean;
}

export async function call(cluster: SandboxClusterHandle, method: string, sub: string, options: CallOptions = {}): Promise<CallResult> {
  const url = new URL(`${cluster.url}${API}${sub}`);
  for (const [k, v] of Object.entries(options.query ?? {})) {
    for (const one of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(one));
  }
  const headers: Record<string, string> = { ...(options.auth === false ? {} : authHeaders(cluster)), ...options.headers };
  let body: string | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json;charset=UTF-8';
  }
  const res = await fetch(url, { method, headers, body });
  return parse(res);
}

export function authHeaders(cluster: SandboxClusterHandle): Record<string, string> {
  return { 'Token-Code': cluster.token, 'Token-User': cluster.tokenUser };
}

async function parse(res: Response): Promise<CallResult> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body, text };
}

export interface UploadOptions {
  fileName?: string;
  projectName?: string;
  /** The source form field; undefined sends none. */
  source?: string;
  /** Extra text fields. */
  fields?: Record<string, string>;
  query?: Record<string, string>;
  /** Name of the file part (default 'file'); null sends no file part. */
  partName?: string | null;
}

export async function upload(cluster: SandboxClusterHandle, zip: Buffer, options: UploadOptions = {}): Promise<CallResult> {
  const form = new FormData();
  if (options.projectName !== undefined) form.append('projectName', options.projectName);
  if (options.source !== undefined) form.append('source', options.source);
  for (const [k, v] of Object.entries(options.fields ?? {})) form.append(k, v);
  if (options.partName !== null) form.append(options.partName ?? 'file', new Blob([zip]), options.fileName ?? 'job.zip');
  const url = new URL(`${cluster.url}${API}job/upload`);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.append(k, v);
  const res = await fetch(url, { method: 'POST', headers: authHeaders(cluster), body: form });
  return parse(res);
}

/** A zip of these entries, deflated (a name ending in / is a directory). */
export async function makeZip(entries: Record<string, string | Buffer>): Promise<Buffer> {
  return buildZip(Object.entries(entries).map(([name, data]) => (name.endsWith('/') ? { name, unixMode: MODE.dir } : { name, data, method: 'deflate' as const })));
}

export interface MetaOptions {
  projectName?: string;
  jobName?: string;
  jobType?: string;
  policy?: string | null;
  alertUser?: string | null;
  extra?: Record<string, unknown>;
}

/** A valid flink.sql meta.json (inline SQL), with the policy in the produce group. */
export function meta(o: MetaOptions = {}): Record<string, unknown> {
  const produce: Record<string, unknown> = { 'wds.linkis.flink.checkpoint.switch': 'OFF' };
  if (o.alertUser !== null) produce['wds.linkis.flink.alert.failure.user'] = o.alertUser ?? 'alexyang';
  if (o.policy !== null) produce['wds.streamis.app.highavailable.policy'] = o.policy ?? 'single';
  return {
    projectName: o.projectName ?? 'p1',
    jobName: o.jobName ?? 'j1',
    jobType: o.jobType ?? 'flink.sql',
    tags: 'demo',
    description: 'a job',
    jobContent: { type: 'sql', sql: 'select 1' },
    jobConfig: { 'wds.linkis.flink.resource': { 'wds.linkis.flink.app.parallelism': '2' }, 'wds.linkis.flink.produce': produce },
    ...o.extra,
  };
}

export async function packageZip(o: MetaOptions = {}, files: Record<string, string | Buffer> = {}): Promise<Buffer> {
  return makeZip({ 'meta.json': JSON.stringify(meta(o), null, 2), ...files });
}

/** The source field of a standard (AOMP) release. */
export function aompSource(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    pkgName: 'job.zip',
    deployUser: 'alexyang',
    createTime: '2025-01-01 10:00:00',
    source: 'aomp',
    isHighAvailable: false,
    highAvailableMessage: '首次上传',
    token: 'streamis0.3.8',
    md5: 'd41d8cd98f00b204e9800998ecf8427e',
    ...extra,
  });
}

/** Uploads a valid package and returns the job id. */
export async function release(cluster: SandboxClusterHandle, o: MetaOptions = {}, source: string | undefined = aompSource()): Promise<number> {
  const res = await upload(cluster, await packageZip(o), { projectName: o.projectName ?? 'p1', source });
  if (res.body?.status !== 0) throw new Error(`upload failed: ${res.text}`);
  return res.body.data.jobId as number;
}

/** Polls job/status until the job's status code is one of `codes`. */
export async function waitForStatus(cluster: SandboxClusterHandle, jobId: number, codes: number[], timeoutMs = 5000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await call(cluster, 'PUT', 'job/status', { json: { id_list: [jobId] } });
    const entry = res.body?.data?.result?.find((r: any) => r.jobId === jobId);
    if (entry && codes.includes(entry.statusCode)) return entry;
    if (Date.now() > until) throw new Error(`job ${jobId} did not reach ${codes.join('/')}: ${JSON.stringify(entry)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
