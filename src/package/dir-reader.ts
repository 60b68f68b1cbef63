import { lstat, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { zipSize } from './stored-zip.js';
import { META_FILE, META_MAX_BYTES, type EntryKind, type PackageEntry, type PackageListing } from './types.js';

/**
 * Reads a package folder with the same eyes as a zip: its top level only (a subfolder is already
 * an error, so there is no need to walk into it), symlinks seen as links rather than followed.
 * The size is the exact size of the zip `stms pack` would write, computed from the file sizes.
 */

export async function readDirPackage(dir: string): Promise<PackageListing> {
  const dirents = await readdir(dir, { withFileTypes: true });
  const entries: PackageEntry[] = [];
  for (const dirent of dirents) {
    const kind = kindOf(dirent);
    const name = kind === 'directory' ? `${dirent.name}/` : dirent.name;
    const size = kind === 'file' ? (await lstat(path.join(dir, dirent.name))).size : 0;
    entries.push({ name, kind, size, compressedSize: size, encrypted: false });
  }
  // Code-unit order, never locale order: the same folder must list the same way on any machine.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const listing: PackageListing = { kind: 'dir', path: dir, entries, metaText: undefined, problems: [], sizeBytes: 0, sizeExact: true };
  const files = entries.filter((e) => e.kind === 'file');
  listing.sizeBytes = zipSize(files.map((e) => ({ name: e.name, size: e.size })));

  // A subfolder is an error anyway; one holding meta.json is most likely the package itself.
  const nested = await Promise.all(entries.filter((e) => e.kind === 'directory').map(async (e) => ((await isFile(path.join(dir, e.name, META_FILE))) ? `${e.name}${META_FILE}` : undefined)));
  listing.nestedMeta = nested.filter((name): name is string => name !== undefined);

  const meta = entries.find((e) => e.name === META_FILE && e.kind === 'file');
  if (meta && meta.size > META_MAX_BYTES) {
    listing.problems.push({ severity: 'error', code: 'META_TOO_LARGE', message: `meta.json is ${meta.size} bytes; a real one is a few KB`, hint: 'Put large SQL in a .sql file named by jobContent.file.', file: META_FILE });
  } else if (meta) {
    listing.metaText = await readFile(path.join(dir, META_FILE), 'utf8');
  }
  return listing;
}

async function isFile(file: string): Promise<boolean> {
  return await lstat(file).then((info) => info.isFile(), () => false);
}

function kindOf(dirent: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryKind {
  if (dirent.isSymbolicLink()) return 'symlink';
  if (dirent.isDirectory()) return 'directory';
  if (dirent.isFile()) return 'file';
  return 'other';
}
