import { errorMessage, StmsError } from '../errors.js';
import type { StreamisClient } from '../streamis/index.js';
import { plannedEdits, undoDecision, withEdits, type ConfigEdit } from './config-edits.js';
import { clearIntent, readIntent, recordIntent } from './intent-store.js';
import type { RestoreMode } from './restore-mode.js';

/**
 * A start that restores from a known savepoint (the I/O around the pure decisions of
 * config-edits): write the path into the job's produce group (the whole map goes back), check
 * with inspect that the server now shows it, start, and as soon as `job/execute` has returned put
 * back the keys stms changed, where they still hold stms's value. The intent is recorded before
 * the write, so a run interrupted in between is undone by the next one (`undoLeftover`).
 */

export interface RestoreTarget {
  client: StreamisClient;
  stateDir: string;
  cluster: string;
  jobId: number;
  project: string;
  job: string;
}

export interface UndoOutcome {
  /** Keys put back. */
  undone: string[];
  /** Keys someone changed meanwhile: their value was kept. */
  superseded: string[];
  /** Why the undo could not be done (the intent stays recorded for the next run). */
  error?: string;
}

export interface RestoreStartResult {
  /** What the server said the start restores from (inspect's snapshot path), null for a fresh start. */
  restoredFrom: string | null;
  edits: ConfigEdit[];
  undo?: UndoOutcome;
  /** A change left by an interrupted run, undone before this start. */
  leftover?: UndoOutcome;
}

/** inspect's placeholder when no snapshot is configured or found: not a path. */
export function snapshotPathOf(path: string | null | undefined): string | null {
  return path && /^[a-z][a-z0-9+.-]*:\/\//i.test(path) ? path : null;
}

/** Undoes a change an interrupted run left on this job, if its intent was recorded. */
export async function undoLeftover(target: RestoreTarget): Promise<UndoOutcome | undefined> {
  const intent = await readIntent(target.stateDir, target.cluster, target.jobId);
  if (!intent) return undefined;
  return undoEdits(target, intent.edits);
}

async function undoEdits(target: RestoreTarget, edits: readonly ConfigEdit[]): Promise<UndoOutcome> {
  try {
    const current = await target.client.jobConfig(target.jobId);
    const decision = undoDecision(current, edits);
    if (decision.undo.length > 0) await target.client.saveJobConfig(target.jobId, withEdits(current, decision.undo, 'undo'));
    await clearIntent(target.stateDir, target.cluster, target.jobId);
    return { undone: decision.undo.map((e) => e.key), superseded: decision.superseded.map((e) => e.key) };
  } catch (error) {
    return { undone: [], superseded: [], error: errorMessage(error) };
  }
}

/**
 * Starts the job restoring as `mode` says (`savepoint`: from `savepoint`). Throws the server's
 * refusal of the write, the inspect or the start (after undoing the write); a failed undo is
 * returned, not thrown: the job was started.
 */
export async function startWithRestore(target: RestoreTarget, mode: RestoreMode, savepoint?: string, now: () => Date = () => new Date()): Promise<RestoreStartResult> {
  const { client, jobId } = target;
  const leftover = await undoLeftover(target);
  if (leftover?.error) throw new StmsError('LAUNCH', `${target.cluster}: a savepoint path an interrupted run wrote into ${target.project}/${target.job}'s configuration could not be removed: ${leftover.error}`);
  const extra = leftover ? { leftover } : {};

  if (mode.kind === 'latest') {
    const inspected = await client.inspect(jobId);
    await client.execute(jobId);
    return { restoredFrom: snapshotPathOf(inspected.snapshot?.path), edits: [], ...extra };
  }

  const config = await client.jobConfig(jobId);
  const edits = plannedEdits(config, mode, savepoint);
  if (edits.length > 0) {
    await recordIntent(target.stateDir, { cluster: target.cluster, jobId, project: target.project, job: target.job, edits, at: now().toISOString() });
    try {
      await client.saveJobConfig(jobId, withEdits(config, edits));
    } catch (error) {
      // The answer may be lost after the save: look, and undo what did land.
      await undoEdits(target, edits);
      throw error;
    }
  }
  let undo: UndoOutcome | undefined;
  try {
    const inspected = await client.inspect(jobId);
    const shown = snapshotPathOf(inspected.snapshot?.path);
    const wanted = mode.kind === 'none' ? null : mode.kind === 'path' ? mode.path : (savepoint ?? null);
    if (shown !== wanted) {
      throw new StmsError(
        'LAUNCH',
        `${target.cluster}: after writing the savepoint path into ${target.project}/${target.job}'s configuration, inspect shows the start would restore from ${shown ?? 'nothing'}, not ${wanted ?? 'nothing'}; nothing was started`,
      );
    }
    await client.execute(jobId);
    return { restoredFrom: shown, edits, ...extra, ...(edits.length > 0 ? { undo: (undo = await undoEdits(target, edits)) } : {}) };
  } finally {
    if (edits.length > 0 && undo === undefined) await undoEdits(target, edits);
  }
}
