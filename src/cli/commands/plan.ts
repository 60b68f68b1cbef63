import { defineCommand } from '../command.js';

export default defineCommand({
  name: 'plan',
  summary: 'every check of release, and per cluster what would change (no writes)',
  examples: [
    'stms plan my-job.zip --clusters GZ_UAT,TJ_UAT',
    'stms plan ./my-job --clusters GZ_UAT,TJ_UAT,SH_DR --vars vars.yaml --json',
    'stms plan my-job.zip --clusters GZ_UAT,TJ_UAT --exit-code    # 11: something would change, 0: nothing',
    'stms plan my-job.zip --clusters GZ_UAT,TJ_UAT -o plan.json   # then: stms release --plan plan.json',
    'stms plan pkgs/ --clusters GZ_UAT,TJ_UAT -o plan.json         # every package of the folder in one plan',
  ],
  configure(command) {
    command
      .argument('[packages...]', 'the packages: .zip files, package folders, or folders of them')
      .option('--package-list <file>', 'a file of package paths, one a line (# comments; relative to the file)')
      .option('--clusters <A,B>', 'the target clusters of the config (required)')
      .option('--vars <file>', "variable values (YAML or JSON), instead of the config's vars")
      .option('--deploy-user <user>', 'the deploy user a release would record (decides "unchanged")')
      .option('--exit-code', 'exit 11 when a release would upload somewhere, 0 when nothing would change')
      .option('-o, --output <file>', 'also write the plan as a file that `release --plan` / `upgrade --plan` apply exactly');
  },
  async options() {
    const [{ z }, { PlanFlagsSchema }] = await Promise.all([import('zod'), import('../../release/options.js')]);
    return PlanFlagsSchema.extend({ output: z.string().trim().min(1, '--output needs a file').optional() });
  },
  check: async (options, args) => (await import('../../release/options.js')).checkReleaseFlags('plan', options, args),
  async run(ctx, args, flags) {
    const [{ releaseInputs, releaseRequest }, { runPlan }, { planVerdict }, { refusalVerdict }, { printPlan }, { printRefusal }] = await Promise.all([
      import('../run/release-inputs.js'),
      import('../../plan/plan.js'),
      import('../../plan/document.js'),
      import('../../release/document.js'),
      import('../print/plan.js'),
      import('../print/release.js'),
    ]);
    const { out } = ctx;
    const packageArg = args[0] ?? '';
    const config = await ctx.loadConfig();
    const many = await (await import('../run/many-packages.js')).manyPackages(ctx, config.stateDir, args, { packageList: flags.packageList });
    if (many) return (await import('../run/plan-many.js')).planMany(ctx, many, flags);
    const inputs = await releaseInputs(ctx, config, { clusters: flags.clusters, vars: flags.vars });
    // The same request a release of these flags would make, so a plan checks what release would.
    const request = releaseRequest(ctx, config, packageArg, flags, inputs, undefined);
    const result = await runPlan(request);
    if (result.kind === 'refused') {
      printRefusal(out, result.refusal);
      return refusalVerdict(result.refusal);
    }
    printPlan(out, result.report);
    const planFile = flags.output === undefined ? undefined : await (await import('../run/plan-output.js')).writePlanOutput(ctx, config, inputs, request, result.report, flags.output);
    const verdict = planVerdict(result.report, { exitCode: flags.exitCode });
    return planFile === undefined ? verdict : { ...verdict, document: { ...verdict.document, planFile } };
  },
});
