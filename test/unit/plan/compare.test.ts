import { describe, expect, it } from 'vitest';
import { planCluster, type PlanInput } from '../../../src/plan/compare.js';
import type { JobView } from '../../../src/deployed/server-view.js';
import type { LatestVersion } from '../../../src/deployed/latest-version.js';

const WANTED = { md5: 'a'.repeat(32), deployUser: 'alexyang', pkgName: 'p1-j1.zip' };
const levelOf = (p: string) => (p.includes('yarnqueue') ? 3 : p === '/tags' ? 2 : 1) as 1 | 2 | 3;
const NEXT: JobView = { jobName: 'j1', tags: 't1', jobContent: { type: 'sql', sql: 'select 1' }, jobConfig: { 'wds.linkis.flink.resource': { 'wds.linkis.rm.yarnqueue': 'dws' } } };
const deployedLatest = (source: Record<string, unknown> | undefined): LatestVersion => ({
  exists: true,
  jobId: 4,
  jobType: 'flink.sql',
  version: 'v00002',
  source: source ? { isHighAvailable: true, raw: {}, ...source } : undefined,
  ...(source ? {} : { sourceProblem: 'the version has no source record' }),
});

function plan(over: Partial<PlanInput>) {
  return planCluster({ cluster: 'GZ_UAT', latest: { exists: false }, view: undefined, readNotes: [], next: NEXT, wanted: WANTED, levelOf, variablePointers: [], ...over });
}

describe('planCluster', () => {
  it('a job that does not exist: would upload, every leaf added, nothing deployed', () => {
    const p = plan({});
    expect(p).toMatchObject({ outcome: 'would-upload', deployed: null, notes: [] });
    expect(p.jobId).toBeUndefined();
    expect(p.changes.map((c) => [c.pointer, c.change, c.level])).toEqual([
      ['/jobConfig/wds.linkis.flink.resource/wds.linkis.rm.yarnqueue', 'added', 3],
      ['/jobContent/sql', 'added', 1],
      ['/jobContent/type', 'added', 1],
      ['/jobName', 'added', 1],
      ['/tags', 'added', 2],
    ]);
  });

  it('the same package already there: unchanged, no changes, what is deployed', () => {
    const p = plan({ latest: deployedLatest({ ...WANTED, releaseId: 'r1' }), view: structuredClone(NEXT) });
    expect(p).toMatchObject({ outcome: 'unchanged', jobId: 4, version: 'v00002', changes: [] });
    expect(p.deployed).toEqual({ jobId: 4, version: 'v00002', pkgName: 'p1-j1.zip', md5: WANTED.md5, deployUser: 'alexyang', createTime: null, releaseId: 'r1', isHighAvailable: true });
    expect(p.notes[0]).toContain('already has md5');
  });

  it('compares stored strings with the rendered values as text, and notes that tags stay', () => {
    const view: JobView = { ...structuredClone(NEXT), tags: 'old', jobConfig: { 'wds.linkis.flink.resource': { 'wds.linkis.rm.yarnqueue': 'dws_old' } } };
    const p = plan({ latest: deployedLatest({ md5: 'b'.repeat(32) }), view });
    expect(p.outcome).toBe('would-upload');
    expect(p.changes).toEqual([
      { pointer: '/jobConfig/wds.linkis.flink.resource/wds.linkis.rm.yarnqueue', change: 'changed', before: 'dws_old', after: 'dws', level: 3 },
      { pointer: '/tags', change: 'changed', before: 'old', after: 't1', level: 2 },
    ]);
    expect(p.notes).toContain('the server keeps the tags of the first upload: a re-upload does not change them');
  });

  it('what could not be read is not reported as removed, and the read notes are kept', () => {
    const view: JobView = { jobName: 'j1', tags: 't1', comment: 'server comment' };
    const p = plan({ latest: deployedLatest(undefined), view, readNotes: ['the deployed configuration cannot be read (x); not compared'] });
    expect(p.changes).toEqual([]);
    expect(p.notes).toEqual([
      'the deployed configuration cannot be read (x); not compared',
      'the latest version has no readable source record (the version has no source record): it was not released by stms',
    ]);
  });

  it('the same package whose variable resolves to another value there now: would upload, saying which key moved', () => {
    const view: JobView = { ...structuredClone(NEXT), jobConfig: { 'wds.linkis.flink.resource': { 'wds.linkis.rm.yarnqueue': 'dws_old' } } };
    const queue = '/jobConfig/wds.linkis.flink.resource/wds.linkis.rm.yarnqueue';
    const p = plan({ latest: deployedLatest({ ...WANTED }), view, variablePointers: [queue] });
    expect(p.outcome).toBe('would-upload');
    expect(p.notes[0]).toBe(`same package on v00002, but its variables resolve differently now (${queue} "dws_old" -> "dws"): a release uploads it again`);
    expect(p.notes.join('\n')).not.toContain('already has md5');
    // A literal key that differs (not filled by a variable) does not make the same package an upload.
    expect(plan({ latest: deployedLatest({ ...WANTED }), view, variablePointers: ['/jobContent/sql'] }).outcome).toBe('unchanged');
  });
});
