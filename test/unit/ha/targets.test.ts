import { describe, expect, it } from 'vitest';
import { POLICIES, WITH_BAK_POLICIES, type Policy } from '../../../src/ha/policies.js';
import { checkPolicyTargets, isPair, partnersOf, type TargetCluster } from '../../../src/ha/targets.js';

const ALL = [...POLICIES];
const GZ: TargetCluster = { name: 'GZ_UAT', role: 'primary', policies: ALL };
const TJ: TargetCluster = { name: 'TJ_UAT', role: 'backup', policies: ALL };
const SZ: TargetCluster = { name: 'SZ_UAT', role: 'primary', policies: ALL };
const SH: TargetCluster = { name: 'SH_DR', role: 'dr', policies: [...WITH_BAK_POLICIES] };
const BJ: TargetCluster = { name: 'BJ_DR', role: 'dr', policies: [...WITH_BAK_POLICIES] };
const PAIRS: Array<[string, string]> = [['GZ_UAT', 'TJ_UAT']];

const names = (cs: readonly TargetCluster[]) => cs.map((c) => c.name);
const codes = (policy: Policy, targets: TargetCluster[], pairs = PAIRS) => {
  const result = checkPolicyTargets(policy, targets, pairs);
  return result.ok ? [] : result.problems.map((p) => p.code);
};

