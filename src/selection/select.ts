import { UsageError } from '../errors.js';
import { plural } from '../package/problem-text.js';
import { describeCriteria, labelsOf, matchesCriteria, type SelectionCriteria } from './criteria.js';

/**
 * From the job/list rows each cluster gave to the selected jobs (docs/concepts.md "Selecting
 * jobs"): narrowed to the exact label (the server matched it as a substring), one entry per
 * project/job however many clusters have it, sorted by job name then project. Pure.
 */

export interface ListedRow {
  name: string;
  projectName?: string | null | undefined;
  label?: string | null | undefined;
}

export interface ClusterRows<R extends ListedRow = ListedRow> {
  cluster: string;
  /** The project the rows were listed for: a row without projectName belongs to it. */
  project: string;
  rows: R[];
}

export interface SelectedJob {
  project: string;
  job: string;
  /** Every label the job has on any of its clusters, in the order first seen. */
  labels: string[];
  /** The clusters that have it, in --clusters order. */
  clusters: string[];
}

/** The rows of each listing that the criteria select. */
export function narrowListings<R extends ListedRow>(listings: ReadonlyArray<ClusterRows<R>>, criteria: SelectionCriteria): Array<ClusterRows<R>> {
  return listings.map((l) => ({ ...l, rows: l.rows.filter((row) => matchesCriteria(row, criteria)) }));
}

/** One entry per project/job across the listings (given in --clusters order), sorted by job, then project. */
export function mergeListings(listings: ReadonlyArray<ClusterRows>): SelectedJob[] {
  const jobs = new Map<string, SelectedJob>();
  for (const listing of listings) {
    for (const row of listing.rows) {
      const project = row.projectName ?? listing.project;
      const key = `${project}\u0000${row.name}`;
      let job = jobs.get(key);
      if (!job) {
        job = { project, job: row.name, labels: [], clusters: [] };
        jobs.set(key, job);
      }
      for (const label of labelsOf(row.label)) if (!job.labels.includes(label)) job.labels.push(label);
      if (!job.clusters.includes(listing.cluster)) job.clusters.push(listing.cluster);
    }
  }
  return [...jobs.values()].sort((a, b) => compare(a.job, b.job) || compare(a.project, b.project));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const NAMED = 5;

/**
 * An empty selection, or one of another size than `--expect` says, is a usage error (exit 2)
 * before anything is written; undefined when the selection may go on.
 */
export function selectionProblem(selected: readonly SelectedJob[], criteria: SelectionCriteria, clusters: readonly string[], expect: number | undefined): UsageError | undefined {
  if (selected.length === 0) {
    return new UsageError(`no jobs of ${describeCriteria(criteria)} on ${clusters.join(', ')}`, { hint: 'Check the project, --label (matched exactly) and --name-like, or the --clusters.' });
  }
  if (expect === undefined || selected.length === expect) return undefined;
  const names = selected.slice(0, NAMED).map((j) => `${j.project}/${j.job}`).join(', ');
  const more = selected.length > NAMED ? ` and ${selected.length - NAMED} more` : '';
  return new UsageError(`--expect ${expect}, but ${plural(selected.length, 'job')} of ${describeCriteria(criteria)} ${selected.length === 1 ? 'matches' : 'match'} on ${clusters.join(', ')}: ${names}${more}; nothing was done`, {
    details: { expected: expect, found: selected.length, jobs: selected.map((j) => `${j.project}/${j.job}`) },
    hint: 'Look with --dry-run, then narrow with --label or --name-like, or correct --expect.',
  });
}
