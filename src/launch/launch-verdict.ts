import { worstFailure } from './failure.js';
import type { LaunchOutcome, LaunchRecord } from './launch-record.js';
import { jobName, type JobFailure, type JobResult } from './types.js';

/**
 * The end of a job's launch: clusters still pending get the word for why they were not reached,
 * the job's outcome is derived from its clusters, and a failure message says what runs where,
 * since nothing that started is stopped again. Pure.
 */

export interface LaunchEnd {
  failure?: JobFailure;
  failures?: readonly JobFailure[];
  /** What clusters still `pending` become. */
  pendingAs: LaunchOutcome;
  /** The job's outcome when the clusters do not tell it (a consistency verdict). */
  outcome?: LaunchOutcome;
  /** The job failed before any start call was made. */
  nothingStarted?: boolean;
}

const UP: readonly string[] = ['running', 'already-running', 'started'];

export function finishLaunch(result: JobResult<LaunchRecord>, end: LaunchEnd): JobResult<LaunchRecord> {
  for (const record of Object.values(result.clusters)) if (record.outcome === 'pending') record.outcome = end.pendingAs;
  const all = [...(end.failure ? [end.failure] : []), ...(end.failures ?? [])];
  const worst = worstFailure(all);
  const records = Object.entries(result.clusters);
  if (!worst) {
    const outcomes = records.map(([, r]) => r.outcome).filter((o) => UP.includes(o));
    result.outcome = outcomes.includes('started') ? 'started' : outcomes.length > 0 && outcomes.every((o) => o === 'already-running') ? 'already-running' : 'running';
    result.message = whatRunsWhere(result) || result.message;
    return result;
  }
  const up = whatRunsWhere(result);
  const others = all.filter((f) => f !== worst && f.code === worst.code).map((f) => f.message);
  const tail = failureTail(result, up, end.nothingStarted === true);
  result.failure = { ...worst, message: [worst.message, ...others].join('; ') + (tail ? ` (${tail})` : '') };
  result.outcome = end.outcome ?? jobOutcome(worst, records.map(([, r]) => r.outcome));
  if (up) result.message = up;
  return result;
}

/**
 * What runs where after a failure, since nothing is stopped behind the user's back; and the
 * clusters --restart stopped that are not up again, with their savepoints, since those it did stop.
 */
function failureTail(result: JobResult<LaunchRecord>, up: string, nothingStarted: boolean): string {
  const down = Object.entries(result.clusters).filter(([, r]) => r.restarted === true && !UP.includes(r.outcome));
  const parts = [...(nothingStarted ? ['nothing was started'] : []), ...(up ? [up] : [])];
  if (down.length > 0) {
    const which = down.map(([c, r]) => `${c}${r.savepoint ? ` (savepoint ${r.savepoint})` : ''}`).join(', ');
    parts.push(`stopped by --restart and not running again on ${which}`);
  }
  if (!nothingStarted && parts.length > 0) parts.push(down.length > 0 ? 'nothing else was stopped' : 'nothing already started was stopped');
  return parts.join('; ');
}

function jobOutcome(failure: JobFailure, outcomes: readonly string[]): LaunchOutcome {
  if (failure.code === 'INTERRUPTED') return 'interrupted';
  if (failure.code === 'HA_POLICY') return 'refused';
  if (failure.code === 'CONSISTENCY') return outcomes.includes('missing') ? 'missing' : 'inconsistent';
  if (outcomes.includes('timeout')) return 'timeout';
  if (outcomes.includes('failed')) return 'failed';
  // Refused on one cluster while up on another: the job failed, and the message says what runs where.
  if (outcomes.some((o) => UP.includes(o))) return 'failed';
  if (outcomes.includes('refused')) return 'refused';
  return 'failed';
}

/** `running on GZ_UAT, started on TJ_UAT`, or '' when the job is up nowhere. */
export function whatRunsWhere(result: JobResult<LaunchRecord>): string {
  const by = new Map<string, string[]>();
  for (const [cluster, r] of Object.entries(result.clusters)) {
    if (!UP.includes(r.outcome)) continue;
    const word = r.outcome === 'started' ? 'started' : 'running';
    by.set(word, [...(by.get(word) ?? []), cluster]);
  }
  const parts = [...by].map(([word, clusters]) => `${word} on ${clusters.join(', ')}`);
  return parts.length > 0 ? `${jobName(result)} ${parts.join(', ')}` : '';
}
