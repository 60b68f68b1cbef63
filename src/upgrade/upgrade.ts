import { checkJob } from '../launch/check-job.js';
import { createSession } from '../launch/session.js';
import type { JobFailure } from '../launch/types.js';
import { runRelease } from '../release/engine.js';
import { readJournal, stateWriteError } from '../release/journal-store.js';
import type { ReleaseEvents, ReleaseReport, ReleaseRequest, Refusal } from '../release/types.js';
import { describeRestore, type RestoreMode } from '../restore/restore-mode.js';
import { runRollout, type RolloutEvents, type RolloutResult } from '../launch/rollout/rollout.js';
import { UpgradeJournal } from './upgrade-journal.js';

/**
 * `stms upgrade`: release the package (idempotent: clusters that have it say unchanged), check
 * that the clusters agree (the verdict the server requires), then restart the job one cluster at
 * a time from the savepoint each stop produced, or start it where it should run and does not.
 * One release id and one journal cover the whole upgrade.
 */

export interface UpgradeRequest {
  release: ReleaseRequest;
  restore: RestoreMode;
  stableMs: number;
  timeoutMs: number;
  order?: readonly string[];
}

export interface UpgradeEvents {
  release?: ReleaseEvents;
  rollout?: RolloutEvents;
  /** The release is done; the consistency check and rollout follow. */
  onReleased?(report: ReleaseReport): void;
}

export type UpgradeResult =
  | { kind: 'refused'; refusal: Refusal }
  /** Some cluster did not get the package: nothing was restarted. */
  | { kind: 'release-failed'; report: ReleaseReport }
  | { kind: 'checked'; report: ReleaseReport; failure?: JobFailure; rollout?: RolloutResult };

export async function runUpgrade(req: UpgradeRequest, events: UpgradeEvents = {}): Promise<UpgradeResult> {
  const released = await runRelease(req.release, events.release);
  if (released.kind === 'refused') return { kind: 'refused', refusal: released.refusal };
  const report = released.report;
  if (report.notDone.length > 0) return { kind: 'release-failed', report };
  events.onReleased?.(report);

  const { config, targets, signal } = req.release;
  const ref = { project: report.project, job: report.job };
  const redactor = req.release.secrets;
  const journal = new UpgradeJournal(config.stateDir, await readJournal(config.stateDir, report.releaseId), describeRestore(req.restore));
  const session = createSession(config, targets, { signal, trace: req.release.trace, secrets: redactor });
  try {
    const checked = await checkJob(session, ref);
    if (checked.failure) return { kind: 'checked', report, failure: checked.failure };
    const rollout = await runRollout(
      {
        session,
        ref,
        restore: req.restore,
        stableMs: req.stableMs,
        timeoutMs: req.timeoutMs,
        stateDir: config.stateDir,
        previous: journal.section.clusters,
        ...(req.order ? { order: req.order } : {}),
        record: (cluster, state) =>
          journal.record(cluster, state, (text) => redactor.redact(text)).catch((error: unknown) => {
            throw stateWriteError(config.stateDir, error, `the journal of release ${report.releaseId}`);
          }),
      },
      events.rollout,
    );
    return { kind: 'checked', report, rollout, ...(rollout.failure ? { failure: rollout.failure } : {}) };
  } finally {
    await session.close();
  }
}
