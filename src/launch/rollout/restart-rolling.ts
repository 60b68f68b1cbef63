import { isRunning, STATUS, statusName } from '../../streamis/status-codes.js';
import type { RestoreMode } from '../../restore/restore-mode.js';
import { runRollout } from './rollout.js';
import type { LaunchRecord } from '../launch-record.js';
import { finishLaunch } from '../launch-verdict.js';
import type { Session } from '../session.js';
import type { JobEvents, JobRef, JobResult } from '../types.js';

/**
 * `launch --restart`: the rolling restart of upgrade (one cluster at a time, each restored from
 * the savepoint its own stop produced, the next only once it runs and stayed up), its outcome
 * told in launch's words. Called once the consistency check passed.
 */
export async function restartRolling(
  session: Session,
  ref: JobRef,
  result: JobResult<LaunchRecord>,
  options: { restore: RestoreMode; stableMs: number; timeoutMs: number },
  events: JobEvents,
): Promise<JobResult<LaunchRecord>> {
  const rollout = await runRollout(
    { session, ref, restore: options.restore, stableMs: options.stableMs, timeoutMs: options.timeoutMs, stateDir: session.config.stateDir },
    { progress: (cluster, text, done) => events.progress?.(ref, cluster, text, done) },
  );
  const moved = Object.values(rollout.clusters).some((c) => c.phase !== 'pending');
  for (const [cluster, record] of Object.entries(result.clusters)) {
    const rolled = rollout.clusters[cluster];
    if (!rolled) {
      if (record.outcome === 'pending' && rollout.order.length > 0) record.outcome = 'not-target';
      continue;
    }
    const restarted = rolled.action === 'restart' && rolled.phase !== 'pending';
    Object.assign(record, {
      ...(restarted ? { restarted: true } : {}),
      ...(rolled.savepoint ? { savepoint: rolled.savepoint } : {}),
      ...(rolled.restoredFrom ? { restoredFrom: rolled.restoredFrom } : {}),
      ...(rolled.message ? { message: rolled.message } : {}),
    });
    if (rolled.phase === 'done') {
      Object.assign(record, { outcome: 'running', statusCode: STATUS.RUNNING, status: statusName(STATUS.RUNNING) });
    } else if (rolled.phase !== 'pending' || rollout.stoppedAt === cluster) {
      record.outcome = 'failed';
    } else if (moved) {
      // Not reached: it runs (or not) as it did before.
      const code = rolled.statusBefore;
      record.outcome = code !== undefined && isRunning(code) ? 'already-running' : 'failed';
    }
  }
  if (!rollout.failure) return finishLaunch(result, { pendingAs: 'failed' });
  return finishLaunch(result, { failure: rollout.failure, pendingAs: 'refused', ...(moved ? {} : { nothingStarted: true }) });
}
