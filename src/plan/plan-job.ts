import path from 'node:path';
import { mostSevere, StmsError } from '../errors.js';
import type { Config } from '../config/load.js';
import { md5File } from '../package/index.js';
import type { Refusal } from '../release/types.js';
import type { ClusterPlan } from './compare.js';
import { PLAN_FORMAT, type PlanFile, type PlanJob } from './plan-file.js';
import { runPlan, type PlanReport, type PlanRequest } from './plan.js';
import { readUpgradeThen, type UpgradeThen } from './upgrade-then.js';

/**
 * One job of a plan file, made the same way when the plan is written (`plan -o`) and when it is
 * made again to be applied (`release --plan`): the release checks and per-cluster comparison of
 * `plan`, the md5 of each cluster's meta.json, and what upgrade would do after. Paths are
 * written relative to the plan file's folder.
 */

export type PlannedJob = { kind: 'refused'; refusal: Refusal } | { kind: 'planned'; report: PlanReport; entry: PlanJob };

export async function planJob(req: PlanRequest, planDir: string): Promise<PlannedJob> {
  const result = await runPlan(req);
  if (result.kind === 'refused') return { kind: 'refused', refusal: result.refusal };
  const report = result.report;
  throwIfUnread(report);
  const then = await readUpgradeThen({ config: req.config, targets: req.targets, project: report.project, job: report.job, policy: report.policy, signal: req.signal, trace: req.trace, secrets: req.secrets });
  return { kind: 'planned', report, entry: jobEntry(report, then, relativePath(planDir, req.packagePath)) };
}

/** A plan is of every target or of none: a cluster that could not be read fails it with its code. */
function throwIfUnread(report: PlanReport): void {
  const failed = report.targets.map((t) => report.clusters[t] as ClusterPlan).filter((p) => p.outcome === 'failed');
  const code = mostSevere(failed.map((p) => p.errorCode ?? 'REMOTE'));
  if (code !== undefined) throw new StmsError(code, `cannot read the deployed job on ${failed.map((p) => `${p.cluster} (${p.error ?? 'unknown'})`).join(', ')}: no plan is written or applied`);
}

/** Pure: the plan file's entry of one planned job. */
export function jobEntry(report: PlanReport, upgrade: UpgradeThen, packagePath: string): PlanJob {
  return {
    package: packagePath,
    packageMd5: report.md5,
    project: report.project,
    job: report.job,
    policy: report.policy,
    upgradeRefusal: upgrade.refusal,
    clusters: Object.fromEntries(
      report.targets.map((name) => {
        const plan = report.clusters[name] as ClusterPlan;
        const d = plan.deployed;
        return [name, { action: plan.outcome === 'unchanged' ? 'unchanged' : 'upload', then: upgrade.then[name] ?? 'none', metaMd5: report.metaMd5[name] as string, deployed: d ? { version: d.version, md5: d.md5 } : null }];
      }),
    ),
  };
}

export interface PlanInputs {
  config: Config;
  targets: readonly string[];
  /** The vars file in use (absolute), or undefined for none or inline vars. */
  varsFile: string | undefined;
  deployUser: string;
}

/** Pure but for the vars file's md5: everything of the plan file besides its jobs. */
export async function planHeader(inputs: PlanInputs, planDir: string, meta: { createdAt: Date; stmsVersion: string }): Promise<Omit<PlanFile, 'jobs'>> {
  return {
    stmsPlan: PLAN_FORMAT,
    createdAt: meta.createdAt.toISOString(),
    stmsVersion: meta.stmsVersion,
    config: { file: inputs.config.file ? relativePath(planDir, inputs.config.file) : null, clusters: Object.keys(inputs.config.clusters) },
    targets: [...inputs.targets],
    vars: inputs.varsFile ? { file: relativePath(planDir, inputs.varsFile), md5: await md5File(inputs.varsFile) } : null,
    deployUser: inputs.deployUser,
  };
}

/** A path as the plan file writes it: relative to its folder, `/` between the parts. */
export function relativePath(planDir: string, file: string): string {
  return path.relative(planDir, file).split(path.sep).join('/');
}
