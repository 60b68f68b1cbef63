import { describe, expect, it } from 'vitest';
import { exitStatusOf } from '../../../src/errors.js';
import { parsePlanFile, planFileText, type PlanFile } from '../../../src/plan/plan-file.js';
import { checkPlanFlags } from '../../../src/plan/plan-flags.js';

const plan = (): PlanFile => ({
  stmsPlan: 1,
  createdAt: '2026-01-21T10:35:12.000Z',
  stmsVersion: '0.1.0',
  config: { file: 'stms.config.json', clusters: ['GZ_UAT', 'TJ_UAT'] },
  targets: ['GZ_UAT', 'TJ_UAT'],
  vars: null,
  deployUser: 'alexyang',
  jobs: [
    {
      package: 'j1.zip',
      packageMd5: '1'.repeat(32),
      project: 'p1',
      job: 'j1',
      policy: 'double',
      upgradeRefusal: null,
      // Written out of order on purpose: the file orders them as the targets.
      clusters: {
        TJ_UAT: { deployed: null, metaMd5: 'b'.repeat(32), then: 'start', action: 'upload' },
        GZ_UAT: { action: 'unchanged', then: 'restart', metaMd5: 'a'.repeat(32), deployed: { version: 'v00001', md5: '1'.repeat(32) } },
      },
    },
  ],
});

function usage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(exitStatusOf((error as { code: 'USAGE' }).code)).toBe(2);
    return (error as Error).message;
  }
  throw new Error('no usage error');
}

describe('planFileText', () => {
  it('2-space JSON, keys in one order, clusters in the order of the targets; it parses back to the same plan', () => {
    const text = planFileText(plan());
    expect(text.endsWith('}\n')).toBe(true);
    const json = JSON.parse(text);
    expect(Object.keys(json.jobs[0].clusters)).toEqual(['GZ_UAT', 'TJ_UAT']);
    expect(Object.keys(json.jobs[0].clusters.TJ_UAT)).toEqual(['action', 'then', 'metaMd5', 'deployed']);
    expect(text).toBe(`${JSON.stringify(json, null, 2)}\n`);
    expect(planFileText(parsePlanFile('plan.json', text))).toBe(text);
  });
});

describe('parsePlanFile', () => {
  it.each([
    ['not JSON', '{', 'plan.json: not a plan file: not JSON'],
    ['an array', '[]', 'plan.json: not a plan file: no "stmsPlan" format marker'],
    ['a future format', '{"stmsPlan":2}', 'plan.json: a plan of format 2; this stms reads format 1'],
    ['an unknown key', JSON.stringify({ ...plan(), token: 'x' }), 'plan.json: (top level): '],
    ['an unknown policy', JSON.stringify({ ...plan(), jobs: [{ ...plan().jobs[0], policy: 'tripple' }] }), 'plan.json: jobs.0.policy: '],
    ['no jobs', JSON.stringify({ ...plan(), jobs: [] }), 'plan.json: jobs: '],
    ['a cluster that is not a target', JSON.stringify({ ...plan(), targets: ['GZ_UAT'] }), 'plan.json: jobs.0.clusters: must name exactly the targets (GZ_UAT); not a target: TJ_UAT'],
  ])('%s: a usage error naming the file and field', (_what, text, message) => {
    expect(usage(() => parsePlanFile('plan.json', text))).toContain(message);
  });
});

describe('checkPlanFlags', () => {
  it('without --plan a package is needed; with it, nothing the plan carries', () => {
    expect(usage(() => checkPlanFlags('release', {}, []))).toContain('stms release needs a package');
    expect(() => checkPlanFlags('release', {}, ['j1.zip'])).not.toThrow();
    expect(() => checkPlanFlags('upgrade', { plan: 'p.json', force: false }, [])).not.toThrow();
    expect(usage(() => checkPlanFlags('upgrade', { plan: 'p.json', clusters: 'A', deployUser: 'bob' }, ['j1.zip']))).toContain('stms upgrade --plan cannot be given a package (j1.zip), --clusters, --deploy-user:');
  });
});
