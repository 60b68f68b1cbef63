import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file so that a reader (or a crash) sees either the old content or the new one, never
 * half of it: write a temp file beside the target, flush it to disk, then rename over it (atomic
 * on one filesystem; without the flush a power cut could leave an empty journal under the name).
 * Used for the release journal, the package store and the sandbox state.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  await replaceAtomically(file, (temp) => writeFile(temp, content));
}

export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Copies `source` to `file` atomically, the same way. The kernel copies the bytes (no buffer of
 * the whole file in memory: packages reach 1 GiB).
 */
export async function copyFileAtomic(source: string, file: string): Promise<void> {
  await replaceAtomically(file, (temp) => copyFile(source, temp));
}

/** `fill` writes the temp file; it is flushed to disk and renamed over `file`, or removed. */
async function replaceAtomically(file: string, fill: (temp: string) => Promise<void>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fill(temp);
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
