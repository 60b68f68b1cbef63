import { runConsistencyCheck, type ConsistencyOutcome } from './consistency-step.js';
import { failureOf } from './failure.js';
import type { ClusterFacts } from './job-facts.js';
import { resolveScope } from './job-scope.js';
import type { Session } from './session.js';
import { newResult, type ClusterRecord, type JobRef, type JobResult } from './types.js';

/** `stms check` for one job: the consistency check and its written verdict. */

/** `accepted` / `not-answering`: a check with --accept-missing (accept-missing-job.ts). */
export type CheckOutcome = 'consistent' | 'inconsistent' | 'skipped' | 'missing' | 'not-target' | 'refused' | 'failed' | 'pending' | 'accepted' | 'not-answering';

export interface CheckRecord extends ClusterRecord {
  outcome: CheckOutcome;
  version?: string | null;
  md5?: string | null;
}

export async function checkJob(session: Session, ref: JobRef): Promise<JobResult<CheckRecord>> {
  const result = newResult<CheckRecord>(ref);
  const started = Date.now();
  try {
    const scope = await resolveScope(session, ref);
    for (const facts of scope.facts.values()) result.clusters[facts.cluster.name] = baseRecord(facts);
    result.policy = scope.policy;
    if (!scope.ok) {
      result.outcome = scope.outcome;
      result.failure = scope.failure;
      for (const record of Object.values(result.clusters)) if (record.outcome === 'pending') record.outcome = scope.outcome;
      return result;
    }
    const compared = [...scope.clusters.nonDr, ...scope.clusters.dr];
    recordVerdict(result, compared, scope.clusters.others, await runConsistencyCheck(session, scope.policy, compared, scope.facts));
  } catch (error) {
    recordReadFailure(result, error);
  } finally {
    result.elapsedMs = Date.now() - started;
  }
  return result;
}

/** The verdict into the result: each compared cluster's word and source, the job's outcome and failure. */
export function recordVerdict(result: JobResult<CheckRecord>, compared: readonly string[], others: readonly string[], { verdict, sources }: ConsistencyOutcome): void {
  for (const cluster of compared) {
    const record = result.clusters[cluster] as CheckRecord;
    record.outcome = verdict.clusters[cluster] ?? 'skipped';
    const source = sources[cluster];
    if (source) Object.assign(record, source);
  }
  for (const cluster of others) (result.clusters[cluster] as CheckRecord).outcome = 'not-target';
  result.outcome = verdict.outcome;
  result.message = verdict.message;
  if (verdict.outcome === 'inconsistent' || verdict.outcome === 'missing') result.failure = { code: 'CONSISTENCY', message: `${result.project}/${result.job}: ${verdict.message}` };
}

/** A cluster that could not be read ends the job: clusters not yet judged are `failed`. */
export function recordReadFailure(result: JobResult<CheckRecord>, error: unknown): void {
  result.failure = failureOf(error, 'read');
  result.outcome = 'failed';
  for (const record of Object.values(result.clusters)) if (record.outcome === 'pending') record.outcome = 'failed';
}

export function baseRecord(facts: ClusterFacts): CheckRecord {
  // `pending` until the verdict names this cluster; never left so in a finished result.
  const record: CheckRecord = { outcome: 'pending' };
  if (facts.row) {
    record.jobId = facts.row.id;
    record.version = facts.row.lastVersion ?? null;
  } else if (!facts.present) {
    record.outcome = 'missing';
  }
  return record;
}
