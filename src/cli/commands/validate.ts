import path from 'node:path';
import { defineCommand } from '../command.js';

export default defineCommand({
  name: 'validate',
  summary: 'check a material package and its tiered variables',
  examples: [
    'stms validate my-job.zip                          # every cluster of the config',
    'stms validate ./my-job --clusters GZ_UAT,TJ_UAT --vars vars.yaml',
    'stms validate my-job.zip --strict --json          # warnings fail too; one JSON document',
    'stms validate pkgs/*.zip --clusters GZ_UAT,TJ_UAT   # many packages: each checked, exit 3 if any is not valid',
  ],
  configure(command) {
    command
      .argument('[packages...]', 'the packages: .zip files, package folders, or folders of them')
      .option('--package-list <file>', 'a file of package paths, one a line (# comments; relative to the file)')
      .option('--vars <file>', 'variable values (YAML or JSON), instead of the config\'s vars')
      .option('--clusters <A,B>', 'check for these clusters of the config (default: all of them)')
      .option('--strict', 'warnings fail the check too (exit 3)');
  },
  async options() {
    const { z } = await import('zod');
    return z.object({ vars: z.string().optional(), clusters: z.string().optional(), strict: z.boolean().default(false), packageList: z.string().optional() });
  },
  async check(options, args) {
    if (args.length === 0 && options.packageList === undefined) {
      const { UsageError } = await import('../../errors.js');
      throw new UsageError('stms validate needs a package: a .zip, a package folder, a folder of them, or --package-list <file>', { hint: 'For example: stms validate my-job.zip' });
    }
  },
  async run(ctx, args, options) {
    const [{ packageInputs }, { validatePackage }, { plural }, { resolvePackageArgs }] = await Promise.all([
      import('../run/package-inputs.js'),
      import('../run/validate-package.js'),
      import('../../package/problem-text.js'),
      import('../../fleet/package-args.js'),
    ]);
    const { out } = ctx;
    const inputs = await packageInputs(ctx, { clusters: options.clusters, vars: options.vars });
    const inspect = { ...inputs, strict: options.strict, resolveWithoutVars: true, checkContent: true, signal: ctx.signal };
    const { paths, batch } = await resolvePackageArgs(ctx.cwd, args, options.packageList);
    // One package keeps its own document.
    if (!batch) {
      const one = await validatePackage(ctx, paths[0] as string, args[0] ?? '', inspect);
      return { code: one.ok ? undefined : 'PACKAGE_INVALID', document: one.document };
    }
    const results = [];
    for (const [index, packagePath] of paths.entries()) {
      out.line(`${index > 0 ? '\n' : ''}${out.c.bold(path.relative(ctx.cwd, packagePath) || packagePath)}`);
      results.push(await validatePackage(ctx, packagePath, path.relative(ctx.cwd, packagePath) || packagePath, inspect));
    }
    const invalid = results.filter((r) => !r.ok).length;
    out.line(`\n${invalid === 0 ? out.c.green('valid') : out.c.red('invalid')}: ${paths.length - invalid} of ${plural(paths.length, 'package')} valid`);
    return {
      code: invalid === 0 ? undefined : 'PACKAGE_INVALID',
      document: {
        ok: invalid === 0,
        packages: results.map((r) => r.document),
        ...(invalid === 0 ? {} : { error: { code: 'PACKAGE_INVALID', message: `${plural(invalid, 'package')} of ${paths.length} not valid` } }),
      },
    };
  },
});
