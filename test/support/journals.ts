import { newJournal, recordOutcome, type ReleaseJournal } from '../../src/release/journal-model.js';

/** md5 number n: 32 of its digit. */
export const testMd5 = (n: number) => String(n).repeat(32).slice(0, 32);

/**
 * Two releases of p1/j1 to GZ_UAT in one second (10:01:05), 300 ms apart, whose random suffixes
 * sort the other way round: `zzzz` (package 1) first, `aaaa` (package 2) after it.
 */
export function releasesInOneSecond(): ReleaseJournal[] {
  const at = (ms: number) => new Date(Date.UTC(2026, 10, 21, 10, 1, 5, ms));
  const make = (suffix: string, ms: number, n: number) =>
    recordOutcome(
      newJournal({ releaseId: `20261121-100105-${suffix}`, createdAt: at(ms), package: { path: '/p/j1.zip', md5: testMd5(n), name: 'j1.zip' }, policy: 'single', project: 'p1', job: 'j1', targets: ['GZ_UAT'], deployUser: 'alexyang' }),
      'GZ_UAT',
      { outcome: 'uploaded' },
      at(ms),
    );
  return [make('zzzz', 100, 1), make('aaaa', 400, 2)];
}
