import { jobName, type ClusterRecord, type JobResult } from '../launch/types.js';
import type { JunitCase } from './junit.js';

/**
 * A batch's results as JUnit test cases: one per job and cluster, passing when the cluster's
 * outcome is one of `passed`, skipped when it is one of `skipped` (a DR cluster, never started),
 * failing with the reason otherwise. Jobs the batch never began are skipped on every cluster.
 * Pure.
 */

export interface CaseWords {
  passed: readonly string[];
  skipped: readonly string[];
}

export function junitCases(results: ReadonlyArray<JobResult<ClusterRecord>>, clusters: readonly string[], words: CaseWords, notRunReason: string): JunitCase[] {
  const cases: JunitCase[] = [];
  for (const result of results) {
    const classname = `${result.project}.${result.job}`;
    const timeSeconds = result.elapsedMs / 1000;
    for (const cluster of clusters) {
      const record = result.clusters[cluster];
      if (result.outcome === 'not-run' || !record) {
        cases.push({ classname, name: cluster, timeSeconds: 0, skipped: { message: result.outcome === 'not-run' ? notRunReason : (result.failure?.message ?? 'not reached') } });
        continue;
      }
      if (words.passed.includes(record.outcome)) {
        cases.push({ classname, name: cluster, timeSeconds });
      } else if (words.skipped.includes(record.outcome)) {
        cases.push({ classname, name: cluster, timeSeconds, skipped: { message: record.message ?? `${record.outcome} on ${cluster}` } });
      } else {
        const reason = record.message ?? result.failure?.message ?? `${record.outcome} on ${cluster}`;
        const details = [`${jobName(result)} on ${cluster}: ${record.outcome}`, reason, ...(result.failure && result.failure.message !== reason ? [result.failure.message] : [])].join('\n');
        cases.push({ classname, name: cluster, timeSeconds, failure: { message: reason, type: result.failure?.code ?? record.outcome, details } });
      }
    }
  }
  return cases;
}

/** Why a batch's never-begun jobs were not run, for their skipped cases. */
export function notRunReason(run: { firstFailure: { project: string; job: string } | undefined; budgetSpent: boolean }, maxFailures: number | undefined): string {
  if (run.budgetSpent && maxFailures !== undefined) return `not run: --max-failures ${maxFailures} was reached`;
  return run.firstFailure ? `not run: the batch stopped after ${jobName(run.firstFailure)} failed` : 'not run';
}
