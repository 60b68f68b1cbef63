import type { ErrorCode } from '../errors.js';
import { unchangedReason, type WantedSource } from '../release/idempotency.js';
import type { LatestVersion } from '../deployed/latest-version.js';
import { compareViews } from '../deployed/compare-views.js';
import type { Level, MetaChange } from '../deployed/diff.js';
import type { JobView } from '../deployed/server-view.js';
import { changesFromVariables, variableDriftReason } from '../deployed/variable-changes.js';

/**
 * One cluster's plan, pure: the job as the cluster holds it against the rendered meta.json as the
 * server would store it, and whether `release` would skip the cluster as unchanged (the same
 * package, deploy user and name, and no key a variable fills has moved).
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
  /** The code of the failure to read the cluster (AUTH for a rejected token, REMOTE ...). */
  errorCode?: ErrorCode;
}

export interface PlanInput {
  cluster: string;
  latest: LatestVersion;
  view: JobView | undefined;
  readNotes: string[];
  next: JobView;
  wanted: WantedSource;
  levelOf: (pointer: string) => Level;
  /** The keys of the package's meta.json that hold a variable (variablePointers). */
  variablePointers: readonly string[];
}

export function planCluster(input: PlanInput): ClusterPlan {
  const { latest, view } = input;
  const notes = [...input.readNotes];
  const changes = compareViews(view, input.next, input.levelOf);
  const sameMd5 = unchangedReason(latest, input.wanted);
  const drift = sameMd5 && latest.exists ? variableDriftReason(latest.version, changesFromVariables(changes, input.variablePointers)) : undefined;
  const unchanged = sameMd5 !== undefined && drift === undefined;
  if (unchanged) notes.unshift(sameMd5);
  if (drift) notes.unshift(`${drift}: a release uploads it again`);
  if (view && changes.some((c) => c.pointer === '/tags')) notes.push('the server keeps the tags of the first upload: a re-upload does not change them');
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
