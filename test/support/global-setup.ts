import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * One temp folder for the whole run: every test's temp files (and those of the stms processes
 * and sandboxes it starts, which inherit TMPDIR) land inside it, and it is removed at the end, so
 * a test that forgets to clean up leaves nothing behind on the machine.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'stms-tests-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return async () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    await rm(root, { recursive: true, force: true });
  };
}
