import { z } from 'zod';
import { UsageError } from '../errors.js';
import { parseJobRef } from '../launch/job-ref.js';
import type { JobRef } from '../launch/types.js';
import { parseDuration, parsePositiveDuration } from '../util/duration.js';
import { parseRestoreMode, type RestoreMode } from '../restore/restore-mode.js';

/** The flags of `stms rollback` as one typed object, cross-flag rules in one place (exit 2). */

/** commander's values for `stms rollback`; the command's one parse. */
export const RollbackFlagsSchema = z.object({
  clusters: z.string({ error: '--clusters is required: the clusters to roll back, e.g. --clusters GZ_UAT,TJ_UAT' }),
  to: z.string().trim().min(1, '--to needs a release id or a version').optional(),
  restore: z.string().trim().min(1).default('savepoint'),
  package: z.string().trim().min(1, '--package needs the path of a zip').optional(),
  vars: z.string().optional(),
  deployUser: z.string().trim().min(1, '--deploy-user needs a user name').optional(),
  timeout: z.string().default('10m'),
  stable: z.string().default('30s'),
});

export interface RollbackFlags {
  ref: JobRef;
  clusters: string;
  to: string | undefined;
  restore: RestoreMode;
  stableMs: number;
  packagePath: string | undefined;
  vars: string | undefined;
  deployUser: string | undefined;
  timeoutMs: number;
}

export function parseRollbackFlags(args: string[], f: z.infer<typeof RollbackFlagsSchema>): RollbackFlags {
  if (args[0] === undefined) throw new UsageError('stms rollback needs the job: stms rollback p1/j1 --clusters GZ_UAT,TJ_UAT');
  const timeoutMs = parsePositiveDuration(f.timeout);
  if (timeoutMs === undefined) throw new UsageError(`--timeout ${f.timeout}: not a duration; write 90s, 5m, 1h or a number of seconds`);
  const stableMs = parseDuration(f.stable);
  if (stableMs === undefined) throw new UsageError(`--stable ${f.stable}: not a duration; write 90s, 5m, 1h or a number of seconds`);
  return { ref: parseJobRef(args[0]), clusters: f.clusters, to: f.to, restore: parseRestoreMode(f.restore), stableMs, packagePath: f.package, vars: f.vars, deployUser: f.deployUser, timeoutMs };
}
