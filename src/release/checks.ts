import { cmdbStage } from './stages/cmdb.js';
import { policyStage } from './stages/policy.js';
import { validateStage, type ValidPackage } from './stages/validate.js';
import type { CheckInput, Refusal } from './types.js';
import type { Problem } from '../meta/problem.js';

/**
 * The release checks in docs/concepts.md's order: package (exit 3), HA policy against the targets
 * (exit 4), CMDB (exit 4). Nothing is written; `plan` runs exactly these too.
 */
export type CheckOutcome = { ok: true; value: ValidPackage } | { ok: false; refusal: Refusal; warnings: Problem[] };

export async function runReleaseChecks(input: CheckInput): Promise<CheckOutcome> {
  const validated = await validateStage(input);
  if (!validated.ok) return validated;
  const pkg = validated.value;
  const where = { policy: pkg.policy, project: pkg.project, job: pkg.job };
  const policy = policyStage(pkg.policy, pkg.policyDeclared, input.targets, input.config.pairs);
  if (policy) return { ok: false, refusal: { ...policy, ...where }, warnings: pkg.warnings };
  const cmdb = await cmdbStage(input, where);
  if (cmdb) return { ok: false, refusal: { ...cmdb, ...where }, warnings: pkg.warnings };
  return validated;
}
