import { describe, expect, it } from 'vitest';
import { didYouMeanPolicy, editDistance } from '../../../src/ha/did-you-mean.js';
import { POLICIES } from '../../../src/ha/policies.js';

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
