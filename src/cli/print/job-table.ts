import type { Output } from '../output.js';
import { exitStatusOf } from '../../errors.js';
import { jobName, type ClusterRecord, type JobResult } from '../../launch/types.js';

/**
 * The one summary table a jobs command prints at the end (stdout, for people): a row per job, a
 * column per cluster of --clusters, and the job's result; then the reason of every failed job.
 */

export interface TableOptions {
  /** The text of one cluster cell; default: the record's outcome. */
  cell?: (record: ClusterRecord) => string;
  /** Words shown in green. */
  good: readonly string[];
}

export function printJobTable(out: Output, results: ReadonlyArray<JobResult<ClusterRecord>>, clusters: readonly string[], options: TableOptions): void {
  const cell = options.cell ?? ((r: ClusterRecord) => r.outcome);
  const paint = (word: string, failed: boolean) => (failed ? out.c.red(word) : options.good.includes(word) ? out.c.green(word) : word);
  const rows = results.map((r) => [
    jobName(r),
    r.policy ?? '-',
    ...clusters.map((c) => {
      const record = r.clusters[c];
      return record ? paint(cell(record), false) : '-';
    }),
    r.failure ? out.c.red(`${r.outcome} (exit ${exitStatusOf(r.failure.code)})`) : paint(r.outcome, false),
  ]);
  out.table(['JOB', 'POLICY', ...clusters, 'RESULT'], rows);
}

/** The reason of each failed job, on stderr, so it is seen even with stdout redirected. */
export function printFailures(out: Output, results: ReadonlyArray<JobResult<ClusterRecord>>, aborted = false): void {
  for (const r of results) if (r.failure) out.error(r.failure.message);
  const notRun = results.filter((r) => r.outcome === 'not-run').length;
  if (notRun === 0) return;
  const interrupted = aborted || results.some((r) => r.failure?.code === 'INTERRUPTED');
  const failed = results.filter((r) => r.failure).length;
  const why = interrupted ? 'interrupted' : failed > 1 ? `the batch stopped after ${failed} failures (--max-failures)` : 'the batch stopped at the first failure (--continue-on-error tries every job)';
  out.warn(`${notRun} job${notRun === 1 ? ' was' : 's were'} not run: ${why}`);
}
