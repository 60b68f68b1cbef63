import path from 'node:path';
import { defineCommand } from '../command.js';

export default defineCommand({
  name: 'validate',
  summary: 'check a material package and its tiered variables',
  examples: [
    'stms validate my-job.zip                          # every cluster of the config',
    'stms validate ./my-job --clusters GZ_UAT,TJ_UAT --vars vars.yaml',
    'stms validate my-job.zip --strict --json          # warnings fail too; one JSON document',
  ],
  configure(command) {
    command
      .argument('<package>', 'the package: a .zip file or a package folder')
      .option('--vars <file>', 'variable values (YAML or JSON), instead of the config\'s vars')
      .option('--clusters <A,B>', 'check for these clusters of the config (default: all of them)')
      .option('--strict', 'warnings fail the check too (exit 3)');
  },
  async options() {
    const { z } = await import('zod');
    return z.object({ vars: z.string().optional(), clusters: z.string().optional(), strict: z.boolean().default(false) });
  },
  async run(ctx, args, options) {
    const [{ inspectPackage }, { packageInputs }, { printProblems }, { packageJson, problemsJson }, { plural, problemCounts }] = await Promise.all([
      import('../../package/inspect.js'),
      import('../run/package-inputs.js'),
      import('../print/package.js'),
      import('../../package/json.js'),
      import('../../package/problem-text.js'),
    ]);
    const { out } = ctx;
    const inputs = await packageInputs(ctx, { clusters: options.clusters, vars: options.vars });
    const inspection = await inspectPackage(path.resolve(ctx.cwd, args[0] ?? ''), { ...inputs, strict: options.strict, resolveWithoutVars: true, checkContent: true });

    printProblems(out, inspection.problems, 'result');
    const { errors, warnings } = problemCounts(inspection.problems);
    const shown = args[0] ?? '';
    const scope = inspection.targets.length > 0 ? `for ${inspection.targets.join(', ')}` : 'syntax only (no config, so no cluster to resolve variables for)';
    if (inspection.ok) {
      out.line(`${out.c.green('valid')}: ${shown} ${scope}${warnings > 0 ? ` (${plural(warnings, 'warning')})` : ''}`);
    } else {
      const why = errors > 0 ? plural(errors, 'error') : `${plural(warnings, 'warning')} with --strict`;
      out.line(`${out.c.red('invalid')}: ${shown} ${scope}: ${why}${errors > 0 && warnings > 0 ? `, ${plural(warnings, 'warning')}` : ''}`);
    }

    return {
      code: inspection.ok ? undefined : 'PACKAGE_INVALID',
      document: {
        ok: inspection.ok,
        ...problemsJson(inspection),
        package: packageJson(inspection),
        targets: inspection.targets,
        ...(inspection.ok ? {} : { error: { code: 'PACKAGE_INVALID', message: `${shown}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}` } }),
      },
    };
  },
});
