import { inspectPackage, type PackageInspection } from '../../package/index.js';
import { readPolicy, renderMeta, type MetaJson } from '../../meta/index.js';
import { DEFAULT_POLICY, type Policy } from '../../ha/policies.js';
import { hasErrors, type Problem } from '../../meta/problem.js';
import type { CheckInput, Refusal } from '../types.js';

/**
 * Stage 1: the package for the target clusters, every check of `validate` (exit 3), and the
 * meta.json each target receives. Without any vars the meta checks do not render, so this
 * renders here (as `stms render` does) and reports what cannot resolve.
 */

export interface ValidPackage {
  inspection: PackageInspection;
  policy: Policy;
  /** False when meta.json names no policy and `policy` is the server's default. */
  policyDeclared: boolean;
  project: string;
  job: string;
  jobType: string;
  /** meta.json as written in the package. */
  meta: MetaJson;
  /** Per target, the meta.json it receives. */
  rendered: Record<string, MetaJson>;
  warnings: Problem[];
}

export type ValidateOutcome = { ok: true; value: ValidPackage } | { ok: false; refusal: Refusal; warnings: Problem[] };

export async function validateStage(input: CheckInput): Promise<ValidateOutcome> {
  const { config, targets } = input;
  const inspection = await inspectPackage(input.packagePath, { config, vars: input.vars, varsFile: input.varsFile, targets });
  const problems = [...inspection.problems];
  const rendered: Record<string, MetaJson> = {};
  const parsed = inspection.meta?.meta;
  if (parsed !== undefined) {
    for (const target of targets) {
      const done = inspection.meta?.resolved[target.name];
      if (done !== undefined) {
        rendered[target.name] = done;
        continue;
      }
      if (input.vars !== undefined) continue; // already reported by the meta checks
      const result = renderMeta(parsed, undefined, { name: target.name, idc: target.idc }, { tiers: config.tiers });
      problems.push(...result.problems);
      if (result.meta) rendered[target.name] = result.meta;
    }
  }
  const warnings = problems.filter((p) => p.severity === 'warning');
  const first = targets[0] === undefined ? undefined : rendered[targets[0].name];
  const text = (key: string, fallback: string | undefined) => fallback ?? (typeof first?.[key] === 'string' ? (first[key] as string) : undefined);
  const project = text('projectName', inspection.meta?.projectName);
  const job = text('jobName', inspection.meta?.jobName);
  const jobType = text('jobType', inspection.meta?.jobType);
  const policy = inspection.meta?.policy;
  if (hasErrors(problems) || parsed === undefined || project === undefined || job === undefined || jobType === undefined || targets.some((t) => rendered[t.name] === undefined)) {
    const errors = problems.filter((p) => p.severity === 'error').length;
    return {
      ok: false,
      warnings,
      refusal: {
        code: 'PACKAGE_INVALID',
        message: `${inspection.path}: the package is not valid for ${targets.map((t) => t.name).join(', ')} (${errors} error${errors === 1 ? '' : 's'})`,
        hint: 'Fix the problems listed; `stms validate` shows them with their file, pointer and cluster.',
        problems,
        ...(policy ? { policy } : {}),
        ...(project ? { project } : {}),
        ...(job ? { job } : {}),
      },
    };
  }
  return { ok: true, value: { inspection, policy: policy ?? DEFAULT_POLICY, policyDeclared: readPolicy(parsed) !== undefined, project, job, jobType, meta: parsed, rendered, warnings } };
}
