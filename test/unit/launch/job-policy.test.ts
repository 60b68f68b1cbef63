import { describe, expect, it } from 'vitest';
import type { ClusterConfig } from '../../../src/config/load.js';
import { POLICIES, WITH_BAK_POLICIES, type Policy } from '../../../src/ha/policies.js';
import { relevantClusters, resolvePolicy } from '../../../src/launch/job-policy.js';

function cluster(name: string, role: ClusterConfig['role'], policies: Policy[] = role === 'dr' ? [...WITH_BAK_POLICIES] : [...POLICIES]): ClusterConfig {
  return { name, url: 'http://127.0.0.1:1', tokenUser: 'hadoop', tokenCode: 't', idc: name.slice(0, 2), role, policies, ca: undefined, maxUploadMB: 1024 };
}
const GZ = cluster('GZ_UAT', 'primary');
const TJ = cluster('TJ_UAT', 'backup');
const SH = cluster('SH_DR', 'dr');
const PAIRS: Array<[string, string]> = [['GZ_UAT', 'TJ_UAT']];

describe('resolvePolicy', () => {
  it.each([
    [[{ cluster: 'GZ_UAT', raw: 'double' }, { cluster: 'TJ_UAT', raw: 'double' }], 'double'],
    [[{ cluster: 'GZ_UAT', raw: null }], 'single'],
    // Not set and `single` mean the same to the server.
    [[{ cluster: 'GZ_UAT', raw: null }, { cluster: 'TJ_UAT', raw: 'single' }], 'single'],
  ])('%j -> %s', (reads, policy) => {
    expect(resolvePolicy('p1/j1', reads)).toEqual({ ok: true, policy });
  });

  it('reports a policy that differs between clusters as a consistency failure naming each', () => {
    const r = resolvePolicy('p1/j1', [{ cluster: 'GZ_UAT', raw: 'double' }, { cluster: 'TJ_UAT', raw: 'managerSlave' }, { cluster: 'SH_DR', raw: 'double' }]);
    expect(r).toMatchObject({ ok: false, failure: { code: 'CONSISTENCY', message: 'p1/j1 declares different HA policies: double on GZ_UAT, SH_DR; managerSlave on TJ_UAT: release the same package to every cluster' } });
  });

  it('refuses an unknown policy with a did-you-mean (exit 4)', () => {
    const r = resolvePolicy('p1/j1', [{ cluster: 'GZ_UAT', raw: 'Double' }]);
    expect(r).toMatchObject({ ok: false, raw: 'Double', failure: { code: 'HA_POLICY' } });
    expect(!r.ok && r.failure.message).toContain('"Double", which Streamis does not know (did you mean double?)');
  });
});

describe('relevantClusters', () => {
  const all = new Set(['GZ_UAT', 'TJ_UAT', 'SH_DR']);
  it.each([
    ['double', [GZ, TJ], all, { nonDr: ['GZ_UAT', 'TJ_UAT'], dr: [], others: [] }],
    ['double', [GZ, TJ, SH], new Set(['GZ_UAT', 'TJ_UAT']), { nonDr: ['GZ_UAT', 'TJ_UAT'], dr: [], others: ['SH_DR'] }],
    // Missing on TJ: still relevant, so the consistency check reports it missing.
    ['managerSlave', [GZ, TJ], new Set(['GZ_UAT']), { nonDr: ['GZ_UAT', 'TJ_UAT'], dr: [], others: [] }],
    ['doubleWithBak', [GZ, TJ, SH], all, { nonDr: ['GZ_UAT', 'TJ_UAT'], dr: ['SH_DR'], others: [] }],
    // No DR given: its materials are not compared here.
    ['doubleWithBak', [GZ, TJ], all, { nonDr: ['GZ_UAT', 'TJ_UAT'], dr: [], others: [] }],
    // single: the given non-DR cluster that has the job, so one job list serves every policy.
    ['single', [GZ, TJ], new Set(['TJ_UAT']), { nonDr: ['TJ_UAT'], dr: [], others: ['GZ_UAT'] }],
    ['singleWithBak', [GZ, TJ, SH], new Set(['GZ_UAT', 'SH_DR']), { nonDr: ['GZ_UAT'], dr: ['SH_DR'], others: ['TJ_UAT'] }],
  ] as const)('%s on %j', (policy, given, present, expected) => {
    expect(relevantClusters('p1/j1', policy, given, present, PAIRS)).toEqual({ ok: true, clusters: expected });
  });

  it('refuses a two-cluster policy given one cluster, or two that are not a pair (exit 4)', () => {
    const one = relevantClusters('p1/j1', 'double', [GZ], all, PAIRS);
    expect(one).toMatchObject({ ok: false, failure: { code: 'HA_POLICY' } });
    expect(!one.ok && one.failure.message).toContain('p1/j1 (double): double takes exactly two non-DR clusters that form a declared pair, got 1 (GZ_UAT)');
    const unpaired = relevantClusters('p1/j1', 'double', [GZ, TJ], all, []);
    expect(!unpaired.ok && unpaired.failure.message).toContain('GZ_UAT and TJ_UAT are not a pair');
  });

  it('refuses a single job found on both clusters of --clusters', () => {
    const r = relevantClusters('p1/j1', 'single', [GZ, TJ], all, PAIRS);
    expect(!r.ok && r.failure.message).toContain('single takes exactly one non-DR cluster, got 2 (GZ_UAT, TJ_UAT)');
  });

  it('refuses a cluster that does not accept the policy', () => {
    const narrow = cluster('TJ_UAT', 'backup', ['single', 'double']);
    const r = relevantClusters('p1/j1', 'managerSlave', [GZ, narrow], all, PAIRS);
    expect(!r.ok && r.failure.message).toContain('TJ_UAT does not accept policy managerSlave');
  });
});
