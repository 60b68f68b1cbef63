import { parseSource, type SourceRecord, type StreamisClient } from '../streamis/index.js';
import { readLatestSource } from '../streamis/latest-source.js';
import type { StreamJobVersion } from '../streamis/schemas.js';

/**
 * What one cluster holds of a job now: whether it exists, its newest uploaded version and that
 * version's parsed source record (read by readLatestSource: inspect, else jobContent for jar jobs).
 */

export type LatestVersion =
  | { exists: false }
  | {
      exists: true;
      jobId: number;
      jobType: string | undefined;
      /** Newest uploaded version, e.g. v00003. */
      version: string | undefined;
      /** The parsed source record; undefined when there is none or it cannot be read. */
      source: SourceRecord | undefined;
      /** Why `source` is undefined. */
      sourceProblem?: string;
      /** The version row inspect returned (raw jobContent and comment, for plan). */
      row?: StreamJobVersion;
    };

export async function readLatest(client: StreamisClient, project: string, job: string): Promise<LatestVersion> {
  const task = await client.findJob(project, job);
  if (!task) return { exists: false };
  return await readLatestOf(client, task.id, task.jobType ?? undefined, task.lastVersion ?? undefined);
}

/** Like readLatest for a job whose id is known (right after an upload answered). */
export async function readLatestOf(client: StreamisClient, jobId: number, jobType: string | undefined, listedVersion?: string): Promise<LatestVersion> {
  const latest = await readLatestSource(client, jobId, jobType);
  const row = latest.inspect?.version?.now ?? undefined;
  if (row) return { exists: true, jobId, jobType, version: row.version, row, ...sourceOf(row.source) };
  const version = listedVersion ?? (await newestVersion(client, jobId));
  if (latest.refusal && latest.read) return { exists: true, jobId, jobType, version, ...sourceOf(latest.source) };
  const sourceProblem = latest.refusal ? `the source cannot be read: ${latest.refusal.message}` : 'inspect returned no version';
  return { exists: true, jobId, jobType, version, source: undefined, sourceProblem };
}

async function newestVersion(client: StreamisClient, jobId: number): Promise<string | undefined> {
  const page = await client.versions(jobId, { pageNow: 1, pageSize: 1 });
  return page.versions[0]?.version;
}

function sourceOf(text: string | null | undefined): { source: SourceRecord | undefined; sourceProblem?: string } {
  const parsed = parseSource(text);
  return parsed.ok ? { source: parsed.record } : { source: undefined, sourceProblem: parsed.reason };
}
