import { UsageError } from '../errors.js';
import type { ReleaseJournal } from './journal-model.js';
import type { ClusterResult } from './types.js';

/**
 * `release --resume ID`, pure: the resume must send the same bytes, under the same name and deploy
 * user, to the same clusters as the release it finishes, and the clusters its journal records as
 * done are reported `skipped`.
 */

/** A resume must release the same bytes to the same clusters as the release it finishes. */
export function checkResumeMd5(journal: ReleaseJournal, md5: string): void {
  if (journal.package.md5 !== md5) {
    throw new UsageError(`release ${journal.releaseId} released a package with md5 ${journal.package.md5} (${journal.package.path}); this package has md5 ${md5}`, {
      hint: 'Resume with the same package, or start a new release without --resume.',
    });
  }
}

export function checkResumeTargets(journal: ReleaseJournal, targets: string[]): void {
  const same = targets.length === journal.targets.length && targets.every((t) => journal.targets.includes(t));
  if (!same) {
    throw new UsageError(`release ${journal.releaseId} targets ${journal.targets.join(',')}, not ${targets.join(',')}`, { hint: 'Leave out --clusters with --resume, or pass the release\'s own targets.' });
  }
}

/**
 * The deploy user of a resume: the one the release recorded, so every cluster's source record
 * agrees (the consistency check compares deployUser). Another explicit --deploy-user is refused;
 * a different config or STMS_DEPLOY_USER (CI resuming as another account) is overridden.
 */
export function resumeDeployUser(journal: ReleaseJournal, explicit: string | undefined, fallback: string): string {
  const recorded = journal.deployUser;
  if (recorded === undefined) return explicit ?? fallback;
  if (explicit !== undefined && explicit !== recorded) {
    throw new UsageError(`release ${journal.releaseId} was made as deploy user ${recorded}, not ${explicit}: its clusters must carry one deploy user`, {
      hint: 'Leave out --deploy-user with --resume, or start a new release without --resume.',
    });
  }
  return recorded;
}

/** A cluster the journal already records as done: reported `skipped`, with what it has. */
export function skippedByResume(name: string, journal: ReleaseJournal): ClusterResult {
  const entry = journal.clusters[name];
  return {
    cluster: name,
    outcome: 'skipped',
    ...(entry?.jobId === undefined ? {} : { jobId: entry.jobId }),
    ...(entry?.version === undefined ? {} : { version: entry.version }),
    note: `${entry?.outcome ?? 'done'} earlier in this release`,
  };
}
