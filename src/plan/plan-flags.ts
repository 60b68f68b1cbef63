import { z } from 'zod';
import { UsageError } from '../errors.js';

/**
 * `release --plan` and `upgrade --plan` take everything a release needs from the plan: a
 * package, targets, vars file, deploy user, `--force` or `--resume` beside it would be a second
 * opinion the reviewer never saw, so each is a usage error (exit 2) naming the flag. Without
 * `--plan` the package argument is required.
 */
export interface PlanApplyFlags {
  plan?: string | undefined;
  packageList?: string | undefined;
  clusters?: string | undefined;
  vars?: string | undefined;
  deployUser?: string | undefined;
  force?: boolean | undefined;
  resume?: string | undefined;
}

export function checkPlanFlags(command: 'release' | 'upgrade', flags: PlanApplyFlags, args: readonly string[]): void {
  if (flags.plan === undefined) {
    if (args.length === 0 && flags.packageList === undefined && flags.resume === undefined) {
      throw new UsageError(`stms ${command} needs a package (a .zip file, a package folder, a folder of them, or --package-list <file>), or --plan <file>`, { hint: `For example: stms ${command} my-job.zip --clusters GZ_UAT,TJ_UAT` });
    }
    return;
  }
  const conflicts = [
    args.length > 0 ? `a package (${args[0]})` : '',
    flags.packageList !== undefined ? '--package-list' : '',
    flags.clusters !== undefined ? '--clusters' : '',
    flags.vars !== undefined ? '--vars' : '',
    flags.deployUser !== undefined ? '--deploy-user' : '',
    flags.force === true ? '--force' : '',
    flags.resume !== undefined ? '--resume' : '',
  ].filter(Boolean);
  if (conflicts.length > 0) {
    throw new UsageError(`stms ${command} --plan cannot be given ${conflicts.join(', ')}: the plan names the packages, targets, vars file and deploy user it was reviewed with`, {
      hint: `Apply the plan as it is (stms ${command} --plan ${flags.plan}), or make a new one with stms plan.`,
    });
  }
}

/** The `--plan <file>` flag's field, added to release's and upgrade's option schemas. */
export const PlanFlagSchema = z.object({ plan: z.string().trim().min(1, '--plan needs a plan file').optional() });
