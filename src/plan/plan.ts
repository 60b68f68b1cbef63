import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { errorCodeOf, errorMessage, InterruptedError } from '../errors.js';
import { levelOf } from '../meta/tiers.js';
import type { Problem } from '../meta/problem.js';
import type { Policy } from '../ha/policies.js';
import { runReleaseChecks } from '../release/checks.js';
import { hashAhead } from '../release/stages/hash-ahead.js';
import type { CheckInput, Refusal } from '../release/types.js';
import { clientForCluster } from '../streamis/index.js';
import { planCluster, type ClusterPlan } from './compare.js';
import { readDeployed } from '../deployed/read-deployed.js';
import { viewOfMeta } from '../deployed/server-view.js';
import { metaMd5 } from './meta-md5.js';
import { variablePointers } from '../deployed/variable-changes.js';

/**
 * `stms plan`: the release checks (stages 1-4) with no writes to any cluster or journal, then per
 * cluster the version deployed now against what would be sent. A folder package is packed into
 * a temp folder (removed afterwards) only to learn its md5. The md5s the release will need (the
 * package's, each rendered zip's) are computed here and remembered, so the release hashes nothing.
 */

export interface PlanRequest extends CheckInput {
  deployUser: string;
}

export interface PlanReport {
  md5: string;
  policy: Policy;
  project: string;
  job: string;
  packageName: string;
  targets: string[];
  clusters: Record<string, ClusterPlan>;
  /** Per target, the md5 of the meta.json it would receive (meta-md5.ts). */
  metaMd5: Record<string, string>;
  warnings: Problem[];
}

export type PlanResult = { kind: 'refused'; refusal: Refusal; warnings: Problem[] } | { kind: 'planned'; report: PlanReport };

export async function runPlan(req: PlanRequest): Promise<PlanResult> {
  const checked = await runReleaseChecks(req);
  if (!checked.ok) return { kind: 'refused', refusal: checked.refusal, warnings: checked.warnings };
  const pkg = checked.value;
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'stms-plan-'));
  let md5: string;
  try {
    md5 = await hashAhead({ inspection: pkg.inspection, meta: pkg.meta, rendered: pkg.rendered, clusters: req.targets.map((t) => t.name), stateDir: req.config.stateDir, workDir, signal: req.signal });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const wanted = { md5, deployUser: req.deployUser, pkgName: pkg.inspection.zipName };
  const pointers = variablePointers(pkg.meta);
  const plans = await Promise.all(
    req.targets.map(async (cluster): Promise<ClusterPlan> => {
      const client = clientForCluster(req.config, cluster, { trace: req.trace, signal: req.signal, secrets: req.secrets });
      try {
        const deployed = await readDeployed(client, pkg.project, pkg.job);
        const rendered = pkg.rendered[cluster.name];
        if (rendered === undefined) throw new Error(`no rendered meta.json for ${cluster.name}`);
        return planCluster({
          cluster: cluster.name,
          latest: deployed.latest,
          view: deployed.view,
          readNotes: deployed.notes,
          next: viewOfMeta(rendered),
          wanted,
          levelOf: (pointer) => levelOf(pointer, req.config.tiers),
          variablePointers: pointers,
        });
      } catch (error) {
        if (error instanceof InterruptedError || req.signal.aborted) throw error instanceof InterruptedError ? error : new InterruptedError();
        return { cluster: cluster.name, outcome: 'failed', changes: [], deployed: null, notes: [], error: errorMessage(error), errorCode: errorCodeOf(error) };
      } finally {
        await client.close().catch(() => undefined);
      }
    }),
  );
  return {
    kind: 'planned',
    report: {
      md5,
      policy: pkg.policy,
      project: pkg.project,
      job: pkg.job,
      packageName: pkg.inspection.zipName,
      targets: req.targets.map((t) => t.name),
      clusters: Object.fromEntries(plans.map((p) => [p.cluster, p])),
      metaMd5: Object.fromEntries(req.targets.map((t) => [t.name, metaMd5(pkg.rendered[t.name])])),
      warnings: pkg.warnings,
    },
  };
}
