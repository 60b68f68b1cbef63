import path from 'node:path';
import { StmsError } from '../errors.js';
import { describeOwner, tryLockFile } from '../util/file-lock.js';

/**
 * One sandbox per state folder. Two at once (`stms sandbox` typed in two terminals) would each
 * keep the state in memory and write it over the other's, and the second rewrites
 * stms.config.json to point at itself: jobs released to one would vanish when the other stops.
 * The lock is `sandbox.lock`; one left by a process that died on this machine is taken over.
 */

export const LOCK_FILE_NAME = 'sandbox.lock';

export async function lockSandboxDir(dir: string): Promise<{ release(): Promise<void> }> {
  const file = path.join(dir, LOCK_FILE_NAME);
  const attempt = await tryLockFile(file, 'stms sandbox');
  if (attempt.acquired) return attempt;
  throw new StmsError('LOCAL_STATE', `another sandbox is using ${dir} (${describeOwner(attempt.owner)})`, {
    hint: `Stop it first (Ctrl-C where it runs), or give this one another --dir. If no such process runs, remove ${file}.`,
    details: { lock: file, owner: attempt.owner ?? null },
  });
}
