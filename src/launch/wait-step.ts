import { errorMessage } from '../errors.js';
import { isCompleted, isRunning, statusName } from '../streamis/status-codes.js';
import { formatDuration } from '../util/duration.js';
import type { LaunchRecord } from './launch-record.js';
import { onEach } from './launch-steps.js';
import type { Session } from './session.js';
import type { Settled } from './status-poller.js';
import { jobName, type JobFailure, type JobRef, type JobResult } from './types.js';

/**
 * Launch step 6: wait until the job runs on every cluster where it was started, through the
 * session's shared status pollers, and read the server's error where it did not. A timeout
 * leaves the job as it is.
 */

export interface WaitOutcome {
  settled: Settled;
  /** errDesc of the latest task when the job did not come up. */
  error?: string;
}

export async function waitStep(
  session: Session,
  result: JobResult<LaunchRecord>,
  waiting: ReadonlyArray<{ cluster: string; jobId: number }>,
  timeoutMs: number,
  say: (cluster: string, text: string, done?: boolean) => void,
): Promise<JobFailure[]> {
  const failures: JobFailure[] = [];
  const name = jobName(result as JobRef);
  const jobIdOf = new Map(waiting.map((w) => [w.cluster, w.jobId]));
  const startedAt = Date.now();
  const deadline = startedAt + timeoutMs;
  const waitingText = (code: number) => `${statusName(code)} (${elapsedText(Date.now() - startedAt)} of ${formatDuration(timeoutMs)})`;
  // The end (running, or ended) gets its own final line; until then the line shows the clock.
  const onStatus = (c: string) => (code: number) => {
    if (!isRunning(code) && !isCompleted(code)) say(c, waitingText(code));
  };
  const waited = await onEach([...jobIdOf.keys()], (c) => waitForRunning(session, c, jobIdOf.get(c) as number, deadline, onStatus(c)));
  for (const w of waited) {
    const record = result.clusters[w.cluster] as LaunchRecord;
    if (!w.ok) {
      // The start call went through: the job may well be coming up; say so rather than 'failed'.
      const message = `${w.cluster}: ${name} was started, but its status could not be read (${w.failure.message}); it was not stopped: see stms status`;
      failures.push({ ...w.failure, message });
      Object.assign(record, { message });
      say(w.cluster, 'status unknown', true);
      continue;
    }
    const { settled, error } = w.value;
    Object.assign(record, { statusCode: settled.statusCode, status: statusName(settled.statusCode) });
    if (settled.kind === 'running') {
      record.outcome = 'running';
      say(w.cluster, statusName(settled.statusCode), true);
    } else if (settled.kind === 'interrupted') {
      failures.push({ code: 'INTERRUPTED', message: `interrupted while waiting for ${name} to run on ${w.cluster}` });
    } else {
      const why = error ? `: ${error}` : '';
      const message =
        settled.kind === 'ended'
          ? `${w.cluster}: ${name} ended ${statusName(settled.statusCode)} instead of running${why}`
          : `${w.cluster}: ${name} is not running after ${formatDuration(timeoutMs)} (still ${statusName(settled.statusCode)}); it was not stopped${why}`;
      failures.push({ code: 'LAUNCH', message });
      Object.assign(record, { outcome: settled.kind === 'ended' ? 'failed' : 'timeout', message });
      say(w.cluster, settled.kind === 'ended' ? `failed (${statusName(settled.statusCode)})` : 'timeout', true);
    }
  }
  return failures;
}

/** A clock that ticks in whole seconds: tenths would redraw the line for nothing. */
function elapsedText(ms: number): string {
  return ms < 1_000 ? '0s' : formatDuration(Math.floor(ms / 1_000) * 1_000);
}

/** One cluster: wait for running, then read the server's error when it did not run. */
async function waitForRunning(session: Session, cluster: string, jobId: number, deadline: number, onStatus: (code: number) => void): Promise<WaitOutcome> {
  const settled = await session.poller(cluster).wait(jobId, deadline, onStatus);
  if (settled.kind === 'running' || settled.kind === 'interrupted') return { settled };
  let error = settled.kind === 'ended' ? settled.message : undefined;
  try {
    const row = await session.client(cluster).errorMessage(jobId);
    error = row?.errDesc ?? error;
  } catch (e) {
    error ??= `(the error could not be read: ${errorMessage(e)})`;
  }
  return { settled, ...(error ? { error } : {}) };
}
