import path from 'node:path';
import type { CommandContext, CommandResult } from '../command.js';
import { md5File } from '../../package/index.js';
import type { PlanFile, PlanJob } from '../../plan/plan-file.js';
import { readPlanFile } from '../../plan/plan-file.js';
import { planHeader, relativePath } from '../../plan/plan-job.js';
import { applyPlanJobs, recheckPlan } from '../../plan/recheck.js';
import { refusalVerdict, type ResumeArgs } from '../../release/document.js';
import type { ReleaseRequest } from '../../release/types.js';
import { printRefusal } from '../print/release.js';
import { releaseInputs, releaseRequest } from './release-inputs.js';

/**
 * `release --plan` and `upgrade --plan`: read the plan, make it again from its own inputs, refuse
 * it when anything moved (PLAN_STALE, exit 10), else run the single-package release or upgrade
 * once per job in the plan's order with exactly those inputs. The deploy user is the plan's:
 * STMS_DEPLOY_USER or the config's deployUser are not consulted (docs/concepts.md, "Plans").
 */
export async function applyPlan(
  ctx: CommandContext,
  command: 'release' | 'upgrade',
  planArg: string,
  runOne: (request: ReleaseRequest, resumeArgs: ResumeArgs) => Promise<CommandResult>,
): Promise<CommandResult> {
  const planFile = path.resolve(ctx.cwd, planArg);
  const planDir = path.dirname(planFile);
  const plan = await readPlanFile(planFile, planArg);
  const config = await ctx.loadConfig();
  const varsFile = plan.vars ? path.resolve(planDir, plan.vars.file) : config.varsFile;
  const now = { ...(await planHeader({ config, targets: plan.targets, varsFile: undefined, deployUser: plan.deployUser }, planDir, { createdAt: new Date(), stmsVersion: '' })), vars: await varsNow(varsFile, plan, planDir) };
  // The plan's vars file stands in for --vars; without one, the config's own vars apply (and must still be none).
  const vars = plan.vars ? varsFile : undefined;
  const inputsOnce = memo(() => releaseInputs(ctx, config, { clusters: plan.targets.join(','), vars }));
  const requestFor = async (job: PlanJob): Promise<ReleaseRequest> => releaseRequest(ctx, config, path.resolve(planDir, job.package), { deployUser: plan.deployUser, force: false }, await inputsOnce(), undefined);

  const checked = await recheckPlan({ plan, shown: planArg, planDir, now, requestFor, then: command === 'upgrade' });
  if (checked.kind === 'refused') {
    printRefusal(ctx.out, checked.refusal);
    return refusalVerdict(checked.refusal);
  }
  ctx.out.info(`the plan ${planArg} still holds: ${command === 'release' ? 'releasing' : 'upgrading'} ${plan.jobs.map((j) => `${j.project}/${j.job}`).join(', ')} as planned`);
  const results = await applyPlanJobs(
    plan.jobs,
    async (job) => runOne(await requestFor(job), { packageArg: path.relative(ctx.cwd, path.resolve(planDir, job.package)), config: ctx.global.config, vars: vars === undefined ? undefined : path.relative(ctx.cwd, vars), deployUser: plan.deployUser }),
    (result) => result.code !== undefined,
  );
  return combined(results);
}

/** The vars file's md5 now; null when the plan had one and it cannot be read. */
async function varsNow(file: string | undefined, plan: PlanFile, planDir: string): Promise<PlanFile['vars']> {
  if (file === undefined) return null;
  try {
    return { file: relativePath(planDir, file), md5: await md5File(file) };
  } catch (error) {
    if (plan.vars) return null;
    throw error;
  }
}

/** One job: its own result. Several: each job's document, and the first failure's code. */
function combined(results: CommandResult[]): CommandResult {
  if (results.length === 1) return results[0] as CommandResult;
  const failed = results.find((r) => r.code !== undefined);
  return { code: failed?.code, document: { ok: failed === undefined, jobs: results.map((r) => r.document) } };
}

function memo<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}
