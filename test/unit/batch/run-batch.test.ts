import { describe, expect, it } from 'vitest';
import { runBatch } from '../../../src/batch/run-batch.js';
import { newResult, type JobRef, type JobResult } from '../../../src/launch/types.js';

const refs: JobRef[] = Array.from({ length: 10 }, (_, i) => ({ project: 'p1', job: `j${i}`, line: i + 1 }));

/** A worker that records concurrency and fails the jobs named. */
function worker(failing: Set<string>, delayMs = 5) {
  let active = 0;
  const seen = { maxActive: 0, begun: [] as string[] };
  const work = async (ref: JobRef): Promise<JobResult> => {
    seen.begun.push(ref.job);
    active++;
    seen.maxActive = Math.max(seen.maxActive, active);
    // Failing jobs fail fast, so the order of events does not depend on timer ties.
    await new Promise((r) => setTimeout(r, failing.has(ref.job) ? 1 : delayMs));
    active--;
    const result = newResult(ref);
    result.outcome = failing.has(ref.job) ? 'failed' : 'running';
    if (failing.has(ref.job)) result.failure = { code: 'LAUNCH', message: `${ref.job} failed` };
    return result;
  };
  return { work, seen };
}

describe('runBatch', () => {
  it('runs every job with at most `concurrency` at once, results in list order', async () => {
    const { work, seen } = worker(new Set());
    const run = await runBatch(refs, work, { concurrency: 3, continueOnError: false, signal: new AbortController().signal });
    expect(seen.maxActive).toBe(3);
    expect(run.results.map((r) => r.job)).toEqual(refs.map((r) => r.job));
    expect(run.results.map((r) => r.line)).toEqual(refs.map((r) => r.line));
    expect(run).toMatchObject({ firstFailure: undefined, notRun: 0 });
  });

  it('stops at the first failure without --continue-on-error: jobs in flight finish, the rest are not-run', async () => {
    const { work, seen } = worker(new Set(['j1']), 30);
    const run = await runBatch(refs, work, { concurrency: 2, continueOnError: false, signal: new AbortController().signal });
    expect(run.firstFailure?.job).toBe('j1');
    expect(seen.begun).toEqual(['j0', 'j1']);
    expect(run.results.map((r) => r.outcome)).toEqual(['running', 'failed', ...Array(8).fill('not-run')]);
    expect(run.notRun).toBe(8);
  });

  it('tries every job with --continue-on-error', async () => {
    const { work } = worker(new Set(['j1', 'j7']));
    const run = await runBatch(refs, work, { concurrency: 4, continueOnError: true, signal: new AbortController().signal });
    expect(run.results.filter((r) => r.failure).map((r) => r.job)).toEqual(['j1', 'j7']);
    expect(run.notRun).toBe(0);
  });

  it('begins no new job after Ctrl-C', async () => {
    const controller = new AbortController();
    const { work, seen } = worker(new Set(), 20);
    setTimeout(() => controller.abort(), 5);
    const run = await runBatch(refs, work, { concurrency: 2, continueOnError: true, signal: controller.signal });
    expect(seen.begun).toEqual(['j0', 'j1']);
    expect(run.notRun).toBe(8);
  });

  it('lets the next job begin when a job gives its slot back (waiting), still at most `concurrency` holding one', async () => {
    const events: string[] = [];
    const run = await runBatch(
      refs.slice(0, 3),
      async (ref, slot) => {
        events.push(`begin ${ref.job}`);
        await new Promise((r) => setTimeout(r, 5));
        slot.release();
        slot.release(); // a second release must not free a second slot
        await new Promise((r) => setTimeout(r, 40));
        events.push(`end ${ref.job}`);
        return { ...newResult(ref), outcome: 'running' };
      },
      { concurrency: 1, continueOnError: false, signal: new AbortController().signal },
    );
    expect(events).toEqual(['begin j0', 'begin j1', 'begin j2', 'end j0', 'end j1', 'end j2']);
    expect(run.results.map((r) => r.outcome)).toEqual(['running', 'running', 'running']);
  });

  it('reports a worker that throws as an internal failure of that job only', async () => {
    const run = await runBatch(refs.slice(0, 2), async (ref) => {
      if (ref.job === 'j0') throw new TypeError('boom');
      return { ...newResult(ref), outcome: 'running' };
    }, { concurrency: 1, continueOnError: true, signal: new AbortController().signal });
    expect(run.results[0]?.failure).toEqual({ code: 'INTERNAL', message: 'internal error (this is a bug in stms, please report it): boom' });
    expect(run.results[1]?.outcome).toBe('running');
  });

  it('stops beginning jobs once --max-failures jobs failed, even with --continue-on-error', async () => {
    const { work, seen } = worker(new Set(['j1', 'j3', 'j5']), 20);
    const run = await runBatch(refs, work, { concurrency: 1, continueOnError: true, maxFailures: 2, signal: new AbortController().signal });
    expect(seen.begun).toEqual(['j0', 'j1', 'j2', 'j3']);
    expect(run.results.map((r) => r.outcome)).toEqual(['running', 'failed', 'running', 'failed', ...Array(6).fill('not-run')]);
    expect(run).toMatchObject({ notRun: 6, budgetSpent: true });
  });

  it('spends no budget it was not given: without --max-failures, --continue-on-error tries every job', async () => {
    const { work } = worker(new Set(['j1', 'j3', 'j5']), 1);
    const run = await runBatch(refs, work, { concurrency: 2, continueOnError: true, signal: new AbortController().signal });
    expect(run).toMatchObject({ notRun: 0, budgetSpent: false });
  });

  it('under --max-failures, jobs still waiting to run count against the budget: no job begins that could overspend it', async () => {
    const begun: string[] = [];
    const run = await runBatch(
      refs,
      async (ref, slot) => {
        begun.push(ref.job);
        slot.release(); // waiting to run from here on
        await new Promise((r) => setTimeout(r, 10));
        const result = newResult(ref);
        result.outcome = ref.job === 'j1' || ref.job === 'j2' ? 'failed' : 'running';
        if (result.outcome === 'failed') result.failure = { code: 'LAUNCH', message: 'did not run' };
        return result;
      },
      { concurrency: 1, continueOnError: true, maxFailures: 2, signal: new AbortController().signal },
    );
    // j0 and j1 wait together (2 at risk); j2 begins once j0 ran; after j1 failed, j2 alone is at risk.
    expect(begun).toEqual(['j0', 'j1', 'j2']);
    expect(run.results.map((r) => r.outcome)).toEqual(['running', 'failed', 'failed', ...Array(7).fill('not-run')]);
  });
});

