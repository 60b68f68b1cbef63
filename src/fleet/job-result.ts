import type { ErrorCode } from '../errors.js';
import { newResult, type ClusterRecord, type JobResult } from '../launch/types.js';
import type { ReleaseVerdict } from '../release/document.js';
import type { PackageRef } from './identify.js';

/**
 * One package's release (or upgrade, or plan) as a job of a batch: the per-cluster records of
 * its `--json` document, a word for the job as a whole, and its failure with the code a run of
 * that package alone would exit with: released | unchanged | partial | failed | refused |
 * interrupted. Pure.
 */

const DONE = new Set(['uploaded', 'unchanged', 'skipped']);

export function releaseJobResult(ref: PackageRef, targets: readonly string[], verdict: ReleaseVerdict, extraFields: Record<string, unknown> = {}): JobResult<ClusterRecord> {
  const result = newResult<ClusterRecord>(ref);
  const doc = verdict.document;
  const clusters = (doc.clusters ?? {}) as Record<string, ClusterRecord>;
  const error = doc.error as { code: ErrorCode; message: string } | undefined;
  result.policy = typeof doc.policy === 'string' ? doc.policy : null;
  if (typeof doc.project === 'string') result.project = doc.project;
  if (typeof doc.job === 'string') result.job = doc.job;
  result.fields = {
    package: ref.packagePath,
    releaseId: doc.releaseId ?? null,
    md5: doc.md5 ?? null,
    journal: doc.journal ?? null,
    ...extraFields,
  };
  const refused = doc.releaseId === null && Object.keys(clusters).length === 0;
  for (const target of targets) {
    result.clusters[target] = clusters[target] ?? { outcome: refused ? 'refused' : 'not-reached', ...(error ? { message: error.message } : {}) };
  }
  const outcomes = targets.map((t) => result.clusters[t]?.outcome ?? 'not-reached');
  result.outcome = refused
    ? 'refused'
    : error?.code === 'INTERRUPTED'
      ? 'interrupted'
      : outcomes.every((o) => o === 'unchanged' || o === 'skipped')
        ? 'unchanged'
        : outcomes.every((o) => DONE.has(o))
          ? 'released'
          : outcomes.some((o) => DONE.has(o))
            ? 'partial'
            : 'failed';
  // A release's own message says where it failed; the batch's one line also says why.
  const why = targets.flatMap((t) => (typeof clusters[t]?.error === 'string' ? [`${t}: ${clusters[t]?.error as string}`] : [])).join('; ');
  const message = error?.message ?? `${ref.project}/${ref.job}: ${verdict.code}`;
  if (verdict.code !== undefined) result.failure = { code: verdict.code, message: why && !message.includes(why) ? `${message} (${why})` : message };
  return result;
}

/** A job whose release threw (a cluster that refused its token before any upload, a lock held). */
export function releaseJobThrew(ref: PackageRef, targets: readonly string[], code: ErrorCode, message: string): JobResult<ClusterRecord> {
  const result = newResult<ClusterRecord>(ref);
  result.fields = { package: ref.packagePath, releaseId: null, md5: null, journal: null };
  for (const target of targets) result.clusters[target] = { outcome: 'failed', message };
  result.outcome = 'failed';
  result.failure = { code, message };
  return result;
}

/**
 * One package's upgrade as a job of a batch: per cluster the status it was left in (`running`
 * where it was restarted and stayed up), or the release's outcome where no restart was reached.
 */
export function upgradeJobResult(ref: PackageRef, targets: readonly string[], verdict: ReleaseVerdict): JobResult<ClusterRecord> {
  const clusters = (verdict.document.clusters ?? {}) as Record<string, Record<string, unknown>>;
  const isUpgrade = Object.values(clusters).some((c) => 'versionAfter' in c);
  if (!isUpgrade) return releaseJobResult(ref, targets, verdict);
  const result = releaseJobResult(ref, targets, { ...verdict, document: { ...verdict.document, clusters: {} } });
  for (const target of targets) {
    const c = clusters[target] ?? {};
    const release = c.release as { outcome?: string } | null | undefined;
    const outcome = typeof c.status === 'string' ? c.status : (release?.outcome ?? 'not-reached');
    result.clusters[target] = { ...c, outcome };
  }
  result.outcome = result.failure ? 'failed' : 'upgraded';
  return result;
}

/** One package's plan as a job of a batch: per cluster would-upload | unchanged | failed. */
export function planJobResult(ref: PackageRef, targets: readonly string[], verdict: ReleaseVerdict): JobResult<ClusterRecord> {
  const result = releaseJobResult(ref, targets, verdict);
  const wouldChange = verdict.document.wouldChange === true;
  result.fields = { package: ref.packagePath, md5: verdict.document.md5 ?? null, wouldChange };
  if (result.outcome !== 'refused' && !result.failure) result.outcome = wouldChange ? 'would-change' : 'unchanged';
  return result;
}
