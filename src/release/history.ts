import { formatLocalDateTime } from '../util/local-time.js';
import type { ReleaseJournal } from './journal-model.js';

/**
 * `stms history`, pure: which journals a `project/job` filter keeps, their `--json` form and the
 * rows of the human table (newest first, as listJournals returns them).
 */

export interface HistoryFilter {
  project: string;
  job: string | undefined;
}

/** `p1/j1` keeps that job's releases, `p1` (or `p1/`) every job of the project. */
export function parseHistoryFilter(text: string | undefined): HistoryFilter | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const [project = '', job] = text.trim().split('/', 2);
  return { project, job: job === undefined || job === '' ? undefined : job };
}

export function matches(journal: ReleaseJournal, filter: HistoryFilter | undefined): boolean {
  if (!filter) return true;
  return journal.project === filter.project && (filter.job === undefined || journal.job === filter.job);
}

export function historyJson(journal: ReleaseJournal, file: string): Record<string, unknown> {
  return {
    releaseId: journal.releaseId,
    createdAt: journal.createdAt,
    project: journal.project,
    job: journal.job,
    policy: journal.policy,
    deployUser: journal.deployUser ?? null,
    md5: journal.package.md5,
    package: journal.package,
    targets: journal.targets,
    clusters: journal.clusters,
    journal: file,
  };
}

/** id, time, project/job, policy, md5, per-cluster outcomes. */
export function historyRow(journal: ReleaseJournal): string[] {
  const outcomes = journal.targets.map((t) => `${t}=${journal.clusters[t]?.outcome ?? 'pending'}`).join(' ');
  return [journal.releaseId, localTime(journal.createdAt), `${journal.project}/${journal.job}`, journal.policy, journal.package.md5, outcomes];
}

/** `yyyy-MM-dd HH:mm:ss` in local time, like the source record's createTime. */
function localTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatLocalDateTime(date);
}
