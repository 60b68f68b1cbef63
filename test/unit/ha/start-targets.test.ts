import { describe, expect, it } from 'vitest';
import type { Policy } from '../../../src/ha/policies.js';
import { startTargets, type ManagerFlags } from '../../../src/ha/start-targets.js';

const PAIR = ['GZ_UAT', 'TJ_UAT'];

describe('startTargets', () => {
  const started: Array<[Policy, string[], ManagerFlags | undefined, string[]]> = [
    ['single', ['GZ_UAT'], undefined, ['GZ_UAT']],
    ['singleWithBak', ['TJ_UAT'], undefined, ['TJ_UAT']],
    ['double', PAIR, undefined, PAIR],
    ['doubleWithBak', PAIR, { GZ_UAT: false, TJ_UAT: false }, PAIR],
    ['managerSlave', PAIR, { GZ_UAT: true, TJ_UAT: false }, ['GZ_UAT']],
    ['managerSlave', PAIR, { GZ_UAT: undefined, TJ_UAT: true }, ['TJ_UAT']],
    ['managerSlaveWithBak', PAIR, { GZ_UAT: false, TJ_UAT: true }, ['TJ_UAT']],
  ];
  it.each(started)('%s on %j with %j starts %j', (policy, nonDr, flags, expected) => {
    expect(startTargets(policy, nonDr, flags)).toEqual({ targets: expected });
  });

  it('refuses managerSlave when neither cluster is the manager, saying what each said', () => {
    expect(startTargets('managerSlave', PAIR, { GZ_UAT: false })).toEqual({
      refusal:
        "managerSlave starts only on the manager cluster, and none of GZ_UAT, TJ_UAT says it is the manager (GZ_UAT: whetherManager=false, TJ_UAT: not read): set wds.streamis.whether.manager.cluster=true on the manager cluster's Streamis, or check that getHAMsg answers",
    });
    expect(startTargets('managerSlaveWithBak', PAIR)).toHaveProperty('refusal', expect.stringContaining('GZ_UAT: not read, TJ_UAT: not read'));
  });

  it('refuses managerSlave when both clusters claim to be the manager', () => {
    expect(startTargets('managerSlaveWithBak', PAIR, { GZ_UAT: true, TJ_UAT: true })).toEqual({
      refusal:
        "managerSlaveWithBak starts only on the manager cluster, but GZ_UAT and TJ_UAT both say they are (GZ_UAT: whetherManager=true, TJ_UAT: whetherManager=true): set wds.streamis.whether.manager.cluster=false on the slave cluster's Streamis",
    });
  });

  it('refuses a target count that does not fit the policy', () => {
    expect(startTargets('single', PAIR)).toEqual({ refusal: 'single starts on one non-DR cluster, got 2 (GZ_UAT, TJ_UAT)' });
    expect(startTargets('double', ['GZ_UAT'])).toEqual({ refusal: 'double starts on a pair of non-DR clusters, got 1 (GZ_UAT)' });
    expect(startTargets('managerSlave', [])).toEqual({ refusal: 'managerSlave starts on a pair of non-DR clusters, got 0' });
  });

  it('returns a copy, not the caller array', () => {
    const nonDr = [...PAIR];
    const result = startTargets('double', nonDr);
    expect('targets' in result && result.targets).not.toBe(nonDr);
  });
});
