import { describe, expect, it } from 'vitest';
import { consistencyVerdict, type ClusterSource } from '../../../src/consistency/verdict.js';
import type { Policy } from '../../../src/ha/policies.js';

const MD5 = '9e107d9d372bb6826bd81d3542a419d6';
const TOKEN = 'streamis0.3.8';
const src = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ pkgName: 'p1-j1.zip', deployUser: 'alexyang', createTime: '2026-11-21 10:35:12', source: 'aomp', isHighAvailable: false, token: TOKEN, md5: MD5, ...extra });
const on = (cluster: string, source: string | null | undefined = src()): ClusterSource => ({ cluster, present: true, source });
const off = (cluster: string): ClusterSource => ({ cluster, present: false, source: undefined });

describe('consistencyVerdict: which policies are checked', () => {
  const table: Array<[Policy, string]> = [
    ['single', 'skipped'],
    ['singleWithBak', 'skipped'],
    ['double', 'consistent'],
    ['doubleWithBak', 'consistent'],
    ['managerSlave', 'consistent'],
    ['managerSlaveWithBak', 'consistent'],
  ];
  it.each(table)('%s -> %s', (policy, outcome) => {
    const v = consistencyVerdict(policy, [on('GZ_UAT'), on('TJ_UAT')]);
    expect(v.outcome).toBe(outcome);
  });

  it('skips single-cluster policies without writing, even with differing sources', () => {
    const v = consistencyVerdict('singleWithBak', [on('GZ_UAT'), on('SH_DR', src({ md5: 'other' }))]);
    expect(v).toEqual({
      outcome: 'skipped',
      clusters: { GZ_UAT: 'skipped', SH_DR: 'skipped' },
      differences: [],
      unreadable: {},
      message: 'singleWithBak is a single-cluster policy: the server skips the consistency check, and so does stms',
      writes: [],
    });
  });
});

