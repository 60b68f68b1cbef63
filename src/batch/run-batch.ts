import { errorMessage } from '../errors.js';
import { newResult, type ClusterRecord, type JobRef, type JobResult } from '../launch/types.js';

/**
 * Runs one worker per job with at most `concurrency` at once, each job's steps in order inside
 * its worker. Without `continueOnError` the first failure stops the batch: no further job is
 * begun, jobs in flight finish their steps, and the jobs never begun are `not-run`. Ctrl-C stops
 * it the same way. Results come back in the order of the list.
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

export async function runBatch<C extends ClusterRecord>(refs: readonly JobRef[], work: (ref: JobRef) => Promise<JobResult<C>>, options: BatchOptions): Promise<BatchRun<C>> {
  const results: Array<JobResult<C> | undefined> = new Array(refs.length);
  let next = 0;
  let firstFailure: JobResult<C> | undefined;
  const stopped = () => options.signal.aborted || (!options.continueOnError && firstFailure !== undefined);

  const worker = async () => {
    while (next < refs.length && !stopped()) {
      const index = next++;
      const ref = refs[index] as JobRef;
      const result = await work(ref).catch((error: unknown) => crashed<C>(ref, error));
      results[index] = result;
      if (result.failure && !firstFailure) firstFailure = result;
    }
  };
  const width = Math.max(1, Math.min(options.concurrency, refs.length));
  await Promise.all(Array.from({ length: width }, worker));

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
