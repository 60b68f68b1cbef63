import type { CommandContext, CommandResult } from '../command.js';
import type { Config } from '../../config/load.js';
import { planJobResult } from '../../fleet/job-result.js';
import type { ReleaseFlags } from '../../release/options.js';
import { refusalVerdict } from '../../release/document.js';
import { planVerdict } from '../../plan/document.js';
import { runPlan, type PlanReport, type PlanRequest } from '../../plan/plan.js';
import type { ManyPackages } from './many-packages.js';
import { runPackageBatch } from './package-batch.js';
import { releaseRequest, type ReleaseInputs } from './release-inputs.js';

/**
 * `stms plan` of many packages: each package's plan is a job of the batch (nothing written to a
 * cluster or a journal). `--exit-code` makes it 11 when some job would upload; `-o` writes one plan
 * file of every job, in the order the packages were given, when every job could be planned.
 */
export async function planMany(ctx: CommandContext, many: ManyPackages, flags: ReleaseFlags & { exitCode: boolean; output?: string | undefined }): Promise<CommandResult> {
  const planned = new Map<string, { req: PlanRequest; report: PlanReport }>();
  // What the batch resolved once (config, targets, vars), kept for writing the plan file.
  let resolved: { config: Config; inputs: ReleaseInputs } | undefined;
  // A plan writes nothing: every package is worth seeing, whatever the others' fate.
  const result = await runPackageBatch(ctx, many, { ...flags, continueOnError: true }, {
    command: 'plan',
    journal: false,
    good: ['unchanged'],
    junit: { passed: ['would-upload', 'unchanged'], skipped: [] },
    async work(ref, job) {
      resolved ??= { config: job.config, inputs: job.inputs };
      const req = releaseRequest(ctx, job.config, ref.packagePath, { force: flags.force, deployUser: job.deployUser }, job.inputs, undefined);
      const outcome = await runPlan(req);
      if (outcome.kind === 'planned') planned.set(ref.packagePath, { req, report: outcome.report });
      const verdict = outcome.kind === 'refused' ? refusalVerdict(outcome.refusal) : planVerdict(outcome.report);
      return planJobResult(ref, job.inputs.targets.map((t) => t.name), verdict);
    },
    extra: (results) => ({ wouldChange: results.some((r) => r.fields?.wouldChange === true) }),
  });
  const wouldChange = result.document.wouldChange === true;
  const failed = result.code !== undefined;
  let planFile: string | undefined;
  if (flags.output !== undefined && !failed && planned.size === many.paths.length && resolved) {
    planFile = await (await import('./plan-output.js')).writeManyPlanOutput(ctx, resolved.config, resolved.inputs, many.paths.map((p) => planned.get(p) as { req: PlanRequest; report: PlanReport }), flags.output);
  } else if (flags.output !== undefined) {
    ctx.out.warn(`no plan written to ${flags.output}: not every package could be planned`);
  }
  return {
    code: result.code ?? (flags.exitCode && wouldChange ? 'PLAN_CHANGES' : undefined),
    document: { ...result.document, ...(planFile ? { planFile } : {}) },
  };
}
