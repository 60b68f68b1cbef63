import { describe, expect, it } from 'vitest';
import type { InitOptions } from '../../../src/init/options.js';
import { nextCommands, PLACEHOLDER_MAIN_CLASS, planInit, templateValues } from '../../../src/init/plan.js';
import { shellQuote } from '../../../src/util/shell-quote.js';

const base: InitOptions = { mode: 'package', type: 'flink.sql', project: 'p1', job: 'j1', owner: 'alexyang', force: false };

describe('planInit', () => {
  it('lays out a flink.sql job: config, vars, CMDB stub, and the package folder with meta.json and the sql', () => {
    expect(planInit(base)).toEqual([
      { path: 'stms.config.yaml', source: { kind: 'template', template: 'shared/stms.config.yaml' }, executable: false },
      { path: 'vars.yaml', source: { kind: 'template', template: 'flink.sql/vars.yaml' }, executable: false },
      { path: 'cmdb.json', source: { kind: 'template', template: 'shared/cmdb.json' }, executable: false },
      { path: 'j1/meta.json', source: { kind: 'template', template: 'flink.sql/meta.json' }, executable: false },
      { path: 'j1/j1.sql', source: { kind: 'template', template: 'flink.sql/job.sql' }, executable: false },
    ]);
  });

  it('lays out a flink.jar job with a generated main jar and a resource file', () => {
    const plan = planInit({ ...base, type: 'flink.jar', job: 'risk.v2' });
    expect(plan.map((f) => f.path)).toEqual(['stms.config.yaml', 'vars.yaml', 'cmdb.json', 'risk.v2/meta.json', 'risk.v2/risk.v2.jar', 'risk.v2/risk.v2.properties']);
    expect(plan.find((f) => f.path.endsWith('.jar'))?.source).toEqual({ kind: 'jar', mainClass: PLACEHOLDER_MAIN_CLASS });
    expect(plan.find((f) => f.path === 'vars.yaml')?.source).toEqual({ kind: 'template', template: 'flink.jar/vars.yaml' });
  });

  it('lays out the job-list folder, with only job-list.sh executable', () => {
    const plan = planInit({ ...base, mode: 'job-list' });
    expect(plan.map((f) => [f.path, f.executable])).toEqual([
      ['job-list/joblist.txt', false],
      ['job-list/streamis-env.sh', false],
      ['job-list/user-env.sh', false],
      ['job-list/job-list.sh', true],
    ]);
  });

  it('fills the templates with the names and the main class the jar declares', () => {
    expect(templateValues(base)).toEqual({ project: 'p1', job: 'j1', owner: 'alexyang', mainClass: PLACEHOLDER_MAIN_CLASS });
  });
});

describe('nextCommands', () => {
  it.each<[string, InitOptions, string, string[]]>([
    ['a job in the current folder', base, '.', ['stms validate j1 --clusters GZ_UAT,TJ_UAT', 'stms plan j1 --clusters GZ_UAT,TJ_UAT', 'stms release j1 --clusters GZ_UAT,TJ_UAT', 'stms launch p1/j1 --clusters GZ_UAT,TJ_UAT']],
    ['a job in a subfolder', base, 'jobs/demo', ['cd jobs/demo', 'stms validate j1 --clusters GZ_UAT,TJ_UAT', 'stms plan j1 --clusters GZ_UAT,TJ_UAT', 'stms release j1 --clusters GZ_UAT,TJ_UAT', 'stms launch p1/j1 --clusters GZ_UAT,TJ_UAT']],
    ['a job-list folder', { ...base, mode: 'job-list' }, '../ops', ['cd ../ops', 'stms check --job-list job-list --clusters GZ_UAT,TJ_UAT', './job-list/job-list.sh']],
    ['a folder with a space', { ...base, mode: 'job-list' }, 'my jobs', ["cd 'my jobs'", 'stms check --job-list job-list --clusters GZ_UAT,TJ_UAT', './job-list/job-list.sh']],
  ])('%s', (_what, options, dir, expected) => {
    expect(nextCommands(options, dir)).toEqual(expected);
  });
});

describe('shellQuote', () => {
  it.each([
    ['demo', 'demo'],
    ['../a/b-c_d.e', '../a/b-c_d.e'],
    ['my jobs', "'my jobs'"],
    ["it's", "'it'\\''s'"],
    ['$HOME', "'$HOME'"],
    ['', "''"],
  ])('%j -> %s', (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });
});
