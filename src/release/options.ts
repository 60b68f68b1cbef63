import { z } from 'zod';
import { maxFailuresField } from '../options/max-failures.js';
import { UsageError } from '../errors.js';

/**
 * The flags of `stms release` and `stms plan` as one typed object (the schema of commander's
 * parsed values), with the cross-flag rules in one place: a usage error (exit 2) says what to
 * pass instead.
 */

export const ReleaseFlagsSchema = z.object({
  clusters: z.string().optional(),
  vars: z.string().optional(),
  deployUser: z.string().trim().min(1, '--deploy-user needs a user name').optional(),
  resume: z.string().trim().min(1, '--resume needs a release id').optional(),
  force: z.boolean().default(false),
  packageList: z.string().optional(),
  continueOnError: z.boolean().default(false),
  maxFailures: maxFailuresField,
  report: z.string().optional(),
});

export type ReleaseFlags = z.infer<typeof ReleaseFlagsSchema>;

/** plan takes release's flags, and `--exit-code` (11 when something would change). */
export const PlanFlagsSchema = ReleaseFlagsSchema.extend({ exitCode: z.boolean().default(false) });

export function checkReleaseFlags(command: 'release' | 'plan' | 'upgrade', flags: Pick<ReleaseFlags, 'clusters' | 'resume' | 'packageList'>, args: string[]): void {
  if (args.length === 0 && flags.packageList === undefined && flags.resume === undefined) {
    throw new UsageError(`stms ${command} needs a package: a .zip, a package folder, a folder of them, or --package-list <file>`, {
      hint: `For example: stms ${command} my-job.zip --clusters GZ_UAT,TJ_UAT`,
    });
  }
  if (flags.clusters === undefined && flags.resume === undefined) {
    throw new UsageError(`stms ${command} needs --clusters: the clusters to ${command === 'plan' ? 'plan a release for' : command === 'upgrade' ? 'upgrade on' : 'release to'}`, {
      hint: `For example: stms ${command} ${args[0] || 'my-job.zip'} --clusters GZ_UAT,TJ_UAT`,
    });
  }
}
