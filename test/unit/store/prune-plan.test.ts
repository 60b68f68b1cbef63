import { describe, expect, it } from 'vitest';
import { newJournal, recordOutcome, type ReleaseJournal } from '../../../src/release/journal-model.js';
import { newestDistinct, packagesToPrune } from '../../../src/release/store/prune-plan.js';
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
