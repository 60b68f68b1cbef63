import { describe, expect, it } from 'vitest';
import { didYouMeanPolicy, POLICIES } from '../../../src/ha/policies.js';
import { closest, didYouMean, editDistance } from '../../../src/util/did-you-mean.js';

describe('didYouMeanPolicy', () => {
  const table: Array<[string, string | undefined]> = [
    ['Double', 'double'],
    ['DOUBLE', 'double'],
    ['managerslave', 'managerSlave'],
    ['ManagerSlaveWithBak', 'managerSlaveWithBak'],
    ['manager-slave', 'managerSlave'],
    ['double_with_bak', 'doubleWithBak'],
    ['single with bak', 'singleWithBak'],
    ['singel', 'single'],
    ['dobule', 'double'],
    ['managerSalve', 'managerSlave'],
    ['doubleWithBack', 'doubleWithBak'],
    ['singleWitBak', 'singleWithBak'],
    ['triple', undefined],
    ['active', undefined],
    ['', undefined],
    ['   ', undefined],
    ['x', undefined],
  ];
  it.each(table)('%j -> %j', (text, expected) => {
    expect(didYouMeanPolicy(text)).toBe(expected);
  });
  it.each([...POLICIES])('suggests nothing for the exact %s', (policy) => {
    expect(didYouMeanPolicy(policy)).toBeUndefined();
  });
});

describe('editDistance', () => {
  const table: Array<[string, string, number]> = [
    ['', '', 0],
    ['abc', '', 3],
    ['', 'ab', 2],
    ['single', 'single', 0],
    ['singel', 'single', 1],
    ['kitten', 'sitting', 3],
    ['double', 'dobule', 1],
  ];
  it.each(table)('%j vs %j = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('closest, with the default normaliser (case only)', () => {
  it.each([
    ['jobname', ['jobName', 'jobType'], 'jobName'],
    ['flink.Jar', ['flink.sql', 'flink.jar'], 'flink.jar'],
    ['jobTpye', ['jobName', 'jobType'], 'jobType'],
    ['jobType', ['jobName', 'jobType'], undefined],
    ['zzz', ['jobName', 'jobType'], undefined],
  ] as Array<[string, string[], string | undefined]>)('%j among %j -> %j', (text, candidates, expected) => {
    expect(closest(text, candidates)).toBe(expected);
  });

  it('does not forgive separators unless told to: that is the policies\' normaliser', () => {
    const separated = 'm-a-n-a-g-e-r-slave';
    expect(closest(separated, POLICIES)).toBeUndefined();
    expect(didYouMeanPolicy(separated)).toBe('managerSlave');
  });

  it('ends a message with the guess, or with nothing', () => {
    expect(didYouMean('jobname', ['jobName'])).toBe(' Did you mean "jobName"?');
    expect(didYouMean('other', ['jobName'])).toBe('');
  });
});
