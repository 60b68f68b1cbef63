import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type archiver from 'archiver';
import { InterruptedError } from '../errors.js';
import { HashingStream } from './md5.js';

/**
 * Writes a zip whose bytes depend only on the entry names and contents, so the same package
 * gives the same md5 on any machine (the md5 is what the consistency check compares):
 * - entries sorted by name in code-unit order (never locale order);
 * - one fixed time, 1980-01-01 00:00:00, the earliest a zip can hold and what reproducible-build
 *   tools use; written as UTC by archiver, so the machine's time zone does not leak in;
 * - mode 0644 for every file, no directory entries;
 * - entries stored, not deflated: deflate output differs between zlib builds (Node bundles
 *   Chromium's zlib, whose output depends on CPU features), and jars are compressed already.
 * The md5 and size are computed on the bytes as they are written; the file appears under its
 * name only when complete (written beside it, then renamed).
 */

export const FIXED_ENTRY_TIME = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));
const FILE_MODE = 0o644;

export interface ZipItem {
  name: string;
  /** Opened only when the entry's turn comes, so a thousand files do not hold a thousand fds. */
  open(): Promise<Readable> | Readable;
}

export interface WrittenZip {
  path: string;
  size: number;
  md5: string;
}

export async function writeDeterministicZip(items: readonly ZipItem[], outFile: string, options: { signal?: AbortSignal } = {}): Promise<WrittenZip> {
  const sorted = [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const target = path.resolve(outFile);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  // Loaded here, not at the top: archiver costs 15 MB, and only `pack` of a folder needs it.
  const { default: createArchive } = await import('archiver');
  const archive = createArchive('zip', { store: true, forceZip64: false });
  const hashing = new HashingStream();
  try {
    const writing = pipeline(archive, hashing, createWriteStream(temp), options.signal ? { signal: options.signal } : {});
    // A failed write (disk full, Ctrl-C) ends the pipeline; racing it keeps the loop from waiting
    // for an entry that will never come.
    writing.catch(() => undefined);
    for (const item of sorted) {
      archive.append(await item.open(), { name: item.name, date: FIXED_ENTRY_TIME, mode: FILE_MODE });
      await Promise.race([entryWritten(archive), writing]);
    }
    await archive.finalize();
    await writing;
    await rename(temp, target);
  } catch (error) {
    archive.abort();
    await rm(temp, { force: true });
    if (options.signal?.aborted) throw new InterruptedError(`interrupted while writing ${target}`);
    throw error;
  }
  return { path: target, size: hashing.bytes, md5: hashing.digest() };
}

/** archiver works on one entry at a time; waiting keeps at most one source open. */
function entryWritten(archive: archiver.Archiver): Promise<void> {
  return new Promise((resolve, reject) => {
    const onEntry = () => {
      archive.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      archive.off('entry', onEntry);
      reject(error);
    };
    archive.once('entry', onEntry);
    archive.once('error', onError);
  });
}
