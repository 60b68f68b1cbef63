import type { ClusterRecord, JobResult } from '../launch/types.js';
import type { BatchVerdict } from './exit-code.js';

/**
 * The `--json` document of check, launch, status, stop and snapshot (docs/concepts.md): `jobs` with
 * `project`, `job`, `policy`, `outcome` and `clusters` keyed by cluster name, a `summary`, and on
 * failure `error`. Built without side effects.
 */

export interface JobsSummary {
  total: number;
  ok: number;
  failed: number;
  notRun: number;
}

export function summarize(results: ReadonlyArray<JobResult<ClusterRecord>>): JobsSummary {
  const notRun = results.filter((r) => r.outcome === 'not-run').length;
  const failed = results.filter((r) => r.failure).length;
  return { total: results.length, ok: results.length - failed - notRun, failed, notRun };
}

export function jobJson(result: JobResult<ClusterRecord>): Record<string, unknown> {
  return {
    project: result.project,
    job: result.job,
    ...(result.line === undefined ? {} : { line: result.line }),
    policy: result.policy,
    ...result.fields,
    outcome: result.outcome,
    ok: !result.failure && result.outcome !== 'not-run',
    clusters: result.clusters,
    ...(result.message ? { message: result.message } : {}),
    ...(result.failure ? { error: { code: result.failure.code, message: result.failure.message, ...(result.failure.details === undefined ? {} : { details: result.failure.details }) } } : {}),
    elapsedMs: result.elapsedMs,
  };
}

export function jobsDocument(results: ReadonlyArray<JobResult<ClusterRecord>>, verdict: BatchVerdict, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ok: verdict.error === undefined,
    ...extra,
    jobs: results.map(jobJson),
    summary: summarize(results),
    ...(verdict.error ? { error: verdict.error } : {}),
  };
}
