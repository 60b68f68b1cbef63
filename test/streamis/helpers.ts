import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { ClusterConfig, Config } from '../../src/config/load.js';
import type { SandboxClusterHandle } from '../../src/sandbox/index.js';
import { createStreamisClient, type StreamisClientOptions } from '../../src/streamis/client.js';
import { bufferEntry, writeStoredZip, type StoredEntry } from '../support/stored-zip.js';

/** Shared pieces of the client's tests against the in-process sandbox. */

export const FAST: Pick<Config, 'timeouts' | 'retries'> = {
  timeouts: { requestMs: 5_000, uploadMs: 60_000, executeMs: 10_000, settleMs: 3_000 },
  retries: { attempts: 2, baseDelayMs: 5, maxDelayMs: 50 },
};

export function clusterConfig(handle: Pick<SandboxClusterHandle, 'name' | 'url' | 'token' | 'tokenUser'>, overrides: Partial<ClusterConfig> = {}): ClusterConfig {
  return {
    name: handle.name,
    url: handle.url,
    tokenUser: handle.tokenUser,
    tokenCode: handle.token,
    idc: handle.name.split('_')[0] ?? 'GZ',
    role: 'primary',
    policies: ['single', 'singleWithBak', 'double', 'doubleWithBak', 'managerSlave', 'managerSlaveWithBak'],
    ca: undefined,
    maxUploadMB: 1024,
    ...overrides,
  };
}

export function clientFor(handle: SandboxClusterHandle, options: Partial<StreamisClientOptions> = {}, overrides: Partial<ClusterConfig> = {}) {
  return createStreamisClient(clusterConfig(handle, overrides), { ...FAST, ...options });
}

export interface MetaOptions {
  projectName: string;
  jobName: string;
  jobType?: 'flink.sql' | 'flink.jar';
  policy?: string;
  alertUser?: string;
  extraProduce?: Record<string, string>;
  /** meta.json `tags`: the job's label, set at its first upload. */
  tags?: string;
}

export function meta(o: MetaOptions): Record<string, unknown> {
  const jobType = o.jobType ?? 'flink.sql';
  return {
    projectName: o.projectName,
    jobName: o.jobName,
    jobType,
    tags: o.tags ?? 'test',
    description: 'client test job',
    comment: 'uploaded by the client tests',
    jobContent: jobType === 'flink.sql' ? { type: 'sql', sql: 'select 1' } : { 'main.class.jar': 'app.jar', 'main.class': 'com.example.Main', args: ['--a', '1'] },
    jobConfig: {
      'wds.linkis.flink.resource': { 'wds.linkis.flink.app.parallelism': '1' },
      'wds.linkis.flink.produce': {
        'wds.linkis.flink.alert.failure.user': o.alertUser ?? 'alexyang',
        'wds.streamis.app.highavailable.policy': o.policy ?? 'single',
        ...o.extraProduce,
      },
    },
  };
}

/** Writes `<dir>/<fileName>` holding meta.json (+ app.jar for flink.jar, + extra entries). */
export async function writePackage(dir: string, fileName: string, o: MetaOptions, extra: StoredEntry[] = []): Promise<string> {
  const file = path.join(dir, fileName);
  const entries = [bufferEntry('meta.json', JSON.stringify(meta(o), null, 2))];
  if ((o.jobType ?? 'flink.sql') === 'flink.jar') entries.push(bufferEntry('app.jar', 'PK-not-really-a-jar'));
  await writeStoredZip(file, [...entries, ...extra]);
  return file;
}

export function source(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    pkgName: 'pkg.zip',
    deployUser: 'alexyang',
    createTime: '2025-01-01 10:00:00',
    source: 'aomp',
    isHighAvailable: false,
    highAvailableMessage: '首次上传',
    token: 'streamis0.3.8',
    md5: '0123456789abcdef0123456789abcdef',
    releaseId: 'r-test-1',
    ...fields,
  };
}

export async function md5File(file: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Polls until `check` returns a value, for the sandbox's asynchronous starts. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The rejection of a promise, for assertions on typed errors. */
export async function failure(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, it succeeded');
}
