import { describe, expect, it } from 'vitest';
import { acceptedMissingVerdict, readAcceptedMissing } from '../../../src/consistency/accepted-missing.js';

const source = (fields: Record<string, unknown>) => JSON.stringify({ source: 'aomp', isHighAvailable: false, ...fields });
const good = source({ md5: 'abc', deployUser: 'alice', pkgName: 'j1.zip' });
const accepted = { missing: 'GZ_UAT', reason: 'GZ_UAT down; "INC-1" \\ ok', acceptedBy: 'ops' };

describe('acceptedMissingVerdict', () => {
  it('writes true to the answering cluster, with a message naming the missing cluster, the reason and who accepted it', () => {
    const v = acceptedMissingVerdict('managerSlave', accepted, [{ cluster: 'TJ_UAT', present: true, source: good }]);
    expect(v.outcome).toBe('consistent');
    expect(v.clusters).toEqual({ TJ_UAT: 'accepted' });
    expect(v.writes).toEqual([{ cluster: 'TJ_UAT', highAvailable: true, highAvailableMessage: v.message }]);
    expect(v.message).toBe(
      '一致性检查通过（缺少集群）/ accepted with GZ_UAT missing: reason "GZ_UAT down; \\"INC-1\\" \\\\ ok"; accepted by "ops"; md5 abc, deployUser alice, pkgName j1.zip on TJ_UAT; run stms check on both clusters once GZ_UAT answers',
    );
    expect(readAcceptedMissing(v.message)).toEqual(accepted);
  });

  it('writes nothing when the answering clusters cannot vouch for their materials', () => {
    const unreadable = acceptedMissingVerdict('double', accepted, [{ cluster: 'TJ_UAT', present: true, source: null }]);
    expect(unreadable).toMatchObject({ outcome: 'inconsistent', writes: [] });
    expect(unreadable.message).toBe('not accepted without GZ_UAT: TJ_UAT: the version has no source record (uploaded from the web page or by another tool)');
    const noMd5 = acceptedMissingVerdict('double', accepted, [{ cluster: 'TJ_UAT', present: true, source: source({ deployUser: 'alice', pkgName: 'j1.zip' }) }]);
    expect(noMd5.message).toBe('not accepted without GZ_UAT: md5 is absent from the source on TJ_UAT');
    const differ = acceptedMissingVerdict('doubleWithBak', accepted, [
      { cluster: 'TJ_UAT', present: true, source: good },
      { cluster: 'SH_DR', present: true, source: source({ md5: 'def', deployUser: 'alice', pkgName: 'j1.zip' }) },
    ]);
    expect(differ).toMatchObject({ outcome: 'inconsistent', writes: [], message: 'not accepted without GZ_UAT: md5 differs (TJ_UAT: abc, SH_DR: def)' });
    const absent = acceptedMissingVerdict('double', accepted, [{ cluster: 'TJ_UAT', present: false, source: undefined }]);
    expect(absent).toMatchObject({ outcome: 'missing', writes: [] });
  });

  it('has nothing to accept for a single-cluster policy', () => {
    expect(acceptedMissingVerdict('single', accepted, [{ cluster: 'TJ_UAT', present: true, source: good }])).toMatchObject({ outcome: 'skipped', writes: [] });
  });

  it('reads back only its own messages', () => {
    expect(readAcceptedMissing('一致性检查通过 / consistent: md5 abc')).toBeUndefined();
    expect(readAcceptedMissing(null)).toBeUndefined();
    expect(readAcceptedMissing('一致性检查通过（缺少集群）/ accepted with GZ_UAT missing: reason "unterminated')).toBeUndefined();
  });
});
