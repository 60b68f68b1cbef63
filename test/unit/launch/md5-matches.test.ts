import { describe, expect, it } from 'vitest';
import { md5Matches, policyLabel } from '../../../src/launch/md5-matches.js';

describe('md5Matches', () => {
  it.each([
    [{ A: 'x', B: 'x' }, { A: true, B: true }],
    [{ A: 'x', B: 'y' }, { A: false, B: false }],
    [{ A: 'x', B: 'x', C: 'y' }, { A: false, B: false, C: false }],
    [{ A: 'x', B: null }, { A: false, B: false }],
    [{ A: null }, { A: false }],
    [{ A: 'x' }, { A: true }],
  ] as const)('%j -> %j', (md5s, expected) => {
    expect(Object.fromEntries(md5Matches(new Map(Object.entries(md5s))))).toEqual(expected);
  });
});

describe('policyLabel', () => {
  it.each([
    [[], null],
    [['double', 'double'], 'double'],
    [[null, 'single'], 'single'],
    [['double', 'single'], 'double|single'],
  ] as const)('%j -> %j', (raws, label) => {
    expect(policyLabel(raws)).toBe(label);
  });
});
