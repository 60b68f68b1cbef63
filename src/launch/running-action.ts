import { mayHaveActed, taskCompletedNow } from '../streamis/outcome.js';
import { isRunning, STATUS, statusName } from '../streamis/status-codes.js';
import { failureOf, worstFailure, type Phase } from './failure.js';
import { readJobFacts } from './job-facts.js';
import { policyLabel } from './md5-matches.js';
import type { Session } from './session.js';
import { jobName, newResult, type ClusterRecord, type JobEvents, type JobFailure, type JobRef, type JobResult } from './types.js';

/**
 * `stop` and `snapshot` for one job: the action on every cluster of --clusters where the job
 * runs (or is starting), at once, keeping each cluster's outcome and savepoint path.
 */

export interface ActionRecord extends ClusterRecord {
  outcome: 'stopped' | 'snapshot' | 'not-running' | 'missing' | 'failed';
  status?: string;
  statusCode?: number;
  /** The savepoint location, when one was taken. */
  path?: string | null;
}

export interface RunningAction {
  /** The outcome word of a cluster where the action was done. */
  done: 'stopped' | 'snapshot';
  /** Does the action and returns the savepoint path (null: none). */
  act(session: Session, cluster: string, jobId: number): Promise<string | null>;
  /** When true, a job that runs nowhere is a failure (a savepoint needs a running job). */
  needsRunning: boolean;
  /** The status a cluster is in once the action returned, when the action changes it. */
  after?: { statusCode: number; status: string };
}

export async function actOnRunning(session: Session, ref: JobRef, action: RunningAction, events: JobEvents = {}): Promise<JobResult<ActionRecord>> {
  const result = newResult<ActionRecord>(ref);
  const started = Date.now();
  const name = jobName(ref);
  try {
    // A cluster that cannot be read fails on its own: the job is still stopped where it can be.
    const facts = await readJobFacts(session, ref, { policy: true, tolerate: true });
    const present = [...facts.values()].filter((f) => f.row);
    result.policy = policyLabel(present.map((f) => f.policyRaw));
    const failures: JobFailure[] = [];
    for (const f of facts.values()) {
      if (f.error === undefined) {
        result.clusters[f.cluster.name] = f.row ? { outcome: 'not-running', jobId: f.row.id } : { outcome: 'missing' };
        continue;
      }
      const failure = failureOf(f.error, 'read');
      failures.push(failure);
      result.clusters[f.cluster.name] = { outcome: 'failed', message: failure.message };
    }
    if (present.length === 0 && failures.length === 0) {
      result.outcome = 'missing';
      result.failure = { code: 'CONSISTENCY', message: `${name} is not on any of ${session.clusters.map((c) => c.name).join(', ')}: check the project and job names` };
      return result;
    }
    await Promise.all(
      present.map(async ({ cluster, row }) => {
        if (!row) return;
        const record = result.clusters[cluster.name] as ActionRecord;
        // Each cluster's failure stays its own: the others' actions (already under way) are
        // awaited and reported, so the result says what was stopped where.
        let phase: Phase = 'read';
        try {
          const code = (await session.poller(cluster.name).read(row.id))?.statusCode ?? STATUS.NOT_STARTED;
          Object.assign(record, { statusCode: code, status: statusName(code) });
          if (!isRunning(code) && code !== STATUS.STARTING) return;
          phase = 'action';
          const path = await action.act(session, cluster.name, row.id);
          Object.assign(record, { outcome: action.done, path, ...action.after });
          // The path itself is printed once, in the savepoint lines of the summary.
          events.progress?.(ref, cluster.name, `${action.done}${path ? ' (savepoint taken)' : ''}`, true);
        } catch (error) {
          const failure = failureOf(error, phase);
          failures.push(failure);
          Object.assign(record, { outcome: 'failed', message: failure.message });
          events.progress?.(ref, cluster.name, `failed: ${failure.message}`, true);
        }
      }),
    );
    const actedOn = Object.entries(result.clusters).filter(([, r]) => r.outcome === action.done).map(([c]) => c);
    const acted = actedOn.length;
    const worst = worstFailure(failures);
    if (worst) {
      const done = acted > 0 ? ` (${name} ${action.done === 'stopped' ? 'was stopped' : 'has a savepoint'} on ${actedOn.join(', ')})` : '';
      result.failure = { ...worst, message: failures.map((f) => f.message).join('; ') + done };
      result.outcome = 'failed';
    } else if (acted === 0) {
      result.outcome = 'not-running';
      result.message = `${name} is not running on ${present.map((f) => f.cluster.name).join(', ')}`;
      if (action.needsRunning) result.failure = { code: 'LAUNCH', message: `${result.message}: no savepoint was taken` };
    } else {
      result.outcome = action.done;
    }
  } catch (error) {
    result.failure = failureOf(error, 'read');
    result.outcome = 'failed';
  } finally {
    result.elapsedMs = Date.now() - started;
  }
  return result;
}

export const STOP = (snapshot: boolean): RunningAction => ({
  done: 'stopped',
  needsRunning: false,
  // job/stop returns once the job has stopped (docs/streamis-contract.md §5.11): report that, not the status before.
  after: { statusCode: STATUS.STOPPED, status: statusName(STATUS.STOPPED) },
  async act(session, cluster, jobId) {
    try {
      const { path } = await session.client(cluster).stop({ jobId, snapshot, skipHookError: false });
      return snapshot ? (path ?? null) : null;
    } catch (error) {
      // The answer was lost, perhaps after the server stopped the job: a stop that happened is a
      // stop, reported as such (its savepoint path went with the answer), never as a failure.
      if (!mayHaveActed(error) || (await taskCompletedNow(session.client(cluster), jobId)) !== true) throw error;
      return null;
    }
  },
});

export const SNAPSHOT: RunningAction = {
  done: 'snapshot',
  needsRunning: true,
  act: async (session, cluster, jobId) => (await session.client(cluster).snapshot(jobId)).path,
};
