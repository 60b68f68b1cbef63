import { defineCommand, type CommandContext, type CommandResult } from '../command.js';
import { addPackageTargets } from '../options/package-targets.js';
import type { ResumeArgs } from '../../release/document.js';
import type { ReleaseRequest } from '../../release/types.js';

export default defineCommand({
  name: 'release',
  summary: 'upload a package to several clusters with its source record',
  examples: [
    'stms release my-job.zip --clusters GZ_UAT,TJ_UAT',
    'stms release ./my-job --clusters GZ_UAT,TJ_UAT,SH_DR --vars vars.yaml --deploy-user alexyang',
    'stms release my-job.zip --resume 20260121-103512-k3f9a2      # finish a partial release',
    'stms release my-job.zip --clusters GZ_UAT --force --json      # upload even if unchanged',
    'stms release --plan plan.json                                 # exactly what `stms plan -o plan.json` showed',
  ],
  configure(command) {
    addPackageTargets(command)
      .option('--resume <releaseId>', 'finish a partial release: upload only where its journal says it is not done')
      .option('--force', 'upload even where the latest version already has this package');
  },
  async options() {
    const [{ ReleaseFlagsSchema }, { PlanFlagSchema }] = await Promise.all([import('../../release/options.js'), import('../../plan/plan-flags.js')]);
    return ReleaseFlagsSchema.extend(PlanFlagSchema.shape);
  },
  async check(options, args) {
    (await import('../../plan/plan-flags.js')).checkPlanFlags('release', options, args);
    if (options.plan === undefined) (await import('../../release/options.js')).checkReleaseFlags('release', options, args);
  },
  async run(ctx, args, flags) {
    if (flags.plan !== undefined) return (await import('../run/plan-apply.js')).applyPlan(ctx, 'release', flags.plan, (request, resumeArgs) => releaseWith(ctx, request, resumeArgs));
    const [{ releaseInputs, releaseRequest }, { readJournal }] = await Promise.all([import('../run/release-inputs.js'), import('../../release/journal-store.js')]);
    const packageArg = args[0] ?? '';
    const config = await ctx.loadConfig();
    const journal = flags.resume === undefined ? undefined : await readJournal(config.stateDir, flags.resume);
    const inputs = await releaseInputs(ctx, config, { clusters: flags.clusters ?? journal?.targets.join(','), vars: flags.vars });
    const resumeArgs = { packageArg: packageArg, config: ctx.global.config, vars: flags.vars, deployUser: flags.deployUser };
    return releaseWith(ctx, releaseRequest(ctx, config, packageArg, flags, inputs, journal), resumeArgs);
  },
});

/** One release of one package, its progress and summary printed: what `--plan` runs per job too. */
async function releaseWith(ctx: CommandContext, request: ReleaseRequest, resumeArgs: ResumeArgs): Promise<CommandResult> {
  const [{ runRelease }, { releaseVerdict }, render] = await Promise.all([import('../../release/engine.js'), import('../../release/document.js'), import('../print/release.js')]);
  const { out } = ctx;
  const result = await runRelease(request, out.json ? {} : render.releaseEvents(out));
  const verdict = releaseVerdict(result, resumeArgs);
  if (result.kind === 'refused') {
    render.printRefusal(out, result.refusal);
  } else {
    render.printSummary(out, result.report, resumeArgs);
  }
  return verdict;
}
