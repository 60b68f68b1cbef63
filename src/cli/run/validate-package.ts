import type { CommandContext } from '../command.js';
import { inspectPackage, type PackageInspection } from '../../package/inspect.js';
import { packageJson, problemsJson } from '../../package/json.js';
import { plural, problemCounts } from '../../package/problem-text.js';
import { printProblems } from '../print/package.js';

/** One package checked as `stms validate` does: its problems printed, its verdict line, its `--json` document. */
export async function validatePackage(
  ctx: Pick<CommandContext, 'out'>,
  packagePath: string,
  shown: string,
  options: Parameters<typeof inspectPackage>[1],
): Promise<{ ok: boolean; document: Record<string, unknown> }> {
  const { out } = ctx;
  const inspection: PackageInspection = await inspectPackage(packagePath, options);
  printProblems(out, inspection.problems, 'result');
  const { errors, warnings } = problemCounts(inspection.problems);
  const scope = inspection.targets.length > 0 ? `for ${inspection.targets.join(', ')}` : 'syntax only (no config, so no cluster to resolve variables for)';
  if (inspection.ok) {
    out.line(`${out.c.green('valid')}: ${shown} ${scope}${warnings > 0 ? ` (${plural(warnings, 'warning')})` : ''}`);
  } else {
    const why = errors > 0 ? plural(errors, 'error') : `${plural(warnings, 'warning')} with --strict`;
    out.line(`${out.c.red('invalid')}: ${shown} ${scope}: ${why}${errors > 0 && warnings > 0 ? `, ${plural(warnings, 'warning')}` : ''}`);
  }
  return {
    ok: inspection.ok,
    document: {
      ok: inspection.ok,
      ...problemsJson(inspection),
      package: packageJson(inspection),
      targets: inspection.targets,
      ...(inspection.ok ? {} : { error: { code: 'PACKAGE_INVALID', message: `${shown}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}` } }),
    },
  };
}
