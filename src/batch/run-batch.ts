import { errorMessage } from '../errors.js';
import { newResult, type ClusterRecord, type JobRef, type JobResult } from '../launch/types.js';

/**
 * Runs one worker per job with at most `concurrency` holding a slot at once, each job's steps in
 * order inside its worker. A worker may give its slot back early (`release`) for a part that
 * costs the clusters almost nothing, such as waiting for a started job to run (polled for all
 * jobs together), so the next jobs start meanwhile. Once the failure budget is spent (`maxFailures`
 * jobs failed; without it, the first failure unless `continueOnError`) no further job is begun,
 * jobs in flight finish their steps, and the jobs never begun are `not-run`. Under an explicit
 * `maxFailures`, a job waiting to run may still fail: no job begins while the failures so far
 * plus the jobs still waiting would spend the budget, so a launch stops after its Nth failure
 * instead of having started everything while the first ones were still coming up. Ctrl-C stops
 * it the same way. Results come back in the order of the list.
 */

export interface BatchOptions {
  concurrency: number;
  continueOnError: boolean;
  /** How many failed jobs stop the batch; undefined: 1, or no limit with `continueOnError`. */
  maxFailures?: number | undefined;
  signal: AbortSignal;
}

/** The failure budget a batch runs with: Infinity when nothing stops it. */
export function failureBudget(options: Pick<BatchOptions, 'continueOnError' | 'maxFailures'>): number {
  return options.maxFailures ?? (options.continueOnError ? Infinity : 1);
}

export interface BatchRun<C extends ClusterRecord> {
  results: Array<JobResult<C>>;
  /** The first job to fail, in completion order. */
  firstFailure: JobResult<C> | undefined;
  /** Jobs never begun. */
  notRun: number;
  /** True when the failure budget stopped the batch before every job was begun. */
  budgetSpent: boolean;
}

export interface Slot {
  /** Gives the slot to the next job; later calls do nothing. */
  release(): void;
}

export async function runBatch<C extends ClusterRecord, R extends JobRef = JobRef>(refs: readonly R[], work: (ref: R, slot: Slot) => Promise<JobResult<C>>, options: BatchOptions): Promise<BatchRun<C>> {
  const results: Array<JobResult<C> | undefined> = new Array(refs.length);
  let firstFailure: JobResult<C> | undefined;
  let failures = 0;
  const budget = failureBudget(options);
  const stopped = () => options.signal.aborted || failures >= budget;

  let free = Math.max(1, options.concurrency);
  const waiting: Array<() => void> = [];
  const acquire = () => (free > 0 ? (free--, Promise.resolve()) : new Promise<void>((resolve) => waiting.push(resolve)));
  const giveBack = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };

  // Jobs that gave their slot back (waiting to run) and have not ended: under an explicit
  // budget they may still fail, so they count against what is left of it.
  let unresolved = 0;
  const settled: Array<() => void> = [];
  const atRisk = () => options.maxFailures !== undefined && failures + unresolved >= options.maxFailures;

  const running: Array<Promise<void>> = [];
  for (const [index, ref] of refs.entries()) {
    if (stopped()) break;
    await acquire();
    while (!stopped() && atRisk()) await new Promise<void>((resolve) => settled.push(resolve));
    if (stopped()) {
      giveBack();
      break;
    }
    let held = true;
    const slot: Slot = {
      release() {
        if (!held) return;
        held = false;
        unresolved++;
        giveBack();
      },
    };
    running.push(
      work(ref, slot)
        .catch((error: unknown) => crashed<C>(ref, error))
        .then((result) => {
          results[index] = result;
          if (result.failure) {
            failures++;
            firstFailure ??= result;
          }
          if (held) {
            held = false;
            giveBack();
          } else {
            unresolved--;
          }
          for (const wake of settled.splice(0)) wake();
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
  return { results: all, firstFailure, notRun, budgetSpent: notRun > 0 && !options.signal.aborted && failures >= budget };
}

/** A worker that threw instead of returning its result: a bug, reported on that job only. */
function crashed<C extends ClusterRecord>(ref: JobRef, error: unknown): JobResult<C> {
  const result = newResult<C>(ref);
  result.outcome = 'failed';
  result.failure = { code: 'INTERNAL', message: `internal error (this is a bug in stms, please report it): ${errorMessage(error)}` };
  return result;
}
