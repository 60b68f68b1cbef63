import type { ClusterConfig } from '../config/load.js';
import type { JobTask } from '../streamis/index.js';
import type { Session } from './session.js';
import type { JobRef } from './types.js';

/**
 * What each cluster of --clusters knows about one job: whether it has it (job/list, exact name),
 * its list row (id, latest version, status of the current version's latest task) and, when
 * asked, the HA policy its configuration declares (config/json produce group).
 */

export const POLICY_KEY = 'wds.streamis.app.highavailable.policy';
const PRODUCE_GROUP = 'wds.linkis.flink.produce';

export interface ClusterFacts {
  cluster: ClusterConfig;
  present: boolean;
  row?: JobTask;
  /** Raw policy value; null when the job's configuration does not set one. */
  policyRaw?: string | null;
}

export async function readJobFacts(session: Session, ref: JobRef, options: { policy: boolean }): Promise<Map<string, ClusterFacts>> {
  const entries = await Promise.all(
    session.clusters.map(async (cluster): Promise<[string, ClusterFacts]> => {
      const client = session.client(cluster.name);
      const row = await client.findJob(ref.project, ref.job);
      if (!row) return [cluster.name, { cluster, present: false }];
      if (!options.policy) return [cluster.name, { cluster, present: true, row }];
      const config = await client.jobConfig(row.id);
      return [cluster.name, { cluster, present: true, row, policyRaw: declaredPolicy(config) }];
    }),
  );
  return new Map(entries);
}

/** The policy key of the produce group, as the server stores it (a string), or null. */
export function declaredPolicy(config: Record<string, unknown>): string | null {
  const produce = config[PRODUCE_GROUP];
  if (typeof produce !== 'object' || produce === null) return null;
  const value = (produce as Record<string, unknown>)[POLICY_KEY];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function presentClusters(facts: Map<string, ClusterFacts>): string[] {
  return [...facts.values()].filter((f) => f.present).map((f) => f.cluster.name);
}