describe('checkPolicyTargets: the docs/concepts.md table', () => {
  const accepted: Array<[Policy, TargetCluster[], string[], string[]]> = [
    ['single', [GZ], ['GZ_UAT'], []],
    ['single', [TJ], ['TJ_UAT'], []],
    ['singleWithBak', [GZ, SH], ['GZ_UAT'], ['SH_DR']],
    ['singleWithBak', [SH, GZ], ['GZ_UAT'], ['SH_DR']],
    ['double', [GZ, TJ], ['GZ_UAT', 'TJ_UAT'], []],
    ['double', [TJ, GZ], ['TJ_UAT', 'GZ_UAT'], []],
    ['doubleWithBak', [GZ, TJ, SH], ['GZ_UAT', 'TJ_UAT'], ['SH_DR']],
    ['managerSlave', [GZ, TJ], ['GZ_UAT', 'TJ_UAT'], []],
    ['managerSlaveWithBak', [SH, TJ, GZ], ['TJ_UAT', 'GZ_UAT'], ['SH_DR']],
  ];
  it.each(accepted)('%s accepts %#', (policy, targets, nonDr, dr) => {
    const result = checkPolicyTargets(policy, targets, PAIRS);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(names(result.nonDr)).toEqual(nonDr);
    expect(names(result.dr)).toEqual(dr);
  });

  const refused: Array<[Policy, TargetCluster[], string[]]> = [
    ['single', [], ['NON_DR_COUNT']],
    ['single', [GZ, TJ], ['NON_DR_COUNT']],
    ['single', [GZ, SH], ['DR_NOT_ALLOWED']],
    ['single', [SH], ['DR_NOT_ALLOWED', 'NON_DR_COUNT']],
    ['singleWithBak', [GZ], ['DR_COUNT']],
    ['singleWithBak', [GZ, SH, BJ], ['DR_COUNT']],
    ['singleWithBak', [GZ, TJ, SH], ['NON_DR_COUNT']],
    ['double', [GZ], ['NON_DR_COUNT']],
    ['double', [GZ, TJ, SZ], ['NON_DR_COUNT']],
    ['double', [GZ, SZ], ['NOT_A_PAIR']],
    ['double', [GZ, TJ, SH], ['DR_NOT_ALLOWED']],
    ['doubleWithBak', [GZ, TJ], ['DR_COUNT']],
    ['doubleWithBak', [GZ, SZ, SH], ['NOT_A_PAIR']],
    ['doubleWithBak', [GZ, SH], ['NON_DR_COUNT']],
    ['managerSlave', [GZ, SH], ['DR_NOT_ALLOWED', 'NON_DR_COUNT']],
    ['managerSlave', [SZ, TJ], ['NOT_A_PAIR']],
    ['managerSlaveWithBak', [GZ, TJ, SH, BJ], ['DR_COUNT']],
    ['managerSlaveWithBak', [GZ, TJ], ['DR_COUNT']],
    ['single', [GZ, GZ], ['DUPLICATE_TARGET']],
    ['double', [GZ, TJ, TJ], ['DUPLICATE_TARGET']],
  ];
  it.each(refused)('%s refuses %# with %j', (policy, targets, expected) => {
    expect(codes(policy, targets)).toEqual(expected);
  });

  it('needs a declared pair even with no pairs at all', () => {
    expect(codes('double', [GZ, TJ], [])).toEqual(['NOT_A_PAIR']);
  });

  it('refuses a cluster that does not list the policy, naming the config path to change', () => {
    const narrow: TargetCluster = { ...TJ, policies: ['single', 'singleWithBak'] };
    const result = checkPolicyTargets('double', [GZ, narrow], PAIRS);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        code: 'POLICY_NOT_ACCEPTED',
        cluster: 'TJ_UAT',
        message: 'TJ_UAT does not accept policy double (it accepts: single, singleWithBak): add double to clusters.TJ_UAT.policies in the config, or target another cluster',
      },
    ]);
  });

  it('says which DR cluster to drop and which policies may target it', () => {
    const result = checkPolicyTargets('double', [GZ, TJ, SH], PAIRS);
    expect(result.ok ? [] : result.problems[0]?.message).toBe(
      'SH_DR is a DR cluster; only singleWithBak, doubleWithBak, managerSlaveWithBak may target it: drop SH_DR from --clusters or change the policy',
    );
  });

  it('quotes the targets and the declared pairs when they are not a pair', () => {
    const result = checkPolicyTargets('double', [GZ, SZ], PAIRS);
    expect(result.ok ? '' : result.problems[0]?.message).toBe(
      'double needs two clusters that form a declared pair; GZ_UAT and SZ_UAT are not a pair: pairs: [[GZ_UAT, TJ_UAT]]; target a declared pair, or declare [GZ_UAT, SZ_UAT] under pairs in the config',
    );
  });

  it('counts and names the clusters when the count is wrong', () => {
    const tooMany = checkPolicyTargets('single', [GZ, TJ], PAIRS);
    expect(tooMany.ok ? '' : tooMany.problems[0]?.message).toBe('single takes exactly one non-DR cluster, got 2 (GZ_UAT, TJ_UAT): drop 1 non-DR cluster from --clusters or change the policy');
    const tooFew = checkPolicyTargets('doubleWithBak', [GZ, TJ], PAIRS);
    expect(tooFew.ok ? '' : tooFew.problems[0]?.message).toBe('doubleWithBak takes exactly one DR cluster, got 0: add a DR (role: dr) cluster to --clusters or change the policy');
    const none = checkPolicyTargets('double', [], PAIRS);
    expect(none.ok ? '' : none.problems[0]?.message).toBe('double takes exactly two non-DR clusters that form a declared pair, got 0: add 2 non-DR clusters to --clusters or change the policy');
    const twoDr = checkPolicyTargets('singleWithBak', [GZ, SH, BJ], PAIRS);
    expect(twoDr.ok ? '' : twoDr.problems[0]?.message).toBe('singleWithBak takes exactly one DR cluster, got 2 (SH_DR, BJ_DR): drop 1 DR (role: dr) cluster from --clusters or change the policy');
  });
});

describe('pairs', () => {
  it('matches a pair in either order and finds partners', () => {
    expect(isPair('GZ_UAT', 'TJ_UAT', PAIRS)).toBe(true);
    expect(isPair('TJ_UAT', 'GZ_UAT', PAIRS)).toBe(true);
    expect(isPair('GZ_UAT', 'SZ_UAT', PAIRS)).toBe(false);
    expect(partnersOf('TJ_UAT', PAIRS)).toEqual(['GZ_UAT']);
    expect(partnersOf('GZ_UAT', [...PAIRS, ['SZ_UAT', 'GZ_UAT']])).toEqual(['TJ_UAT', 'SZ_UAT']);
    expect(partnersOf('SH_DR', PAIRS)).toEqual([]);
  });
});
