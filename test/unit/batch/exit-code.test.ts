import { describe, expect, it } from 'vitest';
import { batchVerdict } from '../../../src/batch/exit-code.js';
import { exitStatusOf, type ErrorCode } from '../../../src/errors.js';
import { newResult, type JobResult } from '../../../src/launch/types.js';

function job(name: string, code?: ErrorCode, outcome = code ? 'failed' : 'running'): JobResult {
  const r = newResult({ project: 'p1', job: name });
  r.outcome = outcome;
  if (code) r.failure = { code, message: `${name}: ${code}` };
  return r;
}

describe('batchVerdict', () => {
  const facts = (results: JobResult[], list: boolean, continueOnError: boolean, interrupted = false) => ({
    results,
    firstFailure: results.find((r) => r.failure),
    list,
    continueOnError,
    interrupted,
  });

  it.each([
    ['one job that ran', [job('a')], false, false, 0, undefined],
    ['one job refused by its policy', [job('a', 'HA_POLICY')], false, false, 4, 'HA_POLICY'],
    ['one job whose clusters differ', [job('a', 'CONSISTENCY')], false, false, 6, 'CONSISTENCY'],
    ['one job that did not run', [job('a', 'LAUNCH')], false, false, 7, 'LAUNCH'],
    ['one job with --continue-on-error keeps its own code', [job('a', 'REMOTE')], false, true, 5, 'REMOTE'],
    ['a list that all ran', [job('a'), job('b')], true, false, 0, undefined],
    ['a list with --continue-on-error and failures', [job('a'), job('b', 'LAUNCH'), job('c', 'CONSISTENCY')], true, true, 8, 'BATCH'],
    ['a list stopped at its first failure', [job('a'), job('b', 'CONSISTENCY'), job('c', undefined, 'not-run')], true, false, 6, 'CONSISTENCY'],
  ] as const)('%s -> exit %d', (_what, results, list, continueOnError, exitCode, code) => {
    const verdict = batchVerdict(facts([...results], list, continueOnError));
    expect(exitStatusOf(verdict.error?.code)).toBe(exitCode);
    expect(verdict.error?.code).toBe(code);
  });

  it('names the failed jobs of a --continue-on-error list, five at most', () => {
    const results = Array.from({ length: 8 }, (_, i) => job(`j${i}`, 'LAUNCH'));
    expect(batchVerdict(facts(results, true, true)).error?.message).toBe('8 of 8 jobs failed: p1/j0, p1/j1, p1/j2, p1/j3, p1/j4 and 3 more');
  });

  it('says the batch stopped and how many jobs did not run', () => {
    const v = batchVerdict(facts([job('a', 'LAUNCH'), job('b', undefined, 'not-run'), job('c', undefined, 'not-run')], true, false));
    expect(v.error?.message).toBe('a: LAUNCH; the batch stopped there: 2 jobs not run (--continue-on-error tries every job)');
  });

  it('carries the details of the failure that decided, as the error of a command does', () => {
    const failed = job('a', 'HA_POLICY');
    failed.failure = { code: 'HA_POLICY', message: 'm', details: { problems: [{ code: 'PAIR' }] } };
    expect(batchVerdict(facts([failed], false, false)).error).toEqual({ code: 'HA_POLICY', message: 'm', details: { problems: [{ code: 'PAIR' }] } });
    expect(batchVerdict(facts([failed, job('b', undefined, 'not-run')], true, false)).error?.details).toEqual({ problems: [{ code: 'PAIR' }] });
    expect(batchVerdict(facts([job('c', 'LAUNCH')], false, false)).error).not.toHaveProperty('details');
  });

  it('Ctrl-C wins: exit 130', () => {
    expect(batchVerdict(facts([job('a'), job('b', undefined, 'not-run')], true, true, true))).toMatchObject({ error: { code: 'INTERRUPTED' } });
    expect(batchVerdict(facts([job('a', 'LAUNCH'), job('b', 'INTERRUPTED')], true, true)).error?.code).toBe('INTERRUPTED');
  });

  it('a list with --max-failures ends BATCH (exit 8), saying the budget stopped it', () => {
    const results = [job('a', 'LAUNCH'), job('b'), job('c', 'LAUNCH'), job('d', undefined, 'not-run')];
    const verdict = batchVerdict({ ...facts(results, true, false), maxFailures: 2 });
    expect(exitStatusOf(verdict.error?.code)).toBe(8);
    expect(verdict.error?.message).toBe('2 of 4 jobs failed: p1/a, p1/c; --max-failures 2 was reached: 1 job not run');
    // Under the budget, every job was tried: still 8, nothing said of a budget.
    const under = batchVerdict({ ...facts([job('a', 'LAUNCH'), job('b')], true, false), maxFailures: 3 });
    expect(under.error).toEqual({ code: 'BATCH', message: '1 of 2 jobs failed: p1/a' });
  });
});
