import { describe, expect, it } from 'vitest';
import {
  clustersToResume,
  isReleaseId,
  newJournal,
  newReleaseId,
  recordOutcome,
  ReleaseJournalSchema,
  summarize,
  type ClusterOutcome,
  type NewJournal,
  type ReleaseJournal,
} from '../../../src/release/journal-model.js';

const T0 = new Date('2026-11-21T10:35:12.345Z');
const T1 = new Date('2026-11-21T10:36:00.000Z');

const base = (): NewJournal => ({
  releaseId: '20261121-103512-ab12cd',
  createdAt: T0,
  package: { path: '/work/p1-j1.zip', md5: 'abc', name: 'p1-j1.zip' },
  policy: 'doubleWithBak',
  project: 'p1',
  job: 'j1',
  targets: ['GZ_UAT', 'TJ_UAT', 'SH_DR'],
  deployUser: 'alexyang',
});
const journal = (): ReleaseJournal => newJournal(base());

describe('newReleaseId', () => {
  it('is UTC date, time and the given suffix', () => {
    expect(newReleaseId(T0, 'ab12cd')).toBe('20261121-103512-ab12cd');
    expect(newReleaseId(new Date('2027-01-02T03:04:05Z'), '0000')).toBe('20270102-030405-0000');
  });
  it('sorts by time', () => {
    const ids = [newReleaseId(T1, 'aaaa'), newReleaseId(T0, 'zzzz'), newReleaseId(new Date('2026-12-01T00:00:00Z'), 'mmmm')];
    expect([...ids].sort()).toEqual([ids[1], ids[0], ids[2]]);
  });
  it.each(['', 'abc', 'AB12', 'ab-12', 'a'.repeat(17)])('refuses the suffix %j', (suffix) => {
    expect(() => newReleaseId(T0, suffix)).toThrow(RangeError);
  });
  const ids: Array<[string, boolean]> = [
    ['20261121-103512-ab12cd', true],
    ['20261121-103512-ab1', false],
    ['../../etc/passwd', false],
    ['20261121-103512-ab12cd.json', false],
    ['2026112-103512-ab12cd', false],
  ];
  it.each(ids)('isReleaseId(%j) = %s', (id, ok) => {
    expect(isReleaseId(id)).toBe(ok);
  });
});

describe('journal transitions', () => {
  it('starts with every target pending and validates against its schema', () => {
    const j = journal();
    expect(j.createdAt).toBe('2026-11-21T10:35:12.345Z');
    expect(Object.values(j.clusters).map((c) => c.outcome)).toEqual(['pending', 'pending', 'pending']);
    expect(ReleaseJournalSchema.parse(JSON.parse(JSON.stringify(j)))).toEqual(j);
    expect(clustersToResume(j)).toEqual(['GZ_UAT', 'TJ_UAT', 'SH_DR']);
  });

  it('records the change it ran under; a journal of an stms before change control still reads', () => {
    const changed = newJournal({ ...base(), change: { changeId: 'CHG-1', overrideReason: 'incident 42', outsideWindow: 'inside the freeze …' } });
    expect(changed).toMatchObject({ changeId: 'CHG-1', overrideReason: 'incident 42', outsideWindow: 'inside the freeze …' });
    expect(ReleaseJournalSchema.parse(JSON.parse(JSON.stringify(changed)))).toEqual(changed);
    const old = JSON.parse(JSON.stringify(journal())) as Record<string, unknown>;
    expect(old).not.toHaveProperty('changeId');
    expect(ReleaseJournalSchema.safeParse(old).success).toBe(true);
    expect(ReleaseJournalSchema.safeParse({ ...old, changeId: 7 }).success).toBe(false);
  });

  it('records an outcome without touching the original', () => {
    const j0 = journal();
    const j1 = recordOutcome(j0, 'GZ_UAT', { outcome: 'uploaded', jobId: 12, version: 'v00002', renderedMd5: 'r1' }, T1);
    expect(j0.clusters.GZ_UAT).toEqual({ outcome: 'pending' });
    expect(j1.clusters.GZ_UAT).toEqual({ outcome: 'uploaded', jobId: 12, version: 'v00002', renderedMd5: 'r1', at: '2026-11-21T10:36:00.000Z' });
  });

  it('keeps what it knew on a later failure and drops the error once it succeeds', () => {
    let j = recordOutcome(journal(), 'TJ_UAT', { outcome: 'failed', jobId: 7, error: 'HTTP 502 from TJ_UAT' }, T0);
    expect(j.clusters.TJ_UAT).toMatchObject({ outcome: 'failed', jobId: 7, error: 'HTTP 502 from TJ_UAT' });
    j = recordOutcome(j, 'TJ_UAT', { outcome: 'interrupted' }, T1);
    expect(j.clusters.TJ_UAT).toMatchObject({ outcome: 'interrupted', jobId: 7, error: 'HTTP 502 from TJ_UAT' });
    j = recordOutcome(j, 'TJ_UAT', { outcome: 'uploaded', version: 'v00003' }, T1);
    expect(j.clusters.TJ_UAT).toEqual({ outcome: 'uploaded', jobId: 7, version: 'v00003', at: '2026-11-21T10:36:00.000Z' });
  });

  it('refuses a cluster that is not a target', () => {
    expect(() => recordOutcome(journal(), 'SZ_UAT', { outcome: 'uploaded' }, T1)).toThrow('SZ_UAT is not a target of release 20261121-103512-ab12cd (GZ_UAT, TJ_UAT, SH_DR)');
  });

  const outcomes: Array<[ClusterOutcome, boolean]> = [
    ['pending', false],
    ['uploaded', true],
    ['unchanged', true],
    ['failed', false],
    ['skipped', true],
    ['interrupted', false],
  ];
  it.each(outcomes)('%s counts as done: %s', (outcome, done) => {
    const j = recordOutcome(recordOutcome(journal(), 'GZ_UAT', { outcome: 'uploaded' }, T1), 'TJ_UAT', { outcome }, T1);
    expect(clustersToResume(j)).toEqual(done ? ['SH_DR'] : ['TJ_UAT', 'SH_DR']);
    expect(summarize(j)).toEqual({ done: done ? ['GZ_UAT', 'TJ_UAT'] : ['GZ_UAT'], notDone: done ? ['SH_DR'] : ['TJ_UAT', 'SH_DR'], complete: false });
  });

  it('is complete when every target has the package', () => {
    let j = journal();
    for (const c of j.targets) j = recordOutcome(j, c, { outcome: 'unchanged' }, T1);
    expect(summarize(j)).toEqual({ done: ['GZ_UAT', 'TJ_UAT', 'SH_DR'], notDone: [], complete: true });
  });

  it('treats a target without an entry (hand-edited journal) as pending', () => {
    const j = journal();
    delete j.clusters.SH_DR;
    expect(clustersToResume(j)).toEqual(['GZ_UAT', 'TJ_UAT', 'SH_DR']);
  });

  it('rejects a journal file with a bad shape', () => {
    expect(ReleaseJournalSchema.safeParse({ ...journal(), policy: 'Double' }).success).toBe(false);
    expect(ReleaseJournalSchema.safeParse({ ...journal(), clusters: { GZ_UAT: { outcome: 'done' } } }).success).toBe(false);
    expect(ReleaseJournalSchema.safeParse({ ...journal(), extra: 1 }).success).toBe(true);
  });
});
