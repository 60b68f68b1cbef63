import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SandboxClusterHandle, SandboxJobView } from '../../src/sandbox/index.js';
import { sqlFiles, sqlMeta } from '../support/packages.js';
import type { SandboxFixture } from '../support/sandbox-fixture.js';

/** Shared pieces of the release, plan and history end-to-end tests. */

/** A valid flink.sql package for `job` declaring `policy` (the j1 queue variable, resolved per IDC). */
export function policyMeta(job: string, policy: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const meta = sqlMeta({ jobName: job, ...extra }) as { jobConfig: Record<string, Record<string, unknown>> };
  (meta.jobConfig['wds.linkis.flink.produce'] as Record<string, unknown>)['wds.streamis.app.highavailable.policy'] = policy;
  return meta;
}

/** Writes `<job>.zip` with that policy and registers the app in the CMDB for `clusters`. */
export async function policyPackage(f: SandboxFixture, job: string, policy: string, clusters: string[], register = true): Promise<string> {
  if (register) {
    const current = JSON.parse(await readFile(f.cmdbFile, 'utf8')) as { apps: Array<Record<string, unknown>> };
    await f.register([...(current.apps as never[]), { projectName: 'p1', jobName: job, haPolicy: policy, clusters }]);
  }
  return await f.writePackage(`${job}.zip`, sqlFiles(policyMeta(job, policy)));
}

export async function md5Of(file: string): Promise<string> {
  return createHash('md5').update(await readFile(file)).digest('hex');
}

export function jobOn(cluster: SandboxClusterHandle, job: string): SandboxJobView | undefined {
  return cluster.jobs().find((j) => j.projectName === 'p1' && j.name === job);
}

export function versionsOn(cluster: SandboxClusterHandle, job: string): number {
  return jobOn(cluster, job)?.versions.length ?? 0;
}

/** The parsed source of the latest version of `job` on `cluster`. */
export function latestSource(cluster: SandboxClusterHandle, job: string): Record<string, unknown> | undefined {
  const text = jobOn(cluster, job)?.versions.at(-1)?.source;
  return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
}

export async function readJournalFile(f: SandboxFixture, releaseId: string): Promise<{ text: string; json: any }> {
  const text = await readFile(path.join(f.stateDir, 'releases', `${releaseId}.json`), 'utf8');
  return { text, json: JSON.parse(text) };
}

export async function journalFiles(f: SandboxFixture): Promise<string[]> {
  try {
    return (await readdir(path.join(f.stateDir, 'releases'))).sort();
  } catch {
    return [];
  }
}

/** Uploads seen by every cluster of the fixture. */
export function uploadCalls(f: SandboxFixture): number {
  return Object.values(f.clusters).reduce((n, c) => n + c.callCount('job/upload'), 0);
}
