import { RemoteError } from '../errors.js';
import { parseSource, type SourceRecord, type StreamisClient } from '../streamis/index.js';
import type { StreamJobVersion } from '../streamis/schemas.js';

/**
 * What one cluster holds of a job now: whether it exists, its newest uploaded version and that
 * version's source record. The source is read with `job/execute/inspect` (`version.now`), the
 * only reader that works for every job type (streamis-api.md §6.7); when inspect refuses (a
 * banned job, an alert-user rule) a flink.jar job still has `job/jobContent`'s `source`.
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
  try {
    const inspected = await client.inspect(jobId);
    const row = inspected.version?.now ?? undefined;
    if (row) return { exists: true, jobId, jobType, version: row.version, row, ...sourceOf(row.source) };
  } catch (error) {
    // A refusal (status 1) is about starting the job, not about reading it: try another reader.
    if (!(error instanceof RemoteError) || error.status === undefined || error.status === -1) throw error;
    if (jobType === 'flink.jar') {
      const content = await client.jobContent(jobId);
      const source = content.jobContent?.source;
      const version = listedVersion ?? (await newestVersion(client, jobId));
      return { exists: true, jobId, jobType, version, ...sourceOf(typeof source === 'string' ? source : null) };
    }
    return { exists: true, jobId, jobType, version: listedVersion ?? (await newestVersion(client, jobId)), source: undefined, sourceProblem: `the source cannot be read: ${error.message}` };
  }
  return { exists: true, jobId, jobType, version: listedVersion ?? (await newestVersion(client, jobId)), source: undefined, sourceProblem: 'inspect returned no version' };
}

async function newestVersion(client: StreamisClient, jobId: number): Promise<string | undefined> {
  const page = await client.versions(jobId, { pageNow: 1, pageSize: 1 });
  return page.versions[0]?.version;
}

function sourceOf(text: string | null | undefined): { source: SourceRecord | undefined; sourceProblem?: string } {
  const parsed = parseSource(text);
  return parsed.ok ? { source: parsed.record } : { source: undefined, sourceProblem: parsed.reason };
}
