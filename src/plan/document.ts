import { mostSevere } from '../errors.js';
import type { ReleaseVerdict } from '../release/document.js';
import type { ClusterPlan } from './compare.js';
import type { PlanReport } from './plan.js';

/**
 * The `--json` document of `stms plan`, without side effects: the keys of release's document
 * (releaseId and journal are null: nothing is released), `wouldChange`, and per cluster
 * `outcome` (would-upload | unchanged | failed), `changes` and `deployed`. With `--exit-code`
 * a plan that would upload somewhere ends PLAN_CHANGES (exit 11), still `ok`: a script tells
 * "nothing to do" from "something to release" without reading the document.
 */
export function planVerdict(report: PlanReport, options: { exitCode?: boolean } = {}): ReleaseVerdict {
  const failed = report.targets.filter((t) => report.clusters[t]?.outcome === 'failed');
  const wouldChange = report.targets.some((t) => report.clusters[t]?.outcome === 'would-upload');
  // A cluster that could not be read without a code of its own: REMOTE.
  const failedCode = mostSevere(failed.map((f) => report.clusters[f]?.errorCode ?? 'REMOTE'));
  const error = failedCode !== undefined ? { code: failedCode, message: `cannot read the deployed job on ${failed.join(', ')}: ${failed.map((f) => report.clusters[f]?.error).join('; ')}` } : undefined;
  return {
    code: error?.code ?? (options.exitCode === true && wouldChange ? 'PLAN_CHANGES' : undefined),
    document: {
      ok: error === undefined,
      wouldChange,
      releaseId: null,
      md5: report.md5,
      policy: report.policy,
      project: report.project,
      job: report.job,
      package: report.packageName,
      journal: null,
      clusters: Object.fromEntries(report.targets.map((t) => [t, clusterPlanJson(report.clusters[t] as ClusterPlan)])),
      ...(error ? { error } : {}),
    },
  };
}

function clusterPlanJson(p: ClusterPlan): Record<string, unknown> {
  return {
    outcome: p.outcome,
    jobId: p.jobId ?? null,
    version: p.version ?? null,
    changes: p.changes.map((c) => ({ pointer: c.pointer, change: c.change, level: c.level, before: c.before ?? null, after: c.after ?? null })),
    deployed: p.deployed,
    notes: p.notes,
    ...(p.error ? { error: p.error } : {}),
  };
}
