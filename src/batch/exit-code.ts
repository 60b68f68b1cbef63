import type { ErrorCode } from '../errors.js';
import { jobName, type ClusterRecord, type JobResult } from '../launch/types.js';
import { plural } from '../package/problem-text.js';

/**
 * The `error` of a jobs command; its code decides the exit status (none: ok). One job: its
 * failure decides. A job list with --continue-on-error or --max-failures: BATCH when some failed
 * (saying when the failure budget stopped it). A job list with neither: the code of the job whose
 * failure stopped the batch. Ctrl-C wins over everything (INTERRUPTED). Pure.
 */

export interface BatchVerdict {
  error?: { code: ErrorCode; message: string; details?: unknown };
}

export interface BatchFacts<C extends ClusterRecord> {
  results: ReadonlyArray<JobResult<C>>;
  firstFailure: JobResult<C> | undefined;
  /** True for --job-list runs. */
  list: boolean;
  continueOnError: boolean;
  /** `--max-failures N`, when given. */
  maxFailures?: number | undefined;
  interrupted: boolean;
}

export function batchVerdict<C extends ClusterRecord>(facts: BatchFacts<C>): BatchVerdict {
  const failed = facts.results.filter((r) => r.failure);
  const notRun = facts.results.filter((r) => r.outcome === 'not-run').length;
  if (facts.interrupted || failed.some((r) => r.failure?.code === 'INTERRUPTED')) {
    const done = facts.results.length - notRun;
    return { error: { code: 'INTERRUPTED', message: `interrupted: ${done} of ${plural(facts.results.length, 'job')} worked on, ${notRun} not begun; see each job for what runs where` } };
  }
  const first = facts.firstFailure ?? failed[0];
  if (!first?.failure) return {};
  // On failure the document has `error: {code, message, details}`: the details of the job that decided.
  const details = first.failure.details === undefined ? {} : { details: first.failure.details };
  if (!facts.list) return { error: { code: first.failure.code, message: first.failure.message, ...details } };
  if (facts.continueOnError || facts.maxFailures !== undefined) {
    const names = failed.slice(0, 5).map((r) => jobName(r)).join(', ');
    const more = failed.length > 5 ? ` and ${failed.length - 5} more` : '';
    const spent = facts.maxFailures !== undefined && failed.length >= facts.maxFailures && notRun > 0 ? `; --max-failures ${facts.maxFailures} was reached: ${plural(notRun, 'job')} not run` : '';
    return { error: { code: 'BATCH', message: `${failed.length} of ${facts.results.length} jobs failed: ${names}${more}${spent}` } };
  }
  const stopped = notRun > 0 ? `; the batch stopped there: ${plural(notRun, 'job')} not run (--continue-on-error tries every job)` : '';
  return { error: { code: first.failure.code, message: `${first.failure.message}${stopped}`, ...details } };
}
