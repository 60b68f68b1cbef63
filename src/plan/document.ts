import { EXIT } from '../errors.js';
import type { ReleaseVerdict } from '../release/document.js';
import type { ClusterPlan } from './compare.js';
import type { PlanReport } from './plan.js';

/**
 * The `--json` document of `stms plan`, without side effects: the keys of release's document
 * (releaseId and journal are null: nothing is released) and per cluster `outcome`
 * (would-upload | unchanged | failed), `changes` and `deployed`.
 */
export function planVerdict(report: PlanReport): ReleaseVerdict {
  const failed = report.targets.filter((t) => report.clusters[t]?.outcome === 'failed');
  const error = failed.length > 0 ? { code: 'REMOTE', message: `cannot read the deployed job on ${failed.join(', ')}: ${failed.map((f) => report.clusters[f]?.error).join('; ')}` } : undefined;
  return {
    exitCode: error ? EXIT.REMOTE : EXIT.OK,
    document: {
      ok: error === undefined,
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
