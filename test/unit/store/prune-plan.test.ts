import { describe, expect, it } from 'vitest';
import { newJournal, recordOutcome, type ReleaseJournal } from '../../../src/release/journal-model.js';
import { journalsThatMatter, newestDistinct, packagesToPrune } from '../../../src/release/store/prune-plan.js';
import { releasesInOneSecond, testMd5 } from '../../support/journals.js';

const md5 = (n: number) => String(n).repeat(32).slice(0, 32);

/** A release of `job` at minute `minute` with package md5(n), done on GZ_UAT unless `failed`. */
function release(job: string, minute: number, n: number, failed = false): ReleaseJournal {
  const at = new Date(Date.UTC(2026, 10, 21, 10, minute));
  const journal = newJournal({
    releaseId: `20261121-10${String(minute).padStart(2, '0')}00-r${job}${minute}`,
    createdAt: at,
    package: { path: `/p/${job}.zip`, md5: md5(n), name: `${job}.zip` },
    policy: 'single',
    project: 'p1',
    job,
    targets: ['GZ_UAT'],
    deployUser: 'alexyang',
  });
  return recordOutcome(journal, 'GZ_UAT', { outcome: failed ? 'failed' : 'uploaded' }, at);
}

describe('packagesToPrune', () => {
  const keep2 = (journals: ReleaseJournal[], current: ReleaseJournal) =>
    packagesToPrune({ journals, project: 'p1', job: current.job, keep: 2, current: { releaseId: current.releaseId, md5: current.package.md5 } });

  it('keeps the newest `keep` distinct packages of the job and prunes the older ones', () => {
    const journals = [release('j1', 1, 1), release('j1', 2, 2), release('j1', 3, 3)];
    expect(keep2(journals, journals[2] as ReleaseJournal)).toEqual([md5(1)]);
  });

  it('counts a package released twice once', () => {
    const journals = [release('j1', 1, 1), release('j1', 2, 2), release('j1', 3, 2), release('j1', 4, 3)];
    expect(keep2(journals, journals[3] as ReleaseJournal)).toEqual([md5(1)]);
  });

  it('never prunes a package another job still keeps', () => {
    const journals = [release('j1', 1, 1), release('j1', 2, 2), release('j1', 3, 3), release('j2', 5, 1)];
    expect(keep2(journals, journals[2] as ReleaseJournal)).toEqual([]);
  });

  it('keeps nothing for releases that reached no cluster (except the one being made), and prunes their packages', () => {
    const journals = [release('j1', 1, 1), release('j1', 2, 2), release('j1', 3, 3, true), release('j1', 4, 4, true)];
    // j1 kept: 4 (the current one, pending or not) and 2 (the newest that reached a cluster).
    const current = journals[3] as ReleaseJournal;
    expect(packagesToPrune({ journals, project: 'p1', job: 'j1', keep: 2, current: { releaseId: current.releaseId, md5: current.package.md5 } })).toEqual([md5(1), md5(3)]);
  });
});

describe('newestDistinct', () => {
  it('orders by release id, newest first, whatever the input order', () => {
    expect(newestDistinct([release('j1', 3, 3), release('j1', 1, 1), release('j1', 2, 2)], 5)).toEqual([md5(3), md5(2), md5(1)]);
  });
});

describe('releases within one second', () => {
  it('newestDistinct orders them by when they were made, not by their ids', () => {
    expect(newestDistinct(releasesInOneSecond(), 1)).toEqual([testMd5(2)]);
  });
});

describe('journalsThatMatter', () => {
  /** The journals as they are on disk: JSON, not yet checked. */
  const onDisk = (journals: ReleaseJournal[]): unknown[] => journals.map((j) => JSON.parse(JSON.stringify(j)) as unknown);
  const jobsOf = (journals: ReleaseJournal[], wanted: (json: unknown) => boolean) => journals.filter((j, i) => wanted(onDisk(journals)[i])).map((j) => j.releaseId);

  it('leaves out the jobs that share no package with the job, and takes a job that shares one whole', () => {
    // j2 released package 1 once (and 7 later); j3 never released one of j1's packages.
    const journals = [release('j1', 1, 1), release('j1', 2, 2), release('j2', 3, 1), release('j2', 4, 7), release('j3', 5, 8), release('j3', 6, 9)];
    const wanted = journalsThatMatter(onDisk(journals), 'p1', 'j1');
    expect(jobsOf(journals, wanted)).toEqual(['20261121-100100-rj11', '20261121-100200-rj12', '20261121-100300-rj23', '20261121-100400-rj24']);
  });

  it('passes over files that are not journals (no project, job or package)', () => {
    const wanted = journalsThatMatter([3, null, 'x', { project: 'p1' }, onDisk([release('j1', 1, 1)])[0]], 'p1', 'j1');
    expect([3, null, 'x', { project: 'p1' }, { job: 'j1' }].map(wanted)).toEqual([false, false, false, false, false]);
  });

  it.each([
    ['another job still keeps an old package', [release('j1', 1, 1), release('j1', 2, 2), release('j1', 3, 3), release('j2', 5, 1), release('j4', 6, 9)]],
    ['another job released it once, long ago', [release('j2', 1, 1), release('j2', 2, 5), release('j2', 3, 6), release('j4', 7, 8), release('j1', 8, 1), release('j1', 9, 2), release('j1', 10, 3)]],
    ['releases that reached no cluster', [release('j1', 1, 1), release('j1', 2, 2), release('j1', 3, 3, true), release('j1', 4, 4, true), release('j3', 5, 3, true), release('j4', 6, 8)]],
  ])('prunes what pruning over every journal prunes: %s', (_case, journals) => {
    const current = journals.filter((j) => j.job === 'j1').at(-1) as ReleaseJournal;
    const prune = (list: ReleaseJournal[]) => packagesToPrune({ journals: list, project: 'p1', job: 'j1', keep: 2, current: { releaseId: current.releaseId, md5: current.package.md5 } });
    const wanted = journalsThatMatter(onDisk(journals), 'p1', 'j1');
    const matter = journals.filter((_j, i) => wanted(onDisk(journals)[i]));
    expect(matter.length).toBeLessThan(journals.length);
    expect(prune(matter)).toEqual(prune(journals));
  });
});
