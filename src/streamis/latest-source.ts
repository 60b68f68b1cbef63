import { RemoteError } from '../errors.js';
import type { StreamisClient } from './client.js';
import { isRefusal } from './remote-errors.js';
import type { InspectData } from './schemas.js';

/**
 * The latest version's source record of a job on one cluster. `job/execute/inspect` is the only
 * reader for every job type (docs/streamis-contract.md §6.7), but it refuses jobs that cannot start yet (no
 * failure-alert user, banned); for flink.jar `job/jobContent` returns the same source, so reads
 * that are not a start (status, audit, check, release's look before uploading) fall back to it.
 */

export interface LatestSource {
  /** The version the source belongs to (inspect `version.now.version`), when known. */
  version: string | null;
  source: string | null | undefined;
  /** The full inspect answer, when inspect answered. */
  inspect?: InspectData;
  /** The server's refusal of inspect, when the source came from jobContent or not at all. */
  refusal?: RemoteError;
  /** False when inspect refused and no other reader had the source (flink.sql). */
  read: boolean;
}

export async function readLatestSource(client: StreamisClient, jobId: number, jobType: string | null | undefined): Promise<LatestSource> {
  try {
    const inspect = await client.inspect(jobId);
    return { version: inspect.version?.now?.version ?? null, source: inspect.version?.now?.source, inspect, read: true };
  } catch (error) {
    if (!(error instanceof RemoteError) || !isRefusal(error)) throw error;
    if (jobType !== 'flink.jar') return { version: null, source: undefined, refusal: error, read: false };
    const content = await client.jobContent(jobId);
    const source = content.jobContent?.source;
    return { version: null, source: typeof source === 'string' ? source : null, refusal: error, read: true };
  }
}
