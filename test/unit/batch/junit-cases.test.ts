import { describe, expect, it } from 'vitest';
import { newResult, type JobResult } from '../../../src/launch/types.js';
import { junitCases } from '../../../src/report/junit-cases.js';
import { junitXml } from '../../../src/report/junit.js';

const WORDS = { passed: ['running', 'already-running', 'started'], skipped: ['not-target'] };

describe('junitCases', () => {
  const running: JobResult = { ...newResult({ project: 'p1', job: 'j1' }), outcome: 'running', elapsedMs: 2500, clusters: { GZ_UAT: { outcome: 'running' }, TJ_UAT: { outcome: 'already-running' }, SH_DR: { outcome: 'not-target' } } };
  const half: JobResult = {
    ...newResult({ project: 'p1', job: 'j2' }),
    outcome: 'failed',
    elapsedMs: 1000,
    clusters: { GZ_UAT: { outcome: 'running' }, TJ_UAT: { outcome: 'failed', message: 'TJ_UAT: ended failure: <boom>' } },
    failure: { code: 'LAUNCH', message: 'TJ_UAT: ended failure: <boom> (p1/j2 running on GZ_UAT)' },
  };
  const refused: JobResult = { ...newResult({ project: 'p1', job: 'j3' }), outcome: 'inconsistent', clusters: { GZ_UAT: { outcome: 'refused' } }, failure: { code: 'CONSISTENCY', message: 'md5 differs' } };
  const notRun: JobResult = { ...newResult({ project: 'p1', job: 'j4' }), outcome: 'not-run' };

  it('makes one case per job and cluster: passed, skipped (DR, not run) or failed with the reason', () => {
    const cases = junitCases([running, half, refused, notRun], ['GZ_UAT', 'TJ_UAT', 'SH_DR'], WORDS, 'not run: the batch stopped');
    expect(cases).toHaveLength(12);
    const by = (job: string, cluster: string) => cases.find((c) => c.classname === `p1.${job}` && c.name === cluster);
    expect(by('j1', 'GZ_UAT')).toEqual({ classname: 'p1.j1', name: 'GZ_UAT', timeSeconds: 2.5 });
    expect(by('j1', 'SH_DR')?.skipped).toBeDefined();
    expect(by('j2', 'TJ_UAT')?.failure).toMatchObject({ message: 'TJ_UAT: ended failure: <boom>', type: 'LAUNCH' });
    expect(by('j2', 'SH_DR')?.skipped?.message).toContain('TJ_UAT: ended failure');
    expect(by('j3', 'GZ_UAT')?.failure).toMatchObject({ message: 'md5 differs', type: 'CONSISTENCY' });
    expect(by('j4', 'TJ_UAT')?.skipped).toEqual({ message: 'not run: the batch stopped' });
    const xml = junitXml({ name: 'stms launch', timestamp: new Date(0), cases });
    expect(xml).toContain('tests="12" failures="2" errors="0" skipped="7"');
    expect(xml).toContain('&lt;boom&gt;');
  });
});
