import type { ClusterConfig } from '../../config/load.js';
import { UsageError } from '../../errors.js';
import { acceptMissingJob } from '../../launch/accept-missing-job.js';
import type { CheckRecord } from '../../launch/check-job.js';
import { confirmNotAnswering } from '../../launch/missing-cluster.js';
import type { CommandContext } from '../command.js';
import type { ChangeOptions } from '../options/change-fields.js';
import type { JobsCommand } from './jobs-command.js';

/**
 * `stms check --accept-missing A --reason "…"` (docs/commands/check.md): the flag rules, and what
 * the check's run changes: A is asked once and left out of the session, each job gets a verdict
 * on the other clusters that names A, the reason and the deploy user.
 */

export interface AcceptMissingFlags extends ChangeOptions {
  acceptMissing?: string | undefined;
  clusters?: string | undefined;
}

/** The longest reason kept in a verdict. */
const MAX_REASON = 200;

/** Flag rules, before anything is read: a reason of one line, a cluster of --clusters. */
export function checkAcceptMissingFlags(flags: AcceptMissingFlags): void {
  if (flags.acceptMissing === undefined) return;
  const reason = flags.reason?.trim() ?? '';
  if (reason === '') {
    throw new UsageError(`--accept-missing ${flags.acceptMissing} needs --reason "<why>": the verdict records why it was written without ${flags.acceptMissing}`, {
      hint: 'For example --reason "GZ_UAT down since 09:10 (INC-4711): hotfix of the sink".',
    });
  }
  if (/[\x00-\x1f\x7f]/.test(reason) || reason.length > MAX_REASON) {
    throw new UsageError(`--reason: one line of at most ${MAX_REASON} characters`, { hint: 'Put the details in the change ticket and name it here.' });
  }
  const named = (flags.clusters ?? '').split(',').map((c) => c.trim());
  if (!named.includes(flags.acceptMissing)) {
    throw new UsageError(`--accept-missing ${flags.acceptMissing}: not one of --clusters ${flags.clusters ?? ''}`, { hint: 'Name both clusters in --clusters and the one that is down in --accept-missing.' });
  }
}

/** The change flags check passes on: --reason belongs to --accept-missing unless --override-window is given. */
export function changeFlagsOf<F extends AcceptMissingFlags>(flags: F): F {
  return flags.acceptMissing !== undefined && !flags.overrideWindow ? { ...flags, reason: undefined } : flags;
}

/** The parts of check's JobsCommand that --accept-missing replaces. */
export function acceptMissingSpec(ctx: CommandContext, flags: AcceptMissingFlags & { acceptMissing: string }): Pick<JobsCommand<CheckRecord>, 'sessionClusters' | 'work'> {
  let missing: ClusterConfig | undefined;
  let acceptedBy = '';
  const reason = (flags.reason ?? '').trim();
  return {
    async sessionClusters(clusters, config) {
      missing = clusters.find((c) => c.name === flags.acceptMissing) as ClusterConfig;
      const why = await confirmNotAnswering(config, missing, { signal: ctx.signal, trace: (line) => ctx.out.debug(line), secrets: ctx.out.redactor });
      ctx.out.warn(`${missing.name} does not answer (${why}): the verdict is written without it`);
      acceptedBy = config.deployUser;
      return clusters.filter((c) => c !== missing);
    },
    work: (session, ref) => acceptMissingJob(session, ref, missing as ClusterConfig, { missing: flags.acceptMissing, reason, acceptedBy }),
  };
}
