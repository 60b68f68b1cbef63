import { UsageError } from '../errors.js';
import { NAME_PATTERN } from '../meta/keys.js';

/**
 * What `--project P [--label L] [--name-like S] [--expect N] [--dry-run]` ask for, checked before
 * any cluster is called (docs/concepts.md "Selecting jobs"). Pure.
 */

export interface SelectionCriteria {
  /** One for the job commands; audit takes several. */
  projects: string[];
  /** A job is selected when its comma-separated labels include this one exactly. */
  label?: string | undefined;
  /** A substring of the job name, as job/list matches it. */
  nameLike?: string | undefined;
}

export interface SelectionFlags {
  projects: readonly string[];
  /** The positional `project/job` and `--job-list` of the job commands: another way to choose the jobs. */
  job?: string | undefined;
  jobList?: string | undefined;
  label?: string | undefined;
  nameLike?: string | undefined;
  expect?: number | undefined;
  dryRun?: boolean | undefined;
}

/**
 * job/list accepts only these characters in jobName, and a comma turns the search into a list of
 * exact names (docs/streamis-contract.md §5.2): a `--name-like` is a substring, so no comma.
 */
const NAME_LIKE = /^[A-Za-z0-9_.]+$/;

/** The criteria of the flags, or undefined when none asks for a selection; a UsageError for a wrong mix. */
export function selectionCriteria(flags: SelectionFlags): SelectionCriteria | undefined {
  const narrowing = [
    ['--label', flags.label !== undefined],
    ['--name-like', flags.nameLike !== undefined],
    ['--expect', flags.expect !== undefined],
    ['--dry-run', flags.dryRun === true],
  ] as const;
  if (flags.projects.length === 0) {
    const given = narrowing.filter(([, on]) => on).map(([flag]) => flag);
    if (given.length > 0) throw new UsageError(`${given.join(', ')} ${given.length === 1 ? 'selects' : 'select'} among the jobs of a project: add --project P`);
    return undefined;
  }
  if (flags.job !== undefined) throw new UsageError(`give either a job (${flags.job}) or --project, not both`);
  if (flags.jobList !== undefined) throw new UsageError('give either --job-list or --project, not both');
  for (const project of flags.projects) {
    if (!NAME_PATTERN.test(project)) throw new UsageError(`--project ${project}: a project name has only letters, digits, _ and .`);
  }
  const label = flags.label?.trim();
  if (label !== undefined && (label === '' || label.includes(','))) {
    throw new UsageError(`--label "${flags.label}": give one label, without commas (a job is selected when its labels include it)`);
  }
  if (flags.nameLike !== undefined && !NAME_LIKE.test(flags.nameLike)) {
    throw new UsageError(`--name-like "${flags.nameLike}": the server searches job names with letters, digits, _ and . only (no commas)`);
  }
  return { projects: [...new Set(flags.projects)], ...(label === undefined ? {} : { label }), ...(flags.nameLike === undefined ? {} : { nameLike: flags.nameLike }) };
}

/** A job's labels: job/list's `label` split on commas, each trimmed, blanks dropped. */
export function labelsOf(field: string | null | undefined): string[] {
  return (field ?? '').split(',').map((l) => l.trim()).filter((l) => l !== '');
}

/** Whether a job/list row matches: the label exactly among its labels, the name as a substring. */
export function matchesCriteria(row: { name: string; label?: string | null | undefined }, criteria: Pick<SelectionCriteria, 'label' | 'nameLike'>): boolean {
  if (criteria.label !== undefined && !labelsOf(row.label).includes(criteria.label)) return false;
  return criteria.nameLike === undefined || row.name.includes(criteria.nameLike);
}

/** The criteria in words, for messages: `project p1 with label kafka and a name containing etl`. */
export function describeCriteria(criteria: SelectionCriteria): string {
  const projects = criteria.projects.length === 1 ? `project ${criteria.projects[0]}` : `projects ${criteria.projects.join(', ')}`;
  const parts = [
    ...(criteria.label === undefined ? [] : [`label ${criteria.label}`]),
    ...(criteria.nameLike === undefined ? [] : [`a name containing ${criteria.nameLike}`]),
  ];
  return parts.length === 0 ? projects : `${projects} with ${parts.join(' and ')}`;
}
