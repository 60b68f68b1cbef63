import { errorMessage } from '../errors.js';
import { newResult, type ClusterRecord, type JobRef, type JobResult } from '../launch/types.js';

/**
 * Runs one worker per job with at most `concurrency` holding a slot at once, each job's steps in
 * order inside its worker. A worker may give its slot back early (`release`) for a part that
 * costs the clusters almost nothing, such as waiting for a started job to run (polled for all
 * jobs together), so the next jobs start meanwhile. Without `continueOnError` the first failure
 * stops the batch: no further job is begun, jobs in flight finish their steps, and the jobs never
 * begun are `not-run`. Ctrl-C stops it the same way. Results come back in the order of the list.
 */

export interface BatchOptions {
  concurrency: number;
  continueOnError: boolean;
  signal: AbortSignal;
}

export interface BatchRun<C extends ClusterRecord> {
  results: Array<JobResult<C>>;
  /** The first job to fail, in completion order. */
  firstFailure: JobResult<C> | undefined;
  /** Jobs never begun. */
  notRun: number;
}

export interface Slot {
  /** Gives the slot to the next job; later calls do nothing. */
  release(): void;
}

export async function runBatch<C extends ClusterRecord>(refs: readonly JobRef[], work: (ref: JobRef, slot: Slot) => Promise<JobResult<C>>, options: BatchOptions): Promise<BatchRun<C>> {
  const results: Array<JobResult<C> | undefined> = new Array(refs.length);
  let firstFailure: JobResult<C> | undefined;
  const stopped = () => options.signal.aborted || (!options.continueOnError && firstFailure !== undefined);

  let free = Math.max(1, options.concurrency);
  const waiting: Array<() => void> = [];
  const acquire = () => (free > 0 ? (free--, Promise.resolve()) : new Promise<void>((resolve) => waiting.push(resolve)));
  const giveBack = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };

  const running: Array<Promise<void>> = [];
  for (const [index, ref] of refs.entries()) {
    if (stopped()) break;
    await acquire();
    if (stopped()) {
      giveBack();
      break;
    }
    let held = true;
    const slot: Slot = {
      release() {
        if (!held) return;
        held = false;
        giveBack();
      },
    };
    running.push(
      work(ref, slot)
        .catch((error: unknown) => crashed<C>(ref, error))
        .then((result) => {
          results[index] = result;
          if (result.failure && !firstFailure) firstFailure = result;
          slot.release();
        }),
    );
  }
  await Promise.all(running);

  let notRun = 0;
  // Array.from, not map: map skips the holes left by jobs never begun.
  const all = Array.from(results, (r, i) => {
    if (r) return r;
    notRun++;
    const skipped = newResult<C>(refs[i] as JobRef);
    skipped.outcome = 'not-run';
    return skipped;
  });
  return { results: all, firstFailure, notRun };
}

/** A worker that threw instead of returning its result: a bug, reported on that job only. */
function crashed<C extends ClusterRecord>(ref: JobRef, error: unknown): JobResult<C> {
  const result = newResult<C>(ref);
  result.outcome = 'failed';
  result.failure = { code: 'INTERNAL', message: `internal error (this is a bug in stms, please report it): ${errorMessage(error)}` };
  return result;
}
