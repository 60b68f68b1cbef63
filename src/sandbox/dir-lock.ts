import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.js';

/**
 * One sandbox per state folder. Two at once (`stms sandbox` typed in two terminals) would each
 * keep the state in memory and write it over the other's, and the second rewrites
 * stms.config.json to point at itself: jobs released to one would vanish when the other stops.
 * The lock is `sandbox.lock`, created exclusively; one left by a process that died on this
 * machine is taken over.
 */

export const LOCK_FILE_NAME = 'sandbox.lock';

interface Owner {
  pid: number;
  host: string;
  startedAt: string;
}

export async function lockSandboxDir(dir: string): Promise<{ release(): Promise<void> }> {
  const file = path.join(dir, LOCK_FILE_NAME);
  const me: Owner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(file, `${JSON.stringify(me)}\n`, { flag: 'wx' });
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(file);
    // Unreadable (its writer died mid-write) or a dead process of this host: take it over once.
    if (attempt === 0 && (owner === undefined || (owner.host === me.host && !isAlive(owner.pid)))) {
      await rm(file, { force: true });
      continue;
    }
    const who = owner ? `process ${owner.pid} on ${owner.host}, since ${owner.startedAt}` : 'a process that is still starting';
    throw new UsageError(`another sandbox is using ${dir} (${who})`, {
      hint: `Stop it first (Ctrl-C where it runs), or give this one another --dir. If no such process runs, remove ${file}.`,
      details: { lock: file, owner: owner ?? null },
    });
  }
}

async function readOwner(file: string): Promise<Owner | undefined> {
  try {
    const owner = JSON.parse(await readFile(file, 'utf8')) as Partial<Owner>;
    if (typeof owner.pid !== 'number' || typeof owner.host !== 'string') return undefined;
    return { pid: owner.pid, host: owner.host, startedAt: String(owner.startedAt ?? '?') };
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
