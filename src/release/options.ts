import { z } from 'zod';
import { UsageError } from '../errors.js';

/**
 * The flags of `stms release` and `stms plan` as one typed object, with the cross-flag rules in
 * one place (like wrangler's validateArgs): a usage error (exit 2) says what to pass instead.
 */

const Flags = z.object({
  clusters: z.string().optional(),
  vars: z.string().optional(),
  deployUser: z.string().trim().min(1, '--deploy-user needs a user name').optional(),
  resume: z.string().trim().min(1, '--resume needs a release id').optional(),
  force: z.boolean().optional(),
});

export interface ReleaseFlags {
  packageArg: string;
  clusters: string | undefined;
  vars: string | undefined;
  deployUser: string | undefined;
  resume: string | undefined;
  force: boolean;
}

export function parseReleaseFlags(command: 'release' | 'plan' | 'upgrade', args: string[], options: Record<string, unknown>): ReleaseFlags {
  const parsed = Flags.safeParse(options);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '), { hint: `See \`stms ${command} --help\`.` });
  const f = parsed.data;
  const packageArg = args[0] ?? '';
  if (f.clusters === undefined && f.resume === undefined) {
    throw new UsageError(`stms ${command} needs --clusters: the clusters to ${command === 'plan' ? 'plan a release for' : command === 'upgrade' ? 'upgrade on' : 'release to'}`, {
      hint: `For example: stms ${command} ${packageArg || 'my-job.zip'} --clusters GZ_UAT,TJ_UAT`,
    });
  }
  return { packageArg, clusters: f.clusters, vars: f.vars, deployUser: f.deployUser, resume: f.resume, force: f.force === true };
}
