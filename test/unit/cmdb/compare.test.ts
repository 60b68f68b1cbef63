import { describe, expect, it } from 'vitest';
import type { CmdbRecord } from '../../../src/cmdb/types.js';
import { compareCmdb, type CmdbApp } from '../../../src/cmdb/compare.js';

const APP: CmdbApp = { projectName: 'p1', jobName: 'j1', policy: 'double' };
const RECORD: CmdbRecord = { projectName: 'p1', jobName: 'j1', haPolicy: 'double', clusters: ['GZ_UAT', 'TJ_UAT'], subsystem: '5632', owner: 'alexyang' };
const TARGETS = ['GZ_UAT', 'TJ_UAT'];

describe('compareCmdb', () => {
  const table: Array<[string, CmdbRecord | undefined, string[], string[]]> = [
    ['matching record', RECORD, TARGETS, []],
    ['targets in another order', RECORD, ['TJ_UAT', 'GZ_UAT'], []],
    ['record without clusters', { ...RECORD, clusters: undefined }, ['GZ_UAT', 'SZ_UAT'], []],
    ['record with an empty cluster list', { ...RECORD, clusters: [] }, ['GZ_UAT'], []],
    ['not registered', undefined, TARGETS, ['CMDB_NOT_REGISTERED']],
    ['other policy', { ...RECORD, haPolicy: 'single' }, TARGETS, ['CMDB_POLICY_DIFFERS']],
    ['policy case differs', { ...RECORD, haPolicy: 'Double' }, TARGETS, ['CMDB_POLICY_DIFFERS']],
    ['a cluster missing', RECORD, ['GZ_UAT'], ['CMDB_CLUSTERS_DIFFER']],
    ['an extra cluster', RECORD, ['GZ_UAT', 'TJ_UAT', 'SH_DR'], ['CMDB_CLUSTERS_DIFFER']],
    ['policy and clusters', { ...RECORD, haPolicy: 'single' }, ['GZ_UAT'], ['CMDB_POLICY_DIFFERS', 'CMDB_CLUSTERS_DIFFER']],
  ];
  it.each(table)('%s', (_, record, targets, codes) => {
    expect(compareCmdb(record, APP, targets).map((p) => p.code)).toEqual(codes);
  });

  it('says how to register a missing app, naming the backend', () => {
    expect(compareCmdb(undefined, APP, TARGETS, './cmdb.json')[0]?.message).toBe(
      'p1/j1 is not registered in the CMDB (./cmdb.json): register the app (subsystem, owner, haPolicy double, clusters GZ_UAT, TJ_UAT) before releasing',
    );
  });

  it('quotes both policies', () => {
    expect(compareCmdb({ ...RECORD, haPolicy: 'managerSlave' }, APP, TARGETS)[0]?.message).toBe(
      'the CMDB registers p1/j1 with haPolicy "managerSlave" but the package declares "double": update the CMDB record, or change wds.streamis.app.highavailable.policy in meta.json',
    );
  });

  it('names the missing and the extra clusters', () => {
    expect(compareCmdb(RECORD, APP, ['GZ_UAT', 'SZ_UAT'])[0]?.message).toBe(
      'the CMDB registers p1/j1 on GZ_UAT, TJ_UAT but --clusters targets GZ_UAT, SZ_UAT (missing from --clusters: TJ_UAT; not registered: SZ_UAT): change --clusters, or update the CMDB record',
    );
    expect(compareCmdb(RECORD, APP, [])[0]?.message).toContain('--clusters targets none (missing from --clusters: GZ_UAT, TJ_UAT)');
  });
});
