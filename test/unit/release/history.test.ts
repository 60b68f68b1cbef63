import { describe, expect, it } from 'vitest';
import { historyJson, historyRow, matches, parseHistoryFilter } from '../../../src/release/history.js';
import { newJournal, recordOutcome } from '../../../src/release/journal-model.js';

const journal = newJournal({
  releaseId: '20261121-103512-ab12cd',
  createdAt: new Date('2026-11-21T10:35:12Z'),
  package: { path: '/w/p1-j1.zip', md5: 'f'.repeat(32), name: 'p1-j1.zip' },
  policy: 'double',
  project: 'p1',
  job: 'j1',
  targets: ['GZ_UAT', 'TJ_UAT'],
  deployUser: 'alexyang',
});

describe('history filter', () => {
  const cases: Array<[string | undefined, boolean]> = [
    [undefined, true],
    ['', true],
    ['p1/j1', true],
    ['p1', true],
    ['p1/', true],
    ['p1/j2', false],
    ['p2', false],
    ['p2/j1', false],
  ];
  for (const [text, kept] of cases) {
    it(`${JSON.stringify(text)} ${kept ? 'keeps' : 'drops'} p1/j1`, () => {
      expect(matches(journal, parseHistoryFilter(text))).toBe(kept);
    });
  }
});

describe('historyRow', () => {
  it('id, local time, job, policy, md5 and the outcome of every target', () => {
    const later = recordOutcome(journal, 'GZ_UAT', { outcome: 'uploaded', jobId: 1, version: 'v00001' }, new Date());
    const row = historyRow(later);
    expect(row[0]).toBe('20261121-103512-ab12cd');
    expect(row[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(row.slice(2)).toEqual(['p1/j1', 'double', 'f'.repeat(32), 'GZ_UAT=uploaded TJ_UAT=pending']);
  });
});

describe('historyJson', () => {
  it('carries the deploy user a resume will send, null for journals written before it was recorded', () => {
    expect(historyJson(journal, '/w/.stms/releases/x.json')).toMatchObject({ releaseId: journal.releaseId, deployUser: 'alexyang', md5: 'f'.repeat(32), journal: '/w/.stms/releases/x.json' });
    const { deployUser: _d, ...older } = journal;
    expect(historyJson(older, 'x').deployUser).toBeNull();
  });
});
