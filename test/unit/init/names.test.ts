import { describe, expect, it } from 'vitest';
import { jobNameProblem, MAX_JOB_LENGTH, MAX_PROJECT_LENGTH, ownerProblem, projectNameProblem } from '../../../src/init/names.js';

describe('projectNameProblem', () => {
  it.each([
    ['my_project', true],
    ['P1', true],
    ['1_project', true],
    ['x'.repeat(MAX_PROJECT_LENGTH), true],
    ['x'.repeat(MAX_PROJECT_LENGTH + 1), false],
    ['', false],
    ['my-project', false],
    ['my.project', false],
    ['my project', false],
    ['项目', false],
    ['../etc', false],
  ])('%j ok=%s', (name, ok) => {
    const problem = projectNameProblem(name);
    if (ok) expect(problem).toBeUndefined();
    else expect(problem).toMatch(/project name/);
  });

  it('states the rule', () => {
    expect(projectNameProblem('a-b')).toContain('letters, digits and _ only');
  });
});

describe('jobNameProblem', () => {
  it.each([
    ['my_job', true],
    ['job.v2', true],
    ['0725_1', true],
    ['_hidden_ok', true],
    ['x'.repeat(MAX_JOB_LENGTH), true],
    ['x'.repeat(MAX_JOB_LENGTH + 1), false],
    ['', false],
    ['.', false],
    ['..', false],
    ['.job', false],
    ['a-b', false],
    ['a,b', false],
    ['a/b', false],
    ['a b', false],
  ])('%j ok=%s', (name, ok) => {
    const problem = jobNameProblem(name);
    if (ok) expect(problem).toBeUndefined();
    else expect(problem).toMatch(/job name/);
  });

  it('states the rule, including the hyphen Streamis cannot search', () => {
    expect(jobNameProblem('a-b')).toContain('letters, digits, _ and . only');
  });
});

describe('ownerProblem', () => {
  it.each([
    ['alexyang', true],
    ['ci-bot', true],
    ['first.last', true],
    ['hduser', false],
    ['HDUSER', false],
    ['hduser_01', false],
    ['', false],
    ['-rf', false],
    ['a b', false],
    ['a,b', false],
  ])('%j ok=%s', (name, ok) => {
    const problem = ownerProblem(name);
    if (ok) expect(problem).toBeUndefined();
    else expect(problem).toMatch(/owner/);
  });

  it('says why hduser is refused', () => {
    expect(ownerProblem('hduser')).toContain('hduser');
  });
});
