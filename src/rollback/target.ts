import { newestFirst, summarize, type ReleaseJournal } from '../release/journal-model.js';

/**
 * Which package a rollback sends again, from the local journals, pure. The current release of a
 * job is its newest release that reached one of the clusters; the target is the newest older
 * release with another package (or the one `--to RELEASE_ID` names). A rollback is a release
 * like any other, so rolling back twice goes back to where the first one started.
 */

export interface RollbackTarget {
  md5: string;
  /** The release whose package is sent again, when known. */
  releaseId: string | null;
  /** The version `--to` named, when the target came from the servers. */
  version: string | null;
  /** The pkgName the package was released under. */
  packageName: string | null;
  /** What is rolled back: the current release id (or version when no release id is known). */
  rollbackOf: string;
}

export type TargetChoice = { ok: true; target: RollbackTarget } | { ok: false; message: string; hint?: string };

/** The job's releases that reached at least one of `clusters`, newest first. */
export function releasesOn(journals: readonly ReleaseJournal[], project: string, job: string, clusters: readonly string[]): ReleaseJournal[] {
  return journals
    .filter((j) => j.project === project && j.job === job && summarize(j).done.some((c) => clusters.includes(c)))
    .sort(newestFirst);
}

export function chooseFromJournals(journals: readonly ReleaseJournal[], project: string, job: string, clusters: readonly string[], to: string | undefined): TargetChoice {
  const releases = releasesOn(journals, project, job, clusters);
  const current = releases[0];
  if (to !== undefined) {
    const named = journals.find((j) => j.releaseId === to);
    if (!named) return { ok: false, message: `--to ${to}: no journal of that release here`, hint: `\`stms history ${project}/${job}\` lists the releases recorded here; \`stms history ${project}/${job} --clusters ${clusters.join(',')}\` the versions on the servers (--to accepts those too).` };
    if (named.project !== project || named.job !== job) return { ok: false, message: `--to ${to}: that release is of ${named.project}/${named.job}, not ${project}/${job}` };
    if (current && current.package.md5 === named.package.md5) return { ok: false, message: `--to ${to}: ${project}/${job} already has that package (md5 ${named.package.md5}, release ${current.releaseId})` };
    return { ok: true, target: fromJournal(named, current?.releaseId ?? to) };
  }
  if (!current) {
    return { ok: false, message: `no release of ${project}/${job} to ${clusters.join(', ')} is recorded here`, hint: `Pick a version from \`stms history ${project}/${job} --clusters ${clusters.join(',')}\` and pass --to <version>.` };
  }
  const previous = releases.find((j) => j.package.md5 !== current.package.md5);
  if (!previous) return { ok: false, message: `${project}/${job}: no release before ${current.releaseId} with another package is recorded here`, hint: `Pick a version from \`stms history ${project}/${job} --clusters ${clusters.join(',')}\` and pass --to <version>.` };
  return { ok: true, target: fromJournal(previous, current.releaseId) };
}

function fromJournal(journal: ReleaseJournal, rollbackOf: string): RollbackTarget {
  return { md5: journal.package.md5, releaseId: journal.releaseId, version: null, packageName: journal.package.name, rollbackOf };
}

/** `--to vNNNNN`: a version string as the server writes them. */
export function isVersionName(text: string): boolean {
  return /^v\d{5,}$/.test(text);
}
