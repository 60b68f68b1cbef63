import { describe, expect, it } from 'vitest';
import { describeCriteria, labelsOf, matchesCriteria, selectionCriteria, type SelectionFlags } from '../../../src/selection/criteria.js';
import { UsageError } from '../../../src/errors.js';

function refusal(flags: SelectionFlags): string {
  try {
    selectionCriteria(flags);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('selectionCriteria', () => {
  it('is undefined when nothing selects by project', () => {
    expect(selectionCriteria({ projects: [] })).toBeUndefined();
    expect(selectionCriteria({ projects: [], job: 'p1/j1', dryRun: false })).toBeUndefined();
  });

  it('keeps the project, the trimmed label and the name text', () => {
    expect(selectionCriteria({ projects: ['p1'] })).toEqual({ projects: ['p1'] });
    expect(selectionCriteria({ projects: ['p1', 'p2', 'p1'], label: ' kafka ', nameLike: 'etl_1.x' })).toEqual({ projects: ['p1', 'p2'], label: 'kafka', nameLike: 'etl_1.x' });
  });

  it.each<[string, SelectionFlags, string]>([
    ['--label alone', { projects: [], label: 'kafka' }, '--label selects among the jobs of a project: add --project P'],
    ['several narrowing flags alone', { projects: [], nameLike: 'x', expect: 3, dryRun: true }, '--name-like, --expect, --dry-run select among the jobs of a project: add --project P'],
    ['a job and a project', { projects: ['p1'], job: 'p1/j1' }, 'give either a job (p1/j1) or --project, not both'],
    ['a job list and a project', { projects: ['p1'], jobList: 'list' }, 'give either --job-list or --project, not both'],
    ['a bad project name', { projects: ['a/b'] }, '--project a/b: a project name has only letters, digits, _ and .'],
    ['a label with a comma', { projects: ['p1'], label: 'kafka,etl' }, '--label "kafka,etl": give one label, without commas'],
    ['a blank label', { projects: ['p1'], label: '  ' }, '--label "  ": give one label'],
    ['a name with a comma', { projects: ['p1'], nameLike: 'a,b' }, '--name-like "a,b": the server searches job names with letters, digits, _ and . only (no commas)'],
    ['a name with a hyphen', { projects: ['p1'], nameLike: 'a-b' }, '--name-like "a-b": the server searches'],
    ['an empty name', { projects: ['p1'], nameLike: '' }, '--name-like "": the server searches'],
  ])('refuses %s', (_name, flags, message) => {
    expect(refusal(flags)).toContain(message);
  });
});

describe('labels', () => {
  it.each<[string | null | undefined, string[]]>([
    ['kafka', ['kafka']],
    ['kafka, etl ,', ['kafka', 'etl']],
    ['', []],
    [null, []],
    [undefined, []],
  ])('labelsOf(%j)', (field, labels) => {
    expect(labelsOf(field)).toEqual(labels);
  });

  it.each<[string | null, boolean]>([
    ['kafka', true],
    ['kafka2', false],
    ['kafka,etl', true],
    ['etl, kafka', true],
    ['kafka2,etl', false],
    ['Kafka', false],
    [null, false],
  ])('the label kafka matches %j exactly: %s', (label, matches) => {
    expect(matchesCriteria({ name: 'j', label }, { label: 'kafka' })).toBe(matches);
  });

  it('matches the name as a substring, and everything without criteria', () => {
    expect(matchesCriteria({ name: 'orders_etl_1', label: null }, { nameLike: 'etl' })).toBe(true);
    expect(matchesCriteria({ name: 'orders', label: null }, { nameLike: 'etl' })).toBe(false);
    expect(matchesCriteria({ name: 'orders', label: null }, {})).toBe(true);
  });

  it('describes the criteria for messages', () => {
    expect(describeCriteria({ projects: ['p1'] })).toBe('project p1');
    expect(describeCriteria({ projects: ['p1', 'p2'], label: 'kafka', nameLike: 'etl' })).toBe('projects p1, p2 with label kafka and a name containing etl');
  });
});
