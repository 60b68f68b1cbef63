import { defineCommand } from '../command.js';
import { addChangeOptions } from '../options/change-flags.js';
import { addBatchOptions, addPackageTargets } from '../options/package-targets.js';

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
  ],
  configure(command) {
    addPackageTargets(command)
      .option('--resume <id>', 'finish a partial release (a release id) or batch (a batch id): upload only where the journal says it is not done')
      .option('--force', 'upload even where the latest version already has this package');
    addBatchOptions(command);
    addChangeOptions(command);
  },
  async options() {
    const [{ ReleaseFlagsSchema }, { ChangeFields }] = await Promise.all([import('../../release/options.js'), import('../options/change-fields.js')]);
    return ReleaseFlagsSchema.extend(ChangeFields);
  },
  check: async (options, args) => (await import('../../release/options.js')).checkReleaseFlags('release', options, args),
  async run(ctx, args, flags) {
    const [{ releaseInputs, releaseRequest }, { runRelease }, { releaseVerdict }, render, { readJournal }, { resolveChange, withChange }, { manyPackages }] = await Promise.all([
      import('../run/release-inputs.js'),
      import('../../release/engine.js'),
      import('../../release/document.js'),
      import('../print/release.js'),
      import('../../release/journal-store.js'),
      import('../options/change-fields.js'),
      import('../run/many-packages.js'),
    ]);
    const { out } = ctx;
    const config = await ctx.loadConfig();
    const change = resolveChange(out, ctx.env, config, flags, { command: 'release', windows: true });
    const many = await manyPackages(ctx, config.stateDir, args, flags);
    if (many) return withChange(await (await import('../run/release-many.js')).releaseMany(ctx, many, flags, change), change);
    const journal = flags.resume === undefined ? undefined : await readJournal(config.stateDir, flags.resume);
    // `--resume ID` alone: the package is the one its journal recorded.
    const packageArg = args[0] ?? journal?.package.path ?? '';
    const inputs = await releaseInputs(ctx, config, { clusters: flags.clusters ?? journal?.targets.join(','), vars: flags.vars });
    const result = await runRelease(
      { ...releaseRequest(ctx, config, packageArg, flags, inputs, journal), change },
      out.json ? {} : render.releaseEvents(out),
    );
    const resumeArgs = { packageArg: packageArg, config: ctx.global.config, vars: flags.vars, deployUser: flags.deployUser };
    const verdict = releaseVerdict(result, resumeArgs);
    if (result.kind === 'refused') {
      render.printRefusal(out, result.refusal);
    } else {
      render.printSummary(out, result.report, resumeArgs);
    }
    return withChange(verdict, change);
  },
});
