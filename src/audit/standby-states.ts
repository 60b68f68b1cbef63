import type { ClusterConfig, Config } from '../config/load.js';
import { mapLimit } from '../batch/map-limit.js';
import { hdfsReaders, type HdfsReaderOptions } from '../standby/hdfs-reader.js';
import { readJobStates } from '../standby/read-job-states.js';
import { hasStandbyCopy, standbyVerdict } from '../standby/standby-verdict.js';
import type { AuditInput, StandbyState } from './types.js';

/**
 * The audit's look at standby state (docs/concepts.md "The HA audit report"): for every
 * managerSlave job of the audit, its newest complete state on the manager's checkpoint root
 * against the newest complete copy on the other cluster of its pair, judged as `stms standby`
 * judges it. Only when the config has a `standby` section and both clusters of a pair have `hdfs`
 * (undefined otherwise: not looked at). A cluster whose HDFS cannot be read leaves its jobs out,
 * with a warning, rather than failing the audit of everything else.
 */
export async function collectStandbyStates(
  config: Config,
  clusters: readonly ClusterConfig[],
  input: AuditInput,
  options: HdfsReaderOptions & { concurrency: number; now: number; warn(text: string): void },
): Promise<StandbyState[] | undefined> {
  const roots = config.standby;
  if (!roots) return undefined;
  const withHdfs = new Set(clusters.filter((c) => c.hdfs !== undefined).map((c) => c.name));
  const manager = input.clusters.find((c) => c.whetherManager === true && withHdfs.has(c.name));
  const pair = manager && input.pairs.find((p) => p.includes(manager.name));
  const standby = pair?.find((name) => name !== manager?.name);
  if (!manager || !standby || !withHdfs.has(standby)) return undefined;

  const jobs = manager.jobs.filter((j) => hasStandbyCopy(j.policy));
  const readers = hdfsReaders(config, clusters, options);
  const unread = new Set<string>();
  try {
    const states = await mapLimit(jobs, options.concurrency, async (job): Promise<StandbyState | undefined> => {
      const read = (cluster: string, root: string) =>
        readJobStates(readers.reader(cluster), root, job.policy, job.projectName, job.jobName).catch((error: unknown) => {
          if (!unread.has(cluster)) options.warn(`the HDFS of ${cluster} could not be read, standby state not judged there: ${(error as Error).message}`);
          unread.add(cluster);
          return undefined;
        });
      const [source, copy] = await Promise.all([read(manager.name, roots.checkpointRoot), read(standby, roots.copyRoot)]);
      if (copy === undefined) return undefined;
      const verdict = standbyVerdict({ policy: job.policy, source, copy, nowMs: options.now, maxAgeMs: roots.maxAgeMs });
      if (verdict.verdict !== 'stale' && verdict.verdict !== 'incomplete' && verdict.verdict !== 'missing') return undefined;
      return {
        project: job.projectName,
        job: job.jobName,
        manager: manager.name,
        standby,
        verdict: verdict.verdict,
        ageSeconds: verdict.copy ? Math.round(verdict.copy.ageMs / 1000) : null,
        maxAgeSeconds: Math.round(roots.maxAgeMs / 1000),
        copy: verdict.copy ? `hdfs://${verdict.copy.path}` : undefined,
      };
    });
    return states.filter((s): s is StandbyState => s !== undefined);
  } finally {
    await readers.close();
  }
}
