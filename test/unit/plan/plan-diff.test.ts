import { describe, expect, it } from 'vitest';
import { diffPlanInputs, diffPlanJob, staleMessage } from '../../../src/plan/plan-diff.js';
import type { PlanCluster, PlanFile, PlanJob } from '../../../src/plan/plan-file.js';

const MD5 = (c: string) => c.repeat(32);

function cluster(extra: Partial<PlanCluster> = {}): PlanCluster {
  return { action: 'upload', then: 'restart', metaMd5: MD5('a'), deployed: { version: 'v00003', md5: MD5('c') }, ...extra };
}

function job(extra: Partial<PlanJob> = {}, clusters: Record<string, Partial<PlanCluster>> = { GZ_UAT: {}, TJ_UAT: {} }): PlanJob {
  return {
    package: 'j1.zip',
    packageMd5: MD5('1'),
    project: 'p1',
    job: 'j1',
    policy: 'double',
    upgradeRefusal: null,
    clusters: Object.fromEntries(Object.entries(clusters).map(([name, c]) => [name, cluster(c)])),
    ...extra,
  };
}

type Inputs = Pick<PlanFile, 'config' | 'targets' | 'vars'>;
const inputs = (extra: Partial<Inputs> = {}): Inputs => ({ config: { file: 'stms.config.json', clusters: ['GZ_UAT', 'TJ_UAT', 'SH_DR'] }, targets: ['GZ_UAT', 'TJ_UAT'], vars: { file: 'vars.yaml', md5: MD5('9') }, ...extra });

describe('diffPlanJob', () => {
  it('the same job: no difference', () => {
    expect(diffPlanJob(job(), job(), { then: true })).toEqual([]);
  });

  it('names each difference on its own, with the cluster, field, planned and now', () => {
    const now = job({ packageMd5: MD5('2') }, { GZ_UAT: { metaMd5: MD5('b') }, TJ_UAT: { deployed: { version: 'v00004', md5: MD5('d') }, action: 'unchanged' } });
    const diffs = diffPlanJob(job(), now, { then: true });
    expect(diffs.map(({ job: j, cluster: c, field, planned, now: n }) => ({ j, c, field, planned, n }))).toEqual([
      { j: 'p1/j1', c: undefined, field: 'packageMd5', planned: MD5('1'), n: MD5('2') },
      { j: 'p1/j1', c: 'GZ_UAT', field: 'metaMd5', planned: MD5('a'), n: MD5('b') },
      { j: 'p1/j1', c: 'TJ_UAT', field: 'deployed', planned: { version: 'v00003', md5: MD5('c') }, n: { version: 'v00004', md5: MD5('d') } },
      { j: 'p1/j1', c: 'TJ_UAT', field: 'action', planned: 'upload', n: 'unchanged' },
    ]);
    expect(diffs.map((d) => d.text)).toEqual([
      `package j1.zip: md5 ${MD5('2')} where the plan has ${MD5('1')}`,
      `job p1/j1: meta.json for GZ_UAT differs (md5 ${MD5('b')} where the plan has ${MD5('a')})`,
      `job p1/j1 on TJ_UAT: deployed version v00004 (md5 ${MD5('d')}) where the plan saw version v00003 (md5 ${MD5('c')})`,
      'job p1/j1 on TJ_UAT: a release would leave it unchanged where the plan says upload',
    ]);
  });

  it('a cluster planned unchanged that would upload now is a difference', () => {
    const diffs = diffPlanJob(job({}, { GZ_UAT: { action: 'unchanged' } }), job({}, { GZ_UAT: { action: 'upload' } }), { then: false });
    expect(diffs.map((d) => d.text)).toEqual(['job p1/j1 on GZ_UAT: a release would upload where the plan says leave it unchanged']);
  });

  it('a job deployed since, or gone since, or deployed without a source record', () => {
    expect(diffPlanJob(job({}, { GZ_UAT: { deployed: null } }), job(), { then: false })[0]?.text).toBe(`job p1/j1 on GZ_UAT: deployed version v00003 (md5 ${MD5('c')}) where the plan saw nothing (no such job)`);
    expect(diffPlanJob(job(), job({}, { GZ_UAT: { deployed: { version: 'v00004', md5: null } } }), { then: false })[0]?.text).toBe(
      `job p1/j1 on GZ_UAT: deployed version v00004 (md5 unknown: no source record) where the plan saw version v00003 (md5 ${MD5('c')})`,
    );
  });

  it('what upgrade does after counts only when asked (upgrade --plan)', () => {
    const now = job({}, { GZ_UAT: { then: 'start' }, TJ_UAT: {} });
    expect(diffPlanJob(job(), now, { then: false })).toEqual([]);
    expect(diffPlanJob(job(), now, { then: true }).map((d) => d.text)).toEqual(['job p1/j1 on GZ_UAT: upgrade would start it where the plan says restart it']);
  });

  it('a package that is another job now: that alone, its clusters are not compared', () => {
    const diffs = diffPlanJob(job(), job({ job: 'j2', packageMd5: MD5('2') }, { GZ_UAT: { deployed: null }, TJ_UAT: {} }), { then: true });
    expect(diffs.map((d) => d.field)).toEqual(['packageMd5', 'package']);
    expect(diffs[1]?.text).toBe('package j1.zip: it is job p1/j2 now where the plan has p1/j1');
  });
});