describe('consistencyVerdict: the verdict', () => {
  it('writes true everywhere when md5, deployUser and pkgName agree, saying what was compared', () => {
    const v = consistencyVerdict('doubleWithBak', [on('GZ_UAT'), on('TJ_UAT', src({ createTime: 'later', isHighAvailable: true })), on('SH_DR')]);
    const message = `一致性检查通过 / consistent: md5 ${MD5}, deployUser alexyang, pkgName p1-j1.zip are the same on GZ_UAT, TJ_UAT, SH_DR`;
    expect(v.outcome).toBe('consistent');
    expect(v.clusters).toEqual({ GZ_UAT: 'consistent', TJ_UAT: 'consistent', SH_DR: 'consistent' });
    expect(v.differences).toEqual([]);
    expect(v.message).toBe(message);
    expect(v.writes).toEqual(['GZ_UAT', 'TJ_UAT', 'SH_DR'].map((cluster) => ({ cluster, highAvailable: true, highAvailableMessage: message })));
  });

  const differing: Array<[string, Record<string, unknown>, string]> = [
    ['md5', { md5: 'ffff' }, `md5 differs (GZ_UAT: ${MD5}, TJ_UAT: ffff)`],
    ['deployUser', { deployUser: 'bob' }, 'deployUser differs (GZ_UAT: alexyang, TJ_UAT: bob)'],
    ['pkgName', { pkgName: 'p1-j1-v2.zip' }, 'pkgName differs (GZ_UAT: p1-j1.zip, TJ_UAT: p1-j1-v2.zip)'],
    ['md5 absent on one', { md5: undefined }, `md5 differs (GZ_UAT: ${MD5}, TJ_UAT: absent)`],
    ['md5 as a number after a Gson round trip', { md5: 12 }, `md5 differs (GZ_UAT: ${MD5}, TJ_UAT: 12)`],
  ];
  it.each(differing)('writes false when %s differs, naming the values per cluster', (field, extra, reason) => {
    const v = consistencyVerdict('double', [on('GZ_UAT'), on('TJ_UAT', src(extra))]);
    expect(v.outcome).toBe('inconsistent');
    expect(v.clusters).toEqual({ GZ_UAT: 'inconsistent', TJ_UAT: 'inconsistent' });
    expect(v.message).toBe(`一致性检查不通过 / inconsistent: ${reason}`);
    expect(v.differences.map((d) => d.field)).toEqual([field.split(' ')[0]]);
    expect(v.writes).toEqual([
      { cluster: 'GZ_UAT', highAvailable: false, highAvailableMessage: v.message },
      { cluster: 'TJ_UAT', highAvailable: false, highAvailableMessage: v.message },
    ]);
  });

  it('lists every differing field with its values', () => {
    const v = consistencyVerdict('managerSlave', [on('GZ_UAT'), on('TJ_UAT', src({ md5: 'ffff', deployUser: 'bob' }))]);
    expect(v.differences).toEqual([
      { field: 'md5', values: { GZ_UAT: MD5, TJ_UAT: 'ffff' } },
      { field: 'deployUser', values: { GZ_UAT: 'alexyang', TJ_UAT: 'bob' } },
    ]);
    expect(v.message).toBe(`一致性检查不通过 / inconsistent: md5 differs (GZ_UAT: ${MD5}, TJ_UAT: ffff); deployUser differs (GZ_UAT: alexyang, TJ_UAT: bob)`);
  });

  it('does not take equal absence for agreement', () => {
    const v = consistencyVerdict('double', [on('GZ_UAT', src({ md5: undefined })), on('TJ_UAT', src({ md5: undefined }))]);
    expect(v.outcome).toBe('inconsistent');
    expect(v.message).toBe('一致性检查不通过 / inconsistent: md5 is absent from the source on GZ_UAT, TJ_UAT');
    expect(v.differences).toEqual([{ field: 'md5', values: { GZ_UAT: null, TJ_UAT: null } }]);
  });

  const unreadable: Array<[string, string | null | undefined, string]> = [
    ['null (web page upload)', null, 'no source record'],
    ['undefined', undefined, 'no source record'],
    ['update args', 'update args', 'edited on the web page'],
    ['not JSON', '{oops', 'not JSON'],
    ['a JSON array', '[1,2]', 'not an object'],
  ];
  it.each(unreadable)('a %s source is a mismatch with its reason', (_, source, reason) => {
    const v = consistencyVerdict('double', [on('GZ_UAT'), { cluster: 'TJ_UAT', present: true, source }]);
    expect(v.outcome).toBe('inconsistent');
    expect(v.unreadable.TJ_UAT).toContain(reason);
    expect(v.message).toMatch(new RegExp(`^一致性检查不通过 / inconsistent: TJ_UAT: .*${reason}`));
    // The unreadable side is explained once, not once per field.
    expect(v.message).not.toContain('differs');
    expect(v.differences.map((d) => d.values.TJ_UAT)).toEqual([null, null, null]);
    expect(v.writes.map((w) => w.highAvailable)).toEqual([false, false]);
  });

  it('reports a job missing on a target, writing false where it exists', () => {
    const v = consistencyVerdict('doubleWithBak', [on('GZ_UAT'), on('TJ_UAT'), off('SH_DR')]);
    expect(v.outcome).toBe('missing');
    expect(v.clusters).toEqual({ GZ_UAT: 'inconsistent', TJ_UAT: 'inconsistent', SH_DR: 'missing' });
    expect(v.message).toBe('一致性检查不通过 / inconsistent: the job is missing on SH_DR: release it there first');
    expect(v.writes.map((w) => [w.cluster, w.highAvailable])).toEqual([
      ['GZ_UAT', false],
      ['TJ_UAT', false],
    ]);
  });

  it('reports a job missing everywhere without writing anything', () => {
    const v = consistencyVerdict('double', [off('GZ_UAT'), off('TJ_UAT')]);
    expect(v.outcome).toBe('missing');
    expect(v.clusters).toEqual({ GZ_UAT: 'missing', TJ_UAT: 'missing' });
    expect(v.writes).toEqual([]);
  });

  it('refuses to judge a two-cluster job from one cluster and leaves earlier verdicts alone', () => {
    const v = consistencyVerdict('double', [on('GZ_UAT')]);
    expect(v.outcome).toBe('inconsistent');
    expect(v.message).toBe('一致性检查不通过 / inconsistent: double runs on two clusters, but only GZ_UAT was checked: pass both with --clusters');
    expect(v.writes).toEqual([]);
  });

  it('never puts the token in a message', () => {
    const cases = [
      consistencyVerdict('double', [on('GZ_UAT'), on('TJ_UAT')]),
      consistencyVerdict('double', [on('GZ_UAT'), on('TJ_UAT', src({ md5: 'x', token: 'other-token' }))]),
    ];
    for (const v of cases) expect(JSON.stringify(v)).not.toContain(TOKEN);
  });
});
