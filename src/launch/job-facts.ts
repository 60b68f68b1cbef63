import type { ClusterConfig } from '../config/load.js';
import type { JobTask } from '../streamis/index.js';
import { readLatestSource, type LatestSource } from '../streamis/latest-source.js';
import type { Session } from './session.js';
import type { JobRef } from './types.js';

/**
 * What each cluster of --clusters knows about one job: whether it has it (job/list, exact name),
 * its list row (id, latest version, status of the current version's latest task) and, when
 * asked, the HA policy its configuration declares (config/json produce group) and the latest
 * version's source (inspect), read side by side so a launch spends one round trip on both.
 */

export const POLICY_KEY = 'wds.streamis.app.highavailable.policy';
const PRODUCE_GROUP = 'wds.linkis.flink.produce';

export interface ClusterFacts {
  cluster: ClusterConfig;
  present: boolean;
  row?: JobTask;
  /** Raw policy value; null when the job's configuration does not set one. */
  policyRaw?: string | null;
  /**
   * The latest source, read while the policy was (when asked). A promise, awaited only by the step
   * that needs it; its failure belongs to that step.
   */
  latest?: Promise<LatestSource>;
  /** Why this cluster could not be read (only with `tolerate`); `present` is then false. */
  error?: unknown;
}

/**
 * `tolerate`: a cluster that cannot be read gets `error` instead of failing the whole read, for
 * the commands that should still work on the other clusters (status, stop, snapshot). Check and
 * launch do not tolerate: a job is judged and started only when every cluster answered.
 */
export async function readJobFacts(session: Session, ref: JobRef, options: { policy: boolean; latest?: boolean; tolerate?: boolean }): Promise<Map<string, ClusterFacts>> {
  const entries = await Promise.all(
    session.clusters.map(async (cluster): Promise<[string, ClusterFacts]> => {
      if (!options.tolerate) return readCluster(session, cluster, ref, options);
      try {
        return await readCluster(session, cluster, ref, options);
      } catch (error) {
        return [cluster.name, { cluster, present: false, error }];
      }
    }),
  );
  return new Map(entries);
}

async function readCluster(session: Session, cluster: ClusterConfig, ref: JobRef, options: { policy: boolean; latest?: boolean }): Promise<[string, ClusterFacts]> {
  const client = session.client(cluster.name);
  const row = await client.findJob(ref.project, ref.job);
  if (!row) return [cluster.name, { cluster, present: false }];
  let latest: Promise<LatestSource> | undefined;
  if (options.latest) {
    latest = readLatestSource(client, row.id, row.jobType);
    // Handled by whoever awaits it; never an unhandled rejection if no step does.
    latest.catch(() => undefined);
  }
  if (!options.policy) return [cluster.name, { cluster, present: true, row, ...(latest ? { latest } : {}) }];
  const config = await client.jobConfig(row.id);
  return [cluster.name, { cluster, present: true, row, policyRaw: declaredPolicy(config), ...(latest ? { latest } : {}) }];
}

/** The policy key of the produce group, as the server stores it (a string), or null. */
export function declaredPolicy(config: Record<string, unknown>): string | null {
  const produce = config[PRODUCE_GROUP];
  if (typeof produce !== 'object' || produce === null) return null;
  const value = (produce as Record<string, unknown>)[POLICY_KEY];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
