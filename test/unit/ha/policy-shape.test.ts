import { describe, expect, it } from 'vitest';
import { POLICIES, type Policy } from '../../../src/ha/policies.js';
import { hasDrCluster, livesOnPair, serverChecksConsistency, startsOnManagerOnly, startsOnTwoClusters } from '../../../src/ha/policy-shape.js';

describe('policy predicates', () => {
  // policy, two starts, server checks, DR, pair, manager only
  const table: Array<[Policy, boolean, boolean, boolean, boolean, boolean]> = [
    ['single', false, false, false, false, false],
    ['singleWithBak', false, false, true, false, false],
    ['double', true, true, false, true, false],
    ['doubleWithBak', true, true, true, true, false],
    ['managerSlave', false, true, false, true, true],
    ['managerSlaveWithBak', false, true, true, true, true],
  ];
  it('covers every policy', () => {
    expect(table.map(([p]) => p)).toEqual([...POLICIES]);
  });
  it.each(table)('%s', (policy, two, checked, dr, pair, managerOnly) => {
    expect(startsOnTwoClusters(policy)).toBe(two);
    expect(serverChecksConsistency(policy)).toBe(checked);
    expect(hasDrCluster(policy)).toBe(dr);
    expect(livesOnPair(policy)).toBe(pair);
    expect(startsOnManagerOnly(policy)).toBe(managerOnly);
  });
});
