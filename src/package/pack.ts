import { createReadStream } from 'node:fs';
import path from 'node:path';
import { StmsError } from '../errors.js';
import { readDirPackage } from './dir-reader.js';
import { writeDeterministicZip, type WrittenZip, type ZipItem } from './deterministic-zip.js';

/**
 * `stms pack`'s engine, also used by `release` for a folder package: the folder's files, in a
 * deterministic zip. Callers validate first (inspectPackage); this refuses anything that is not a
 * plain file anyway, so a subfolder or a link can never be silently dropped or followed.
 */
export async function packDirectory(dir: string, outFile: string, options: { signal?: AbortSignal } = {}): Promise<WrittenZip> {
  const listing = await readDirPackage(path.resolve(dir));
  const odd = listing.entries.filter((e) => e.kind !== 'file');
  if (odd.length > 0) {
    throw new StmsError('PACKAGE_INVALID', `${dir} holds ${odd.map((e) => e.name).join(', ')}: a package folder may hold only plain files`, {
      hint: 'Run `stms validate` on the folder to see every problem.',
    });
  }
  return await writeDeterministicZip(dirItems(listing.path, listing.entries.map((e) => e.name)), outFile, options);
}

export function dirItems(dir: string, names: readonly string[]): ZipItem[] {
  return names.map((name) => ({ name, open: () => createReadStream(path.join(dir, name)) }));
}
