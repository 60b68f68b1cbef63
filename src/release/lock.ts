import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { StmsError } from '../errors.js';
import { describeOwner, tryLockFile } from '../util/file-lock.js';
import { stateWriteError } from './journal-store.js';

/**
 * One release of a job at a time from one state folder. Two at once (a CI retry racing the
 * first run, or the same `--resume ID` typed twice) would each look, find the version not there,
 * and upload: two versions on one cluster. The lock is `.stms/locks/release-<project>.<job>.lock`.
 */

export interface ReleaseLock {
  file: string;
  release(): Promise<void>;
}

export async function lockRelease(stateDir: string, app: { project: string; job: string }, releaseId: string): Promise<ReleaseLock> {
  const dir = path.join(stateDir, 'locks');
  const file = path.join(dir, `release-${safe(app.project)}.${safe(app.job)}.lock`);
  let attempt;
  try {
    await mkdir(dir, { recursive: true });
    attempt = await tryLockFile(file, `release ${releaseId}`);
  } catch (error) {
    throw stateWriteError(stateDir, error, 'the release lock');
  }
  if (attempt.acquired) return { file, release: attempt.release };
  throw new StmsError('LOCAL_STATE', `another release of ${app.project}/${app.job} is running from this state folder (${describeOwner(attempt.owner)})`, {
    hint: `Wait for it to finish (then --resume or release again). If no such process runs, remove ${file}.`,
    details: { lock: file, owner: attempt.owner ?? null },
  });
}

/** A name that is one file name on every system. */
function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '_');
}
