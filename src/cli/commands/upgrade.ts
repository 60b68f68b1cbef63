import { defineCommand, type CommandContext, type CommandResult } from '../command.js';
import { addChangeOptions } from '../options/change-flags.js';
import { addNotifyOption } from '../options/notify-flag.js';
import { addBatchOptions, addPackageTargets } from '../options/package-targets.js';
import type { ResumeArgs } from '../../release/document.js';
import type { ReleaseRequest } from '../../release/types.js';
import type { RestoreMode } from '../../restore/restore-mode.js';

const DEFAULT_STABLE = '30s';
const DEFAULT_TIMEOUT = '10m';

export default defineCommand({
  name: 'upgrade',
  summary: 'release a package, then restart the job one cluster at a time from its savepoints',
  examples: [
    'stms upgrade my-job.zip --clusters GZ_UAT,TJ_UAT',
    'stms upgrade ./my-job --clusters GZ_UAT,TJ_UAT,SH_DR --vars vars.yaml --stable 2m --order TJ_UAT,GZ_UAT',
    'stms upgrade my-job.zip --resume 20260121-103512-k3f9a2     # finish an upgrade that stopped',
    'stms upgrade my-job.zip --clusters GZ_UAT --restore none      # start fresh, no state restored',
    'stms upgrade pkgs/ --clusters GZ_UAT,TJ_UAT --max-failures 2   # every package of the folder, 8 jobs at a time',
    'stms upgrade --plan plan.json --stable 2m                      # exactly what `stms plan -o plan.json` showed',
  ],
  configure(command) {
    addPackageTargets(command)
      .option('--restore <savepoint|latest|none|path>', 'what each restart restores from: the savepoint its stop took, what the job config says, nothing, or an hdfs:// path', 'savepoint')
      .option('--stable <duration>', 'how long a restarted job must stay up before the next cluster', DEFAULT_STABLE)
      .option('--timeout <duration>', 'how long a start may take to reach running', DEFAULT_TIMEOUT)
      .option('--order <A,B>', 'the order of the clusters to restart (default: the config pair order)')
      .option('--resume <id>', 'continue an upgrade (a release id) or a batch of them (a batch id) from the last step its journal recorded');
    addBatchOptions(command);
    addChangeOptions(command);
    addNotifyOption(command);
  },
  async options() {
    const [{ z }, { ReleaseFlagsSchema }, { durationField, restoreField }, { ChangeFields }, { PlanFlagSchema }] = await Promise.all([
      import('zod'),
      import('../../release/options.js'),
      import('../options/rollout-fields.js'),
      import('../options/change-fields.js'),
      import('../../plan/plan-flags.js'),
    ]);
    // commander supplies the defaults (shown in --help), so the texts are always there.
    return ReleaseFlagsSchema.omit({ force: true }).extend({
      restore: restoreField,
      stable: durationField('--stable', { allowZero: true }),
      timeout: durationField('--timeout', { allowZero: false }),
      order: z
        .string()
        .optional()
        .transform((text) => text?.split(',').map((c) => c.trim()).filter(Boolean)),
      ...ChangeFields,
      ...PlanFlagSchema.shape,
    });
  },
  async check(options, args) {
    (await import('../../plan/plan-flags.js')).checkPlanFlags('upgrade', options, args);
    if (options.plan === undefined) (await import('../../release/options.js')).checkReleaseFlags('upgrade', options, args);
  },
  async run(ctx, args, options) {
    const [{ releaseInputs, releaseRequest }, { readJournal }, { resolveChange, withChange }, { manyPackages }] = await Promise.all([
      import('../run/release-inputs.js'),
      import('../../release/journal-store.js'),
      import('../options/change-fields.js'),
      import('../run/many-packages.js'),
    ]);
    const rollout: RolloutFlags = { restore: options.restore ?? { kind: 'savepoint' }, stableMs: options.stable, timeoutMs: options.timeout, ...(options.order ? { order: options.order } : {}) };
    const config = await ctx.loadConfig();
    const change = resolveChange(ctx.out, ctx.env, config, options, { command: 'upgrade', windows: true });
    if (options.plan !== undefined) {
      return withChange(await (await import('../run/plan-apply.js')).applyPlan(ctx, 'upgrade', options.plan, (request, resumeArgs) => upgradeWith(ctx, { ...request, change }, rollout, resumeArgs)), change);
    }
    const flags = { ...options, force: false };
    const many = await manyPackages(ctx, config.stateDir, args, flags);
    if (many) return withChange(await (await import('../run/upgrade-many.js')).upgradeMany(ctx, many, flags, rollout, change), change);
    const journal = options.resume === undefined ? undefined : await readJournal(config.stateDir, options.resume);
    const packageArg = args[0] ?? journal?.package.path ?? '';
    const resumeArgs: ResumeArgs = { packageArg, config: ctx.global.config, vars: options.vars, deployUser: options.deployUser };
    const inputs = await releaseInputs(ctx, config, { clusters: options.clusters ?? journal?.targets.join(','), vars: options.vars });
    return withChange(await upgradeWith(ctx, { ...releaseRequest(ctx, config, packageArg, flags, inputs, journal), change }, rollout, resumeArgs), change);
  },
});

interface RolloutFlags {
  restore: RestoreMode;
  stableMs: number;
  timeoutMs: number;
  order?: string[];
}

/** One upgrade of one package, its progress and summary printed: what `--plan` runs per job too. */
async function upgradeWith(ctx: CommandContext, release: ReleaseRequest, rollout: RolloutFlags, resumeArgs: ResumeArgs): Promise<CommandResult> {
  const [{ runUpgrade }, { upgradeVerdict }, releasePrint, upgradePrint] = await Promise.all([
    import('../../upgrade/upgrade.js'),
    import('../../upgrade/document.js'),
    import('../print/release.js'),
    import('../print/upgrade.js'),
  ]);
  const { out } = ctx;
  const result = await runUpgrade(
    { release, ...rollout },
    out.json ? {} : { release: releasePrint.releaseEvents(out), rollout: upgradePrint.rolloutEvents(out), onReleased: (report) => releasePrint.printSummary(out, report, resumeArgs) },
  );
  const verdict = upgradeVerdict(result, resumeArgs);
  if (result.kind === 'refused') releasePrint.printRefusal(out, result.refusal);
  else if (result.kind === 'release-failed') releasePrint.printSummary(out, result.report, resumeArgs);
  if (result.kind !== 'refused') upgradePrint.printUpgrade(out, verdict);
  return { code: verdict.code, document: verdict.document };
}
