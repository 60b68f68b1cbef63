import { describe, expect, it } from 'vitest';
import { mergeListings, narrowListings, selectionProblem, type ClusterRows } from '../../../src/selection/select.js';

const row = (name: string, label: string | null, projectName: string | null = 'p1') => ({ name, label, projectName });

describe('narrowListings and mergeListings', () => {
  const listings: ClusterRows[] = [
    { cluster: 'GZ_UAT', project: 'p1', rows: [row('b_job', 'kafka'), row('a_job', 'kafka,etl'), row('c_job', 'kafka2'), row('d_job', 'etl')] },
    { cluster: 'TJ_UAT', project: 'p1', rows: [row('a_job', 'etl, kafka'), row('e_job', 'kafka', null)] },
  ];

  it('keeps the jobs whose labels include the label exactly, once each, sorted by name, with their clusters in the given order', () => {
    const selected = mergeListings(narrowListings(listings, { projects: ['p1'], label: 'kafka' }));
    expect(selected).toEqual([
      { project: 'p1', job: 'a_job', labels: ['kafka', 'etl'], clusters: ['GZ_UAT', 'TJ_UAT'] },
      { project: 'p1', job: 'b_job', labels: ['kafka'], clusters: ['GZ_UAT'] },
      // A row without projectName belongs to the project it was listed for.
      { project: 'p1', job: 'e_job', labels: ['kafka'], clusters: ['TJ_UAT'] },
    ]);
  });

  it('orders by job name, then project', () => {
    const selected = mergeListings([
      { cluster: 'GZ_UAT', project: 'p2', rows: [row('same', null, 'p2'), row('a', null, 'p2')] },
      { cluster: 'GZ_UAT', project: 'p1', rows: [row('same', null, 'p1')] },
    ]);
    expect(selected.map((j) => `${j.project}/${j.job}`)).toEqual(['p2/a', 'p1/same', 'p2/same']);
  });

  it('narrows by name as a substring', () => {
    const selected = mergeListings(narrowListings(listings, { projects: ['p1'], nameLike: '_job' }));
    expect(selected.map((j) => j.job)).toEqual(['a_job', 'b_job', 'c_job', 'd_job', 'e_job']);
    expect(mergeListings(narrowListings(listings, { projects: ['p1'], nameLike: 'a_' })).map((j) => j.job)).toEqual(['a_job']);
  });
});

describe('selectionProblem', () => {
  const jobs = (n: number) => Array.from({ length: n }, (_, i) => ({ project: 'p1', job: `j${i + 1}`, labels: [], clusters: ['GZ_UAT'] }));

  it('refuses an empty selection, naming what was asked where', () => {
    const problem = selectionProblem([], { projects: ['p1'], label: 'kafka' }, ['GZ_UAT', 'TJ_UAT'], undefined);
    expect(problem?.code).toBe('USAGE');
    expect(problem?.message).toBe('no jobs of project p1 with label kafka on GZ_UAT, TJ_UAT');
  });

  it('refuses another count than --expect, naming the count and the first jobs', () => {
    const problem = selectionProblem(jobs(7), { projects: ['p1'] }, ['GZ_UAT'], 6);
    expect(problem?.code).toBe('USAGE');
    expect(problem?.message).toBe('--expect 6, but 7 jobs of project p1 match on GZ_UAT: p1/j1, p1/j2, p1/j3, p1/j4, p1/j5 and 2 more; nothing was done');
    expect(selectionProblem(jobs(1), { projects: ['p1'] }, ['GZ_UAT'], 2)?.message).toBe('--expect 2, but 1 job of project p1 matches on GZ_UAT: p1/j1; nothing was done');
  });

  it('lets a selection of the expected size, or any non-empty one without --expect, go on', () => {
    expect(selectionProblem(jobs(3), { projects: ['p1'] }, ['GZ_UAT'], 3)).toBeUndefined();
    expect(selectionProblem(jobs(3), { projects: ['p1'] }, ['GZ_UAT'], undefined)).toBeUndefined();
  });
});
