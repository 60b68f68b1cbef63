import path from 'node:path';
import type { CommandContext } from '../command.js';
import type { Config } from '../../config/load.js';
import { errorMessage, UsageError } from '../../errors.js';
import type { ClusterPlan } from '../../plan/compare.js';
import { planFileText } from '../../plan/plan-file.js';
import { jobEntry, planHeader, relativePath } from '../../plan/plan-job.js';
import type { PlanReport, PlanRequest } from '../../plan/plan.js';
import { readUpgradeThen } from '../../plan/upgrade-then.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { VERSION } from '../version.js';
import type { ReleaseInputs } from './release-inputs.js';

/**
 * `stms plan -o <file>`: the plan just shown, written as a plan file (docs/concepts.md, "Plans")
 * atomically, so a reviewer or a later step never reads half of one. A plan where a cluster
 * could not be read is not written: it could not be applied. Returns the file's absolute path.
 */
export async function writePlanOutput(ctx: Pick<CommandContext, 'cwd' | 'out'>, config: Config, inputs: ReleaseInputs, req: PlanRequest, report: PlanReport, output: string): Promise<string | undefined> {
  return writeManyPlanOutput(ctx, config, inputs, [{ req, report }], output);
}

/** The plan of many packages: one file, its jobs in the order the packages were given. */
export async function writeManyPlanOutput(ctx: Pick<CommandContext, 'cwd' | 'out'>, config: Config, inputs: ReleaseInputs, planned: ReadonlyArray<{ req: PlanRequest; report: PlanReport }>, output: string): Promise<string | undefined> {
  if (planned.some(({ report }) => report.targets.some((t) => (report.clusters[t] as ClusterPlan).outcome === 'failed'))) {
    ctx.out.warn(`no plan written to ${output}: a cluster could not be read`);
    return undefined;
  }
  const first = planned[0];
  if (first === undefined) return undefined;
  const file = path.resolve(ctx.cwd, output);
  const planDir = path.dirname(file);
  const jobs = [];
  for (const { req, report } of planned) {
    const then = await readUpgradeThen({ config, targets: req.targets, project: report.project, job: report.job, policy: report.policy, signal: req.signal, trace: req.trace, secrets: req.secrets });
    jobs.push(jobEntry(report, then, relativePath(planDir, req.packagePath)));
  }
  const header = await planHeader({ config, targets: first.report.targets, varsFile: inputs.varsFile ?? config.varsFile, deployUser: first.req.deployUser }, planDir, { createdAt: new Date(), stmsVersion: VERSION });
  const text = planFileText({ ...header, jobs });
  try {
    await writeFileAtomic(file, text);
  } catch (error) {
    throw new UsageError(`-o ${output}: cannot write the plan file: ${errorMessage(error)}`, { hint: 'Pass -o with a path in a folder you can write to.', cause: error });
  }
  ctx.out.info(`plan written to ${output}: apply it with stms release --plan ${output} (or stms upgrade --plan ${output})`);
  return file;
}
