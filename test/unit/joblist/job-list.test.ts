import { describe, expect, it } from 'vitest';
import { parseJobList } from '../../../src/joblist/job-list.js';

const FILE = 'joblist.txt';

describe('parseJobList', () => {
  it('reads one project,job a line with comments, blanks, whitespace, CRLF and a BOM', () => {
    const text = '\uFEFF# jobs of p1\r\np1,j1\r\n\r\n  p1 , j2  # the second\r\np2,j.1_x\n   \n#p3,j3\n';
    expect(parseJobList(text, FILE)).toEqual({
      jobs: [
        { project: 'p1', job: 'j1', line: 2 },
        { project: 'p1', job: 'j2', line: 4 },
        { project: 'p2', job: 'j.1_x', line: 5 },
      ],
      problems: [],
    });
  });

  it('returns no jobs and no problems for an empty file (the command decides)', () => {
    expect(parseJobList('', FILE)).toEqual({ jobs: [], problems: [] });
    expect(parseJobList('# nothing yet\n\n', FILE)).toEqual({ jobs: [], problems: [] });
  });

  const malformed: Array<[string, string]> = [
    ['p1 j1', 'joblist.txt:1: expected "project,job", got "p1 j1" (no comma)'],
    ['p1/j1', 'joblist.txt:1: expected "project,job", got "p1/j1" (no comma)'],
    ['p1,j1,GZ_UAT', 'joblist.txt:1: expected "project,job", got 3 fields in "p1,j1,GZ_UAT": one job a line'],
    [',j1', 'joblist.txt:1: expected "project,job", got ",j1" (empty project name)'],
    ['p1,', 'joblist.txt:1: expected "project,job", got "p1," (empty job name)'],
    ['p1 ,   # no job', 'joblist.txt:1: expected "project,job", got "p1 ," (empty job name)'],
    ['p-1,j1', 'joblist.txt:1: project name "p-1" has characters other than letters, digits, _ and .'],
    ['p1,j 1', 'joblist.txt:1: job name "j 1" has characters other than letters, digits, _ and .'],
    ['p1,作业', 'joblist.txt:1: job name "作业" has characters other than letters, digits, _ and .'],
    ['p1;j1', 'joblist.txt:1: expected "project,job", got "p1;j1" (no comma)'],
  ];
  it.each(malformed)('reports %j', (line, message) => {
    expect(parseJobList(line, FILE)).toEqual({ jobs: [], problems: [{ line: 1, message }] });
  });

  it('reports every bad line with its number and keeps the good ones', () => {
    const result = parseJobList('p1,j1\nbad\np1,j2\np1,j1\n\np1,j2 # again\np2,j1\n', 'jobs/joblist.txt');
    expect(result.jobs.map((j) => `${j.project},${j.job}@${j.line}`)).toEqual(['p1,j1@1', 'p1,j2@3', 'p2,j1@7']);
    expect(result.problems).toEqual([
      { line: 2, message: 'jobs/joblist.txt:2: expected "project,job", got "bad" (no comma)' },
      { line: 4, message: 'jobs/joblist.txt:4: p1,j1 is listed twice (first on line 1): remove one' },
      { line: 6, message: 'jobs/joblist.txt:6: p1,j2 is listed twice (first on line 3): remove one' },
    ]);
  });

  it('tells apart names that differ only in case', () => {
    expect(parseJobList('p1,j1\np1,J1\n', FILE).problems).toEqual([]);
  });
});
