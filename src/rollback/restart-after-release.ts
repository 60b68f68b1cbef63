import type { ClusterConfig, Config } from '../config/load.js';
import { launchJob } from '../launch/launch-job.js';
import type { LaunchRecord } from '../launch/launch-record.js';
import type { JobEvents } from '../launch/types.js';
import { createSession } from '../launch/session.js';
import type { JobResult } from '../launch/types.js';
import type { RestoreMode } from '../restore/restore-mode.js';

/**
 * The restart after a rollback's release, as an upgrade restarts: `launch --restart`, which runs
 * the consistency check (turning the new version's verdict true), then the rolling restart: one
 * cluster at a time, each stopped with a savepoint and started from it (or as `--restore` says),
 * up for the stability window before the next.
 */

export interface RestartRequest {
  config: Config;
  /** The rollback's --clusters. */
  clusters: readonly ClusterConfig[];
  project: string;
  job: string;
  restore: RestoreMode;
  /** How long a restarted cluster must stay up before the next one. */
  stableMs: number;
  /** How long to wait until the job runs again. */
  timeoutMs: number;
  signal: AbortSignal;
  trace?: (line: string) => void;
  events?: JobEvents;
}

export async function restartAfterRelease(req: RestartRequest): Promise<JobResult<LaunchRecord>> {
  const session = createSession(req.config, req.clusters, { signal: req.signal, ...(req.trace ? { trace: req.trace } : {}) });
  try {
    return await launchJob(session, { project: req.project, job: req.job }, { wait: true, timeoutMs: req.timeoutMs, restart: true, restore: req.restore, stableMs: req.stableMs }, req.events ?? {});
  } finally {
    await session.close();
  }
}
