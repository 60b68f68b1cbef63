import { mapLimit } from '../batch/map-limit.js';
import type { CmdbRecord } from '../cmdb/types.js';
import { declaredPolicy } from '../launch/job-facts.js';
import { produceValue, SAVEPOINT_PATH_KEY } from '../restore/config-edits.js';
import { readLatestSource } from '../streamis/latest-source.js';
import type { Session } from '../launch/session.js';
import { parseSource, type JobTask, type StreamisClient } from '../streamis/index.js';
import type { ClusterRows } from '../selection/select.js';
import type { AuditCluster, AuditInput, AuditJob } from './types.js';

/**
 * Collects what `stms audit` judges, per cluster: every job of the audited selection (the job/list
 * rows src/selection read, all pages), its declared policy (config/json), the md5 of its latest
 * version (the source record) and, for non-DR clusters, getHAMsg's whetherManager. Reads only.
 * `cmdb`: the records in scope, already narrowed by the caller.
 */

export async function collectAudit(session: Session, listings: ReadonlyArray<ClusterRows<JobTask>>, cmdb: CmdbRecord[], concurrency: number): Promise<AuditInput> {
  const clusters = await Promise.all(
    session.clusters.map(async (cluster): Promise<AuditCluster> => {
      const client = session.client(cluster.name);
      const whetherManager = cluster.role === 'dr' ? undefined : (await session.haMessage(cluster.name)).whetherManager;
      const rows = listings.filter((l) => l.cluster === cluster.name).flatMap((l) => l.rows);
      const jobs = await mapLimit(rows, concurrency, (row) => auditJob(client, row));
      return { name: cluster.name, role: cluster.role, whetherManager, jobs };
    }),
  );
  return { clusters, pairs: session.config.pairs, cmdb };
}

async function auditJob(client: StreamisClient, row: JobTask): Promise<AuditJob> {
  const [config, latest] = await Promise.all([client.jobConfig(row.id), readLatestSource(client, row.id, row.jobType)]);
  const parsed = parseSource(latest.source);
  return {
    projectName: row.projectName ?? '',
    jobName: row.name,
    statusCode: row.status ?? 0,
    md5: parsed.ok ? (parsed.record.md5 ?? null) : null,
    policy: declaredPolicy(config),
    savepointPath: configuredSavepoint(config),
    verdict: parsed.ok ? { highAvailable: parsed.record.isHighAvailable, message: parsed.record.highAvailableMessage ?? null } : null,
  };
}

function configuredSavepoint(config: Record<string, unknown>): string | null {
  const path = produceValue(config, SAVEPOINT_PATH_KEY);
  return path !== null && path.trim() !== '' ? path : null;
}
