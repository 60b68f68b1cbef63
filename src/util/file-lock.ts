import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';

/**
 * A lock file created exclusively (`wx`), holding who owns it. One left by a process that died
 * on this machine is taken over; one whose owner cannot be read is taken over only once it is
 * old enough that its writer cannot still be writing it. Callers say what the lock guards and
 * word the refusal themselves (the release lock; the sandbox's dir lock can use it too).
 */

export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  /** What the owner is doing, e.g. its release id. */
  label?: string;
}

/** A lock file this old that still names no owner was left by a writer that died mid-write. */
export const UNREADABLE_LOCK_STALE_MS = 10_000;

/** Pure: may a lock be taken over? `owner` undefined: the file names no readable owner. */
export function isStale(owner: LockOwner | undefined, ageMs: number, host: string, alive: (pid: number) => boolean): boolean {
  if (owner === undefined) return ageMs > UNREADABLE_LOCK_STALE_MS;
  return owner.host === host && !alive(owner.pid);
}

export type LockAttempt = { acquired: true; release(): Promise<void> } | { acquired: false; owner: LockOwner | undefined };

/** Takes the lock `file` (its folder must exist); errors other than "held" are thrown as they are. */
export async function tryLockFile(file: string, label?: string): Promise<LockAttempt> {
  const me: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), ...(label ? { label } : {}) };
  let owner: LockOwner | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, `${JSON.stringify(me)}\n`, { flag: 'wx' });
      return { acquired: true, release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const age = await ageOf(file);
    if (age === undefined) continue; // released meanwhile: try again
    owner = await readOwner(file);
    if (!isStale(owner, age, me.host, isAlive)) break;
    await rm(file, { force: true });
  }
  return { acquired: false, owner };
}

/** "process 42 on ci-01, release X, since …" for the refusal. */
export function describeOwner(owner: LockOwner | undefined): string {
  if (!owner) return 'a process that is still starting';
  return `process ${owner.pid} on ${owner.host}${owner.label ? `, ${owner.label}` : ''}, since ${owner.startedAt}`;
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(file, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid !== 'number' || typeof owner.host !== 'string') return undefined;
    return { pid: owner.pid, host: owner.host, startedAt: String(owner.startedAt ?? '?'), ...(typeof owner.label === 'string' ? { label: owner.label } : {}) };
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
