import { describe, expect, it } from 'vitest';
import { exitStatusOf } from '../../../src/errors.js';
import type { ClusterPlan } from '../../../src/plan/compare.js';
import { planVerdict } from '../../../src/plan/document.js';
import type { PlanReport } from '../../../src/plan/plan.js';

function report(clusters: Record<string, Partial<ClusterPlan> & Pick<ClusterPlan, 'outcome'>>): PlanReport {
  return {
    md5: 'a'.repeat(32),
    policy: 'double',
    project: 'p1',
    job: 'j1',
    packageName: 'p1-j1.zip',
    targets: Object.keys(clusters),
    clusters: Object.fromEntries(Object.entries(clusters).map(([cluster, p]) => [cluster, { cluster, changes: [], deployed: null, notes: [], ...p }])),
    metaMd5: Object.fromEntries(Object.keys(clusters).map((cluster) => [cluster, 'b'.repeat(32)])),
    warnings: [],
  };
}

describe('planVerdict', () => {
  it.each([
    ['nothing would change', { GZ_UAT: 'unchanged', TJ_UAT: 'unchanged' }, false, undefined, true],
    ['nothing would change, --exit-code', { GZ_UAT: 'unchanged', TJ_UAT: 'unchanged' }, true, undefined, true],
    ['an upload somewhere, without --exit-code', { GZ_UAT: 'would-upload', TJ_UAT: 'unchanged' }, false, undefined, true],
    ['an upload somewhere, --exit-code: 11 and still ok', { GZ_UAT: 'would-upload', TJ_UAT: 'unchanged' }, true, 'PLAN_CHANGES', true],
    ['a cluster that cannot be read wins over --exit-code', { GZ_UAT: 'would-upload', TJ_UAT: 'failed' }, true, 'REMOTE', false],
  ] as const)('%s', (_what, outcomes, exitCode, code, ok) => {
    const v = planVerdict(report(Object.fromEntries(Object.entries(outcomes).map(([c, outcome]) => [c, { outcome }]))), { exitCode });
    expect(v.code).toBe(code);
    expect(v.document.ok).toBe(ok);
    expect(v.document.wouldChange).toBe(Object.values(outcomes).includes('would-upload'));
    if (code === 'PLAN_CHANGES') expect(exitStatusOf(v.code)).toBe(11);
  });

  it('a cluster that rejected the token is AUTH (exit 2)', () => {
    const v = planVerdict(report({ GZ_UAT: { outcome: 'failed', error: 'GZ_UAT job/list: the gateway did not accept the login', errorCode: 'AUTH' }, TJ_UAT: { outcome: 'failed', error: 'HTTP 503' } }));
    expect(v.code).toBe('AUTH');
    expect(v.document.error).toMatchObject({ code: 'AUTH' });
  });
});
