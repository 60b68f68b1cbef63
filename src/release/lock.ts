import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StmsError } from '../errors.js';
import { stateWriteError } from './journal-store.js';

/**
 * One release of a job at a time from one state folder. Two at once (a CI retry racing the
 * first run, or the same `--resume ID` typed twice) would each look, find the version not there,
 * and upload: two versions on one cluster. The lock is a file created exclusively in
 * `.stms/locks/`; one left by a process that died on this machine is taken over.
 */

export interface LockOwner {
  pid: number;
  host: string;
  releaseId: string;
  startedAt: string;
}

/** A lock file this old that still holds no owner was left by a writer that died mid-write. */
export const UNREADABLE_LOCK_STALE_MS = 10_000;

/**
 * Pure: may a lock be taken over? When its process is gone from this host, or when it names no
 * owner (`undefined`) and is old enough that its writer cannot still be writing it.
 */
export function isStale(owner: LockOwner | undefined, ageMs: number, host: string, alive: (pid: number) => boolean): boolean {
  if (owner === undefined) return ageMs > UNREADABLE_LOCK_STALE_MS;
  return owner.host === host && !alive(owner.pid);
}

export interface ReleaseLock {
  file: string;
  release(): Promise<void>;
}

export async function lockRelease(stateDir: string, app: { project: string; job: string }, releaseId: string): Promise<ReleaseLock> {
  const dir = path.join(stateDir, 'locks');
  const file = path.join(dir, `release-${safe(app.project)}.${safe(app.job)}.lock`);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), releaseId, startedAt: new Date().toISOString() };
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw stateWriteError(stateDir, error, 'the release lock');
  }
  let owner: LockOwner | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, `${JSON.stringify(me)}\n`, { flag: 'wx' });
      return { file, release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw stateWriteError(stateDir, error, 'the release lock');
    }
    const age = await ageOf(file);
    if (age === undefined) continue; // released meanwhile: try again
    owner = await readOwner(file);
    if (!isStale(owner, age, me.host, isAlive)) break;
    await rm(file, { force: true });
  }
  const who = owner ? `process ${owner.pid} on ${owner.host}, release ${owner.releaseId}, since ${owner.startedAt}` : 'a process that is still starting';
  throw new StmsError('USAGE', `another release of ${app.project}/${app.job} is running from this state folder (${who})`, {
    hint: `Wait for it to finish (then --resume or release again). If no such process runs, remove ${file}.`,
    details: { lock: file, owner: owner ?? null },
  });
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(file, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid !== 'number' || typeof owner.host !== 'string') return undefined;
    return { pid: owner.pid, host: owner.host, releaseId: String(owner.releaseId ?? '?'), startedAt: String(owner.startedAt ?? '?') };
  } catch {
    return undefined;
  }
}

/** Milliseconds since the lock was written; undefined when it is gone. */
async function ageOf(file: string): Promise<number | undefined> {
  try {
    return Date.now() - (await stat(file)).mtimeMs;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A name that is one file name on every system. */
function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '_');
}
