import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { newJournal, recordOutcome } from '../../../src/release/journal-model.js';
import { checkResumeMd5, checkResumeTargets, resumeDeployUser, skippedByResume } from '../../../src/release/resume.js';

const base = newJournal({
  releaseId: '20261121-103512-ab12cd',
  createdAt: new Date('2026-11-21T10:35:12Z'),
  package: { path: '/w/p1-j1.zip', md5: 'a'.repeat(32), name: 'p1-j1.zip' },
  policy: 'doubleWithBak',
  project: 'p1',
  job: 'j1',
  targets: ['GZ_UAT', 'TJ_UAT', 'SH_DR'],
  deployUser: 'alexyang',
});

describe('checkResumeTargets', () => {
  const cases: Array<[string[], boolean]> = [
    [['GZ_UAT', 'TJ_UAT', 'SH_DR'], true],
    [['SH_DR', 'GZ_UAT', 'TJ_UAT'], true],
    [['GZ_UAT', 'TJ_UAT'], false],
    [['GZ_UAT', 'TJ_UAT', 'SH_DR', 'BJ_UAT'], false],
    [['GZ_UAT', 'TJ_UAT', 'BJ_UAT'], false],
  ];
  for (const [targets, ok] of cases) {
    it(`${targets.join(',')} ${ok ? 'is' : 'is not'} the journal's set`, () => {
      const check = () => checkResumeTargets(base, targets);
      if (ok) expect(check).not.toThrow();
      else expect(check).toThrow(UsageError);
    });
  }
});

describe('checkResumeMd5', () => {
  it('accepts the same package and refuses another, naming both md5s', () => {
    expect(() => checkResumeMd5(base, 'a'.repeat(32))).not.toThrow();
    expect(() => checkResumeMd5(base, 'b'.repeat(32))).toThrow(`released a package with md5 ${'a'.repeat(32)} (/w/p1-j1.zip); this package has md5 ${'b'.repeat(32)}`);
  });
});

describe('skippedByResume', () => {
  it('reports what the journal recorded for a done cluster', () => {
    const journal = recordOutcome(base, 'GZ_UAT', { outcome: 'unchanged', jobId: 4, version: 'v00003' }, new Date());
    expect(skippedByResume('GZ_UAT', journal)).toEqual({ cluster: 'GZ_UAT', outcome: 'skipped', jobId: 4, version: 'v00003', note: 'unchanged earlier in this release' });
  });
});

describe('resumeDeployUser', () => {
  const { deployUser: _recorded, ...older } = base;
  const cases: Array<{ name: string; journal: typeof base; explicit: string | undefined; fallback: string; want: string | RegExp }> = [
    { name: "the recorded user over the config's", journal: base, explicit: undefined, fallback: 'ci_bot', want: 'alexyang' },
    { name: 'the same user given explicitly', journal: base, explicit: 'alexyang', fallback: 'ci_bot', want: 'alexyang' },
    { name: 'another explicit user: refused', journal: base, explicit: 'bob', fallback: 'ci_bot', want: /was made as deploy user alexyang, not bob/ },
    { name: 'a journal without one: the explicit user', journal: older, explicit: 'bob', fallback: 'ci_bot', want: 'bob' },
    { name: 'a journal without one: the config', journal: older, explicit: undefined, fallback: 'ci_bot', want: 'ci_bot' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const run = () => resumeDeployUser(c.journal, c.explicit, c.fallback);
      if (typeof c.want === 'string') expect(run()).toBe(c.want);
      else expect(run).toThrow(c.want);
    });
  }
});
