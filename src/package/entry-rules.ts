import type { Problem } from '../meta/problem.js';
import { META_FILE, type PackageEntry } from './types.js';

/**
 * The server's rules for what a package holds (docs/streamis-contract.md §6.1): a flat set of files with
 * meta.json at the root, names it accepts, nothing that escapes the extraction folder. Pure: the
 * zip reader and the folder reader feed it the same entry list.
 */

/** §6.1/§6.8: the part of a root entry's name before its last dot (or the whole name). */
const ENTRY_BASE_NAME = /^[a-z0-9A-Z._-]+$/;

export interface EntryCheck {
  problems: Problem[];
  /** Root files the server uploads as the version's files (all but meta.json and *.zip). */
  rootFiles: string[];
  /** True when a root meta.json file exists. */
  hasMeta: boolean;
}

export function isAbsoluteName(name: string): boolean {
  return name.startsWith('/') || /^[a-zA-Z]:/.test(name);
}

export function climbsOut(name: string): boolean {
  return name.split('/').includes('..');
}

export function serverAcceptsEntryName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return ENTRY_BASE_NAME.test(dot === -1 ? name : name.slice(0, dot));
}

/** The first path segment of an entry that is, or sits in, a folder; undefined for a root file. */
function folderOf(entry: PackageEntry): string | undefined {
  const slash = entry.name.indexOf('/');
  return slash === -1 ? undefined : entry.name.slice(0, slash);
}

/** macOS Finder's "Compress" adds this folder of resource forks beside what was zipped. */
export const MACOS_METADATA = '__MACOSX';

/**
 * `nestedMeta`: `<folder>/meta.json` files the reader saw without listing them as entries (a
 * folder package lists only its top level), so a misplaced meta.json can be pointed at.
 */
