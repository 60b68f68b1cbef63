import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Policy } from '../../src/ha/policies.js';
import { buildSource } from '../../src/release/source-record.js';
import type { SandboxClusterHandle, SandboxJobView } from '../../src/sandbox/index.js';
import { STATUS } from '../../src/streamis/status-codes.js';
import type { SandboxFixture } from '../support/sandbox-fixture.js';
import { clientFor, eventually, writePackage, type MetaOptions } from '../streamis/helpers.js';

/**
 * Jobs for the check / launch / status / stop / audit tests, put on the sandbox with the typed
 * client and a source record exactly as `stms release` builds it (buildSource). Faster than the
 * release command for dozens of jobs, and lets a test make clusters disagree on purpose.
 */

export interface PutOptions {
  project?: string;
  /** The md5 recorded in the source; default: the package's real md5 (the same on every cluster). */
  md5?: string | Record<string, string>;
  deployUser?: string | Record<string, string>;
  alertUser?: string;
  /** The policy written in the job config; default the `policy` argument. */
  declared?: string;
  jobType?: 'flink.sql' | 'flink.jar';
  /** More keys of the produce group (e.g. a product name only `job/execute` checks). */
  extraProduce?: Record<string, string>;
  /** The job's labels, comma-separated (meta.json `tags`). */
  tags?: string;
}

export async function putJob(f: SandboxFixture, job: string, policy: Policy, clusters: string[], o: PutOptions = {}): Promise<Record<string, number>> {
  const project = o.project ?? 'p1';
  const meta: MetaOptions = { projectName: project, jobName: job, policy: o.declared ?? policy, ...(o.alertUser === undefined ? {} : { alertUser: o.alertUser }), ...(o.jobType ? { jobType: o.jobType } : {}), ...(o.extraProduce ? { extraProduce: o.extraProduce } : {}), ...(o.tags === undefined ? {} : { tags: o.tags }) };
  const file = await writePackage(f.dir, `${project}_${job}.zip`, meta);
  const md5 = createHash('md5').update(await readFile(file)).digest('hex');
  const ids: Record<string, number> = {};
  for (const cluster of clusters) {
    const pick = (v: string | Record<string, string> | undefined, fallback: string) => (typeof v === 'string' ? v : (v?.[cluster] ?? fallback));
    const source = buildSource({
      pkgName: path.basename(file),
      deployUser: pick(o.deployUser, 'alexyang'),
      createTime: new Date(),
      sourceName: 'aomp',
      sourceToken: 'streamis0.3.8',
      policy,
      md5: pick(o.md5, md5),
      releaseId: `r-${job}`,
    });
    const client = clientFor(f.clusters[cluster] as SandboxClusterHandle);
    try {
      ids[cluster] = (await client.upload({ file, projectName: project, source })).jobId;
    } finally {
      await client.close();
    }
  }
  return ids;
}

export function jobView(cluster: SandboxClusterHandle, job: string, project = 'p1'): SandboxJobView | undefined {
  return cluster.jobs().find((j) => j.projectName === project && j.name === job);
}

/** The status code of the job's latest task on the cluster (null: never started, undefined: no job). */
export function statusOn(cluster: SandboxClusterHandle, job: string, project = 'p1'): number | null | undefined {
  return jobView(cluster, job, project)?.status;
}

export function latestSourceOn(cluster: SandboxClusterHandle, job: string, project = 'p1'): Record<string, unknown> | undefined {
  const text = jobView(cluster, job, project)?.versions.at(-1)?.source;
  return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
}

/**
 * Starts the job on the cluster directly (as another tool would) and waits until it runs. The
 * latest version is first marked high-available, as a passed check would, so that two-cluster
 * policies may start.
 */
export async function runOn(cluster: SandboxClusterHandle, job: string, project = 'p1'): Promise<void> {
  const client = clientFor(cluster);
  try {
    const view = jobView(cluster, job, project);
    if (!view) throw new Error(`${project}/${job} is not on ${cluster.name}`);
    await client.updateHighAvailable({ jobId: view.id, version: view.currentVersion, highAvailable: true, highAvailableMessage: 'started directly by the test' });
    await client.execute(view.id);
    await eventually(async () => (statusOn(cluster, job, project) === STATUS.RUNNING ? true : undefined));
  } finally {
    await client.close();
  }
}

/** Calls of one endpoint over every cluster of the fixture. */
export function calls(f: SandboxFixture, endpoint: string): number {
  return Object.values(f.clusters).reduce((n, c) => n + c.callCount(endpoint), 0);
}
