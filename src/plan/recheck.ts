import { StmsError } from '../errors.js';
import type { Refusal } from '../release/types.js';
import { diffPlanInputs, diffPlanJob, staleMessage, type PlanDifference } from './plan-diff.js';
import type { PlanFile, PlanJob } from './plan-file.js';
import { planJob } from './plan-job.js';
import type { PlanRequest } from './plan.js';

/**
 * Before `release --plan` or `upgrade --plan` writes anything: the plan made again, job by job,
 * from the plan's own inputs (packages, targets, vars file, deploy user) against the config in
 * use and what the clusters hold now, and compared with the plan. Any difference refuses the
 * whole plan (PLAN_STALE, exit 10) with every difference on its own line; nothing was uploaded,
 * started or stopped.
 */

export interface RecheckInput {
  plan: PlanFile;
  /** The plan file as the user named it, for messages. */
  shown: string;
  planDir: string;
  /** The plan's header made again now (planHeader over the config in use and the plan's inputs). */
  now: Omit<PlanFile, 'jobs'>;
  /** The request that plans one job of the plan with the plan's inputs. Called only when the inputs still fit. */
  requestFor(job: PlanJob): Promise<PlanRequest>;
  /** `upgrade --plan`: what upgrade does after the release counts too. */
  then: boolean;
}

export type RecheckResult = { kind: 'fresh' } | { kind: 'refused'; refusal: Refusal };

/** Throws PLAN_STALE naming each difference; a job whose checks refuse now is that refusal. */
export async function recheckPlan(input: RecheckInput): Promise<RecheckResult> {
  const differences = diffPlanInputs(input.plan, input.now);
  // Without the targets in the config or the vars file, no job can be planned again.
  if (differences.some((d) => d.field === 'targets' || (d.field === 'vars' && d.now === null))) throw stale(input.shown, differences);
  for (const job of input.plan.jobs) {
    const planned = await planJob(await input.requestFor(job), input.planDir);
    if (planned.kind === 'refused') return { kind: 'refused', refusal: { ...planned.refusal, message: `the plan ${input.shown} cannot be applied: ${planned.refusal.message}` } };
    differences.push(...diffPlanJob(job, planned.entry, { then: input.then }));
  }
  if (differences.length > 0) throw stale(input.shown, differences);
  return { kind: 'fresh' };
}

function stale(shown: string, differences: readonly PlanDifference[]): StmsError {
  return new StmsError('PLAN_STALE', staleMessage(shown, differences), {
    hint: 'Make the plan again (stms plan … -o), review it, and apply the new one.',
    details: { differences: differences.map(({ job, cluster, field, planned, now }) => ({ job, ...(cluster === undefined ? {} : { cluster }), field, planned, now })) },
  });
}

/**
 * Applies the jobs of a fresh plan one after the other in the plan's order, stopping at the
 * first that fails: `run` is the single-package release or upgrade.
 */
export async function applyPlanJobs<R>(jobs: readonly PlanJob[], run: (job: PlanJob) => Promise<R>, failed: (result: R) => boolean): Promise<R[]> {
  const results: R[] = [];
  for (const job of jobs) {
    const result = await run(job);
    results.push(result);
    if (failed(result)) break;
  }
  return results;
}
