import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { parseJobRef } from '../../../src/launch/job-ref.js';

describe('parseJobRef', () => {
  it.each([
    ['p1/j1', { project: 'p1', job: 'j1' }],
    [' p1/j1 ', { project: 'p1', job: 'j1' }],
    ['proj_a.b/job.2', { project: 'proj_a.b', job: 'job.2' }],
  ])('%j -> %j', (text, expected) => {
    expect(parseJobRef(text)).toEqual(expected);
  });

  it.each([
    ['j1', 'is not a job: write it as project/job'],
    ['p1/', 'is not a job'],
    ['/j1', 'is not a job'],
    ['p1/j1/x', 'is not a job'],
    ['p1/j-1', 'the job name "j-1" has characters other than letters'],
    ['p 1/j1', 'the project name "p 1" has characters'],
  ])('%j is a usage error', (text, message) => {
    let error: unknown;
    try {
      parseJobRef(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(message);
  });
});