export function checkEntries(entries: readonly PackageEntry[], nestedMeta: readonly string[] = []): EntryCheck {
  const problems: Problem[] = [];
  const safe: PackageEntry[] = [];
  for (const entry of entries) {
    if (isAbsoluteName(entry.name)) {
      problems.push(entryError(entry.name, 'ENTRY_ABSOLUTE', `entry ${quote(entry.name)} has an absolute path`, 'Zip the files with relative names (cd into the folder first, or use `stms pack <dir>`).'));
    } else if (climbsOut(entry.name)) {
      problems.push(entryError(entry.name, 'ENTRY_TRAVERSAL', `entry ${quote(entry.name)} has a ".." segment that climbs out of the extraction folder`, 'Rebuild the zip from the package folder with `stms pack <dir>`.'));
    } else {
      safe.push(entry);
    }
  }

  problems.push(...duplicates(safe));
  for (const entry of safe) {
    if (entry.kind === 'symlink') problems.push(entryError(entry.name, 'ENTRY_SYMLINK', `${quote(entry.name)} is a symbolic link`, 'Replace the link with the file it points to.'));
    if (entry.kind === 'other') problems.push(entryError(entry.name, 'ENTRY_SPECIAL', `${quote(entry.name)} is not a regular file (fifo, socket or device)`, 'Remove it from the package.'));
    if (entry.encrypted) problems.push(entryError(entry.name, 'ENTRY_ENCRYPTED', `${quote(entry.name)} is encrypted; the server cannot extract it`, 'Zip the package without a password.'));
  }

  const hasMeta = safe.some((e) => e.name === META_FILE && e.kind === 'file');
  const misplacedMeta = [...new Set([...safe.filter((e) => e.kind === 'file').map((e) => e.name), ...nestedMeta])].filter((name) => name.endsWith(`/${META_FILE}`) && !name.startsWith(`${MACOS_METADATA}/`));
  const top = hasMeta ? undefined : singleTopFolder(safe);
  if (top !== undefined) {
    const metaInside = misplacedMeta.includes(`${top}/${META_FILE}`);
    const macos = safe.some((e) => folderOf(e) === MACOS_METADATA);
    problems.push({
      severity: 'error',
      code: 'TOP_FOLDER',
      message: `everything sits under one top folder ${quote(`${top}/`)}${metaInside ? ` (meta.json is at ${top}/meta.json)` : ''}${macos ? `, beside the ${MACOS_METADATA}/ folder macOS adds` : ''}; meta.json must be at the root of the zip`,
      hint: `Zip the contents of the folder, not the folder itself: \`cd ${top} && zip ../${top}.zip *\`, or \`stms pack ${top}\`.`,
      file: `${top}/`,
    });
    return { problems, rootFiles: [], hasMeta };
  }

  const folders = new Map<string, number>();
  for (const entry of safe) {
    const folder = folderOf(entry);
    if (folder !== undefined) folders.set(folder, (folders.get(folder) ?? 0) + (entry.name.endsWith('/') ? 0 : 1));
  }
  for (const [folder, files] of folders) {
    const macos = folder === MACOS_METADATA;
    problems.push(
      entryError(
        `${folder}/`,
        'ENTRY_NESTED',
        `folder ${quote(`${folder}/`)}${files > 0 ? ` (${files} file${files === 1 ? '' : 's'})` : ''}${macos ? ', macOS metadata' : ''}: the server needs a flat zip, every file at the root`,
        macos
          ? 'Build the zip with `stms pack <dir>` (or `zip -X`), not with Finder\'s Compress, which adds __MACOSX/.'
          : 'Move the files the job needs to the root of the package and remove the folder.',
      ),
    );
  }

  const rootFiles: string[] = [];
  for (const entry of safe) {
    if (folderOf(entry) !== undefined || entry.kind !== 'file') continue;
    if (!serverAcceptsEntryName(entry.name)) {
      problems.push(
        entryError(
          entry.name,
          'ENTRY_NAME',
          `file name ${quote(entry.name)} is refused by the server: before its last dot it may hold only letters, digits, . _ -${entry.name.startsWith('.') && entry.name.lastIndexOf('.') === 0 ? ', and there is nothing before it' : ''}`,
          // .DS_Store, ._x and .gitkeep are written by tools, not by the job's author: nothing to rename.
          entry.name.startsWith('.') ? 'Remove the hidden file from the package (macOS Finder writes .DS_Store and ._* files).' : 'Rename the file (and the reference to it in meta.json).',
        ),
      );
    }
    if (entry.name === META_FILE) continue;
    if (entry.name.endsWith('.zip')) {
      problems.push({
        severity: 'warning',
        code: 'ENTRY_ZIP_SKIPPED',
        message: `${quote(entry.name)} is a zip inside the package; the server skips *.zip entries and does not upload them`,
        hint: 'Remove it, or unpack the files the job needs into the package root.',
        file: entry.name,
      });
      continue;
    }
    rootFiles.push(entry.name);
  }
  // The server opens exactly `meta.json` on a case-sensitive file system.
  const wrongCase = safe.find((e) => e.kind === 'file' && folderOf(e) === undefined && e.name !== META_FILE && e.name.toLowerCase() === META_FILE)?.name;
  if (!hasMeta) {
    const where = wrongCase
      ? ` (${quote(wrongCase)} is there, but the server opens exactly meta.json)`
      : misplacedMeta.length > 0
        ? ` (there is one at ${misplacedMeta.join(', ')})`
        : '';
    const hint = wrongCase
      ? `Rename ${wrongCase} to meta.json, in lower case.`
      : misplacedMeta.length === 1
        ? `If ${misplacedMeta[0]?.slice(0, -META_FILE.length)} is the package, validate or pack that folder; otherwise move its meta.json and the files it names to the root.`
        : 'Add meta.json at the root (`stms init` writes one).';
    problems.push({ severity: 'error', code: 'META_MISSING', message: `meta.json is missing from the package root${where}`, hint, file: META_FILE });
  }
  return { problems, rootFiles: [...new Set(rootFiles)], hasMeta };
}

function duplicates(entries: readonly PackageEntry[]): Problem[] {
  const count = new Map<string, number>();
  for (const entry of entries) count.set(entry.name, (count.get(entry.name) ?? 0) + 1);
  return [...count]
    .filter(([, n]) => n > 1)
    .map(([name, n]) => entryError(name, 'ENTRY_DUPLICATE', `${quote(name)} is in the zip ${n} times; the server's unzip would stop to ask which to keep`, 'Rebuild the zip so each file is in it once (`stms pack <dir>`).'));
}

/** The one folder every entry sits in, when there is no root file at all (__MACOSX/ aside). */
function singleTopFolder(entries: readonly PackageEntry[]): string | undefined {
  const folders = new Set(entries.map(folderOf).filter((folder) => folder !== MACOS_METADATA));
  if (folders.size !== 1) return undefined;
  const [only] = folders;
  return only;
}

function entryError(file: string, code: string, message: string, hint: string): Problem {
  return { severity: 'error', code, message, hint, file };
}

function quote(name: string): string {
  return JSON.stringify(name);
}