describe('diffPlanInputs', () => {
  it('the same inputs, config clusters in another order: no difference', () => {
    expect(diffPlanInputs(inputs(), inputs({ config: { file: 'elsewhere/stms.config.json', clusters: ['SH_DR', 'TJ_UAT', 'GZ_UAT'] } }))).toEqual([]);
  });

  it('other config clusters, a target the config lacks', () => {
    const diffs = diffPlanInputs(inputs(), inputs({ config: { file: null, clusters: ['GZ_UAT', 'SH_DR'] } }));
    expect(diffs.map((d) => d.text)).toEqual(['config clusters: GZ_UAT, SH_DR where the plan has GZ_UAT, TJ_UAT, SH_DR (is the same config file in use?)', 'targets: TJ_UAT is not a cluster of the config in use']);
    expect(diffs[1]).toMatchObject({ job: null, field: 'targets', planned: ['GZ_UAT', 'TJ_UAT'], now: ['GZ_UAT'] });
  });

  it('the vars file: another md5, unreadable, or one where the plan had none', () => {
    expect(diffPlanInputs(inputs(), inputs({ vars: { file: 'vars.yaml', md5: MD5('8') } })).map((d) => d.text)).toEqual([`vars file vars.yaml: md5 ${MD5('8')} where the plan has ${MD5('9')}`]);
    expect(diffPlanInputs(inputs(), inputs({ vars: null })).map((d) => d.text)).toEqual([`vars file vars.yaml: cannot be read now; the plan has md5 ${MD5('9')}`]);
    expect(diffPlanInputs(inputs({ vars: null }), inputs()).map((d) => d.text)).toEqual([`vars file: vars.yaml (md5 ${MD5('9')}) where the plan has none`]);
  });
});

describe('staleMessage', () => {
  it('the count, then each difference on its own line', () => {
    const diffs = diffPlanJob(job(), job({ packageMd5: MD5('2') }, { GZ_UAT: { metaMd5: MD5('b') }, TJ_UAT: {} }), { then: true });
    expect(staleMessage('plan.json', diffs).split('\n')).toEqual([
      'the plan plan.json is stale (2 differences since it was made); nothing was uploaded:',
      `  package j1.zip: md5 ${MD5('2')} where the plan has ${MD5('1')}`,
      `  job p1/j1: meta.json for GZ_UAT differs (md5 ${MD5('b')} where the plan has ${MD5('a')})`,
    ]);
  });
});
