import { describe, expect, it } from 'vitest';
import { jobJson, jobsDocument, summarize } from '../../../src/batch/document.js';
import { newResult } from '../../../src/launch/types.js';

describe('the jobs --json document', () => {
  const ok = { ...newResult({ project: 'p1', job: 'j1', line: 3 }), policy: 'double', outcome: 'running', clusters: { GZ_UAT: { outcome: 'running', jobId: 1 } }, elapsedMs: 12 };
  const failed = { ...newResult({ project: 'p1', job: 'j2' }), outcome: 'refused', failure: { code: 'HA_POLICY' as const, message: 'no manager' } };
  const notRun = { ...newResult({ project: 'p1', job: 'j3' }), outcome: 'not-run' };

  it('has project, job, policy, outcome and clusters per job, and error on a failed one', () => {
    expect(jobJson(ok)).toEqual({ project: 'p1', job: 'j1', line: 3, policy: 'double', outcome: 'running', ok: true, clusters: { GZ_UAT: { outcome: 'running', jobId: 1 } }, elapsedMs: 12 });
    expect(jobJson(failed)).toMatchObject({ ok: false, error: { code: 'HA_POLICY', message: 'no manager' } });
    expect(jobJson(notRun)).toMatchObject({ ok: false, outcome: 'not-run' });
    expect(jobJson(notRun)).not.toHaveProperty('error');
  });

  it('counts and carries the verdict', () => {
    expect(summarize([ok, failed, notRun])).toEqual({ total: 3, ok: 1, failed: 1, notRun: 1 });
    const doc = jobsDocument([ok, failed], { error: { code: 'HA_POLICY', message: 'no manager' } }, { targets: ['GZ_UAT'] });
    expect(doc).toMatchObject({ ok: false, targets: ['GZ_UAT'], summary: { total: 2 }, error: { code: 'HA_POLICY' } });
    expect(jobsDocument([ok], {})).not.toHaveProperty('error');
  });
});
