import { unchangedReason, type WantedSource } from '../release/idempotency.js';
import type { LatestVersion } from '../release/latest-version.js';
import { diffMeta, type Level, type MetaChange } from './diff.js';
import type { JobView } from './server-view.js';

/**
 * One cluster's plan, pure: the job as the cluster holds it against the rendered meta.json as the
 * server would store it, and whether `release` would skip the cluster as unchanged.
 */

export type PlanOutcome = 'would-upload' | 'unchanged' | 'failed';

export interface DeployedSummary {
  jobId: number;
  version: string | null;
  pkgName: string | null;
  md5: string | null;
  deployUser: string | null;
  createTime: string | null;
  releaseId: string | null;
  isHighAvailable: boolean | null;
}

export interface ClusterPlan {
  cluster: string;
  outcome: PlanOutcome;
  jobId?: number;
  version?: string;
  changes: MetaChange[];
  deployed: DeployedSummary | null;
  /** Why unchanged, and what the comparison could not see. */
  notes: string[];
  error?: string;
}

export interface PlanInput {
  cluster: string;
  latest: LatestVersion;
  view: JobView | undefined;
  readNotes: string[];
  next: JobView;
  wanted: WantedSource;
  levelOf: (pointer: string) => Level;
}

export function planCluster(input: PlanInput): ClusterPlan {
  const { latest, view } = input;
  const notes = [...input.readNotes];
  const unchanged = unchangedReason(latest, input.wanted);
  if (unchanged) notes.unshift(unchanged);
  const next = { ...input.next };
  let deployed: JobView | undefined = view ? { ...view } : undefined;
  if (deployed) {
    // The server writes its own comment when meta.json has none: only a given comment is compared.
    if (next.comment === undefined) delete deployed.comment;
    // What could not be read is not compared (and not reported as removed).
    if (deployed.jobContent === undefined) delete next.jobContent;
    if (deployed.jobConfig === undefined) delete next.jobConfig;
  }
  const changes = diffMeta(deployed, next, input.levelOf, { scalarsAsText: true });
  if (deployed && changes.some((c) => c.pointer === '/tags')) notes.push('the server keeps the tags of the first upload: a re-upload does not change them');
  if (latest.exists && !latest.source) notes.push(`the latest version has no readable source record (${latest.sourceProblem ?? 'unknown'}): it was not released by stms`);
  return {
    cluster: input.cluster,
    outcome: unchanged ? 'unchanged' : 'would-upload',
    ...(latest.exists ? { jobId: latest.jobId, ...(latest.version ? { version: latest.version } : {}) } : {}),
    changes,
    deployed: summary(latest),
    notes,
  };
}

function summary(latest: LatestVersion): DeployedSummary | null {
  if (!latest.exists) return null;
  const s = latest.source;
  return {
    jobId: latest.jobId,
    version: latest.version ?? null,
    pkgName: s?.pkgName ?? null,
    md5: s?.md5 ?? null,
    deployUser: s?.deployUser ?? null,
    createTime: s?.createTime ?? null,
    releaseId: s?.releaseId ?? null,
    isHighAvailable: s ? s.isHighAvailable : null,
  };
}
