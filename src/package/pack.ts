import { createReadStream } from 'node:fs';
import path from 'node:path';
import { StmsError } from '../errors.js';
import { readDirPackage } from './dir-reader.js';
import { planZip, writeZip, type WrittenZip, type ZipPlan, type ZipSource } from './stored-zip.js';
import type { PackageListing } from './types.js';

const READ_SIZE = 1024 * 1024;

/**
 * `stms pack`'s engine, also used by `release` for a folder package: the folder's files, in the
 * one zip layout (stored-zip.ts). Callers validate first (inspectPackage); this refuses anything
 * that is not a plain file anyway, so a subfolder or a link can never be silently dropped or followed.
 */
export async function packDirectory(dir: string, outFile: string, options: { signal?: AbortSignal } = {}): Promise<WrittenZip> {
  return await writeZip(await planDirectory(dir), outFile, options);
}

/** The plan of a folder's zip; `replace` swaps an entry's content (a rendered meta.json). */
export async function planDirectory(dir: string, options: { replace?: ZipSource; sharedUntil?: string } = {}): Promise<ZipPlan> {
  const listing = await readDirPackage(path.resolve(dir));
  const odd = listing.entries.filter((e) => e.kind !== 'file');
  if (odd.length > 0) {
    throw new StmsError('PACKAGE_INVALID', `${dir} holds ${odd.map((e) => e.name).join(', ')}: a package folder may hold only plain files`, {
      hint: 'Run `stms validate` on the folder to see every problem.',
    });
  }
  const { replace } = options;
  const files = dirSources(listing).filter((source) => source.name !== replace?.name);
  return planZip(replace ? [...files, replace] : files, options.sharedUntil === undefined ? {} : { sharedUntil: options.sharedUntil });
}

/** Sizes from the listing: a file that grows or shrinks before it is read fails the zip. */
function dirSources(listing: PackageListing): ZipSource[] {
  return listing.entries.map((entry) => ({ name: entry.name, size: entry.size, open: () => createReadStream(path.join(listing.path, entry.name), { highWaterMark: READ_SIZE }) }));
}
