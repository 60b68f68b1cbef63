import { newestFirst, summarize, type ReleaseJournal } from '../journal-model.js';

/**
 * Which packages the store may delete after a release of one job, pure: each job keeps the
 * packages of its newest `keep` distinct releases (by md5, newest first); an older package of the
 * job goes only when no other job keeps it too. Packages no local journal names are never
 * candidates: a shared store also holds what other machines released.
 */

export interface PruneInput {
  /** Every readable journal of the state folder. */
  journals: readonly ReleaseJournal[];
  project: string;
  job: string;
  keep: number;
  /** The release being made: its package is kept even before any cluster has it. */
  current: { releaseId: string; md5: string };
}

export function packagesToPrune(input: PruneInput): string[] {
  const counted = input.journals.filter((j) => j.releaseId === input.current.releaseId || summarize(j).done.length > 0);
  const byJob = new Map<string, ReleaseJournal[]>();
  for (const journal of counted) {
    const key = jobKey(journal.project, journal.job);
    byJob.set(key, [...(byJob.get(key) ?? []), journal]);
  }
  const kept = new Set<string>([input.current.md5]);
  for (const list of byJob.values()) for (const md5 of newestDistinct(list, input.keep)) kept.add(md5);
  // A release that reached no cluster keeps nothing, but its package may go like any other.
  const own = input.journals.filter((j) => j.project === input.project && j.job === input.job);
  return [...new Set(own.map((j) => j.package.md5))].filter((md5) => !kept.has(md5));
}

/** The md5s of the newest `keep` distinct packages, newest release first. */
export function newestDistinct(journals: readonly ReleaseJournal[], keep: number): string[] {
  const sorted = [...journals].sort(newestFirst);
  const out: string[] = [];
  for (const journal of sorted) {
    if (out.length >= keep) break;
    if (!out.includes(journal.package.md5)) out.push(journal.package.md5);
  }
  return out;
}

/**
 * Which journal files a prune of one job needs checked in full, judged by their JSON alone: the
 * job's own, and all of every other job that released one of the same packages (whether that job
 * still keeps it depends on all its releases). No other journal can change what is pruned.
 */
export function journalsThatMatter(jsons: readonly unknown[], project: string, job: string): (json: unknown) => boolean {
  const own = jobKey(project, job);
  const ownMd5s = new Set<string | undefined>(jsons.filter((json) => keyOf(json) === own).map(md5Of));
  ownMd5s.delete(undefined);
  const sharing = new Set(jsons.filter((json) => ownMd5s.has(md5Of(json))).map(keyOf));
  sharing.delete(undefined);
  sharing.add(own);
  return (json) => sharing.has(keyOf(json));
}

function keyOf(json: unknown): string | undefined {
  const { project, job } = (json ?? {}) as { project?: unknown; job?: unknown };
  return typeof project === 'string' && typeof job === 'string' ? jobKey(project, job) : undefined;
}

function md5Of(json: unknown): string | undefined {
  const md5 = ((json ?? {}) as { package?: { md5?: unknown } }).package?.md5;
  return typeof md5 === 'string' ? md5 : undefined;
}

function jobKey(project: string, job: string): string {
  return `${project}/${job}`;
}
