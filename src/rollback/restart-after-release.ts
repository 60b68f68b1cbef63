import type { ClusterConfig, Config } from '../config/load.js';
import { UsageError } from '../errors.js';
import { launchJob, type JobEvents, type LaunchRecord } from '../launch/launch-job.js';
import { createSession } from '../launch/session.js';
import type { JobResult } from '../launch/types.js';

/**
 * The restart after a rollback's release: one function, so the rolling restart engine can take
 * its place. For now it is `launch --restart`: the consistency check (which turns the new
 * version's verdict true), then on every start target a stop with a savepoint and a start of the
 * newest version, which restores as the job's configuration says.
 */

export interface RestartRequest {
  config: Config;
  /** The rollback's --clusters. */
  clusters: readonly ClusterConfig[];
  project: string;
  job: string;
  /** `--restore` as given: savepoint (default) or latest; none and paths need the rollout engine. */
  restore: string;
  /** How long to wait until the job runs again. */
  timeoutMs: number;
  signal: AbortSignal;
  trace?: (line: string) => void;
  events?: JobEvents;
}

/** The restore modes this restart can honour (the others fail before any release). */
export const RESTORE_MODES = ['savepoint', 'latest'] as const;

export function checkRestoreMode(restore: string): void {
  if ((RESTORE_MODES as readonly string[]).includes(restore)) return;
  throw new UsageError(`--restore ${restore}: this rollback restarts with a savepoint stop and a start that restores as the job's configuration says; write --restore savepoint or latest`);
}

export async function restartAfterRelease(req: RestartRequest): Promise<JobResult<LaunchRecord>> {
  checkRestoreMode(req.restore);
  const session = createSession(req.config, req.clusters, { signal: req.signal, ...(req.trace ? { trace: req.trace } : {}) });
  try {
    return await launchJob(session, { project: req.project, job: req.job }, { wait: true, timeoutMs: req.timeoutMs, restart: true }, req.events ?? {});
  } finally {
    await session.close();
  }
}
