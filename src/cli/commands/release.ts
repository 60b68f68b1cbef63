import { defineCommand, type CommandContext, type CommandResult } from '../command.js';
import { addChangeOptions } from '../options/change-flags.js';
import { addNotifyOption } from '../options/notify-flag.js';
import { addBatchOptions, addPackageTargets } from '../options/package-targets.js';
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
    'stms release pkgs/*.zip --clusters GZ_UAT,TJ_UAT --continue-on-error --report junit.xml',
    'stms release --resume 20260121-110200-b7x2kq                   # finish a batch of many packages',
    'stms release --plan plan.json                                 # exactly what `stms plan -o plan.json` showed',
  ],
  configure(command) {
    addPackageTargets(command)
      .option('--resume <id>', 'finish a partial release (a release id) or batch (a batch id): upload only where the journal says it is not done')
      .option('--force', 'upload even where the latest version already has this package');
    addBatchOptions(command);
    addChangeOptions(command);
    addNotifyOption(command);
  },
  async options() {
    const [{ ReleaseFlagsSchema }, { ChangeFields }, { PlanFlagSchema }] = await Promise.all([import('../../release/options.js'), import('../options/change-fields.js'), import('../../plan/plan-flags.js')]);
    return ReleaseFlagsSchema.extend(ChangeFields).extend(PlanFlagSchema.shape);
  },
  async check(options, args) {
    (await import('../../plan/plan-flags.js')).checkPlanFlags('release', options, args);
    if (options.plan === undefined) (await import('../../release/options.js')).checkReleaseFlags('release', options, args);
  },
  async run(ctx, args, flags) {
    const [{ releaseInputs, releaseRequest }, { readJournal }, { resolveChange, withChange }, { manyPackages }] = await Promise.all([
      import('../run/release-inputs.js'),
      import('../../release/journal-store.js'),
      import('../options/change-fields.js'),
      import('../run/many-packages.js'),
    ]);
    const config = await ctx.loadConfig();
    const change = resolveChange(ctx.out, ctx.env, config, flags, { command: 'release', windows: true });
    if (flags.plan !== undefined) {
      return withChange(await (await import('../run/plan-apply.js')).applyPlan(ctx, 'release', flags.plan, (request, resumeArgs) => releaseWith(ctx, { ...request, change }, resumeArgs)), change);
    }
    const many = await manyPackages(ctx, config.stateDir, args, flags);
    if (many) return withChange(await (await import('../run/release-many.js')).releaseMany(ctx, many, flags, change), change);
    const journal = flags.resume === undefined ? undefined : await readJournal(config.stateDir, flags.resume);
    // `--resume ID` alone: the package is the one its journal recorded.
    const packageArg = args[0] ?? journal?.package.path ?? '';
    const inputs = await releaseInputs(ctx, config, { clusters: flags.clusters ?? journal?.targets.join(','), vars: flags.vars });
    const resumeArgs = { packageArg: packageArg, config: ctx.global.config, vars: flags.vars, deployUser: flags.deployUser };
    return withChange(await releaseWith(ctx, { ...releaseRequest(ctx, config, packageArg, flags, inputs, journal), change }, resumeArgs), change);
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
