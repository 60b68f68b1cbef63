import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { parsePackageList } from './package-list.js';

/**
 * The packages a release, plan, upgrade or validate of many works on, from the command line:
 * each argument is a .zip, a package folder (meta.json at its root), or a folder of packages
 * (its .zip files and package folders, by name: one that holds a .zip or at least two package
 * folders); `--package-list FILE` adds the list's lines.
 * Anything missing stops everything before a package is read (exit 2).
 */

export interface PackageArgs {
  /** Absolute paths, in the order given; a folder of packages in name order. */
  paths: string[];
  /** True when the run is a batch even with one package: a list, a folder of packages, more than one. */
  batch: boolean;
}

export async function resolvePackageArgs(cwd: string, args: readonly string[], packageList: string | undefined): Promise<PackageArgs> {
  // One package (even a missing one: its own checks say so, as they always have) is no batch.
  const only = args.length === 1 && packageList === undefined ? path.resolve(cwd, args[0] as string) : undefined;
  if (only !== undefined && (await kindOf(only)) !== 'folder-of-packages') return { paths: [only], batch: false };
  const paths: string[] = [];
  let batch = args.length > 1 || packageList !== undefined;
  for (const arg of args) {
    const resolved = path.resolve(cwd, arg);
    const kind = await kindOf(resolved);
    if (kind === undefined) throw new UsageError(`${arg}: no such file or folder (${resolved})`);
    if (kind === 'folder-of-packages') {
      paths.push(...(await packagesIn(resolved)));
      batch = true;
    } else {
      paths.push(resolved);
    }
  }
  if (packageList !== undefined) paths.push(...(await readPackageList(cwd, packageList)));
  const seen = new Set<string>();
  const twice = paths.filter((p) => (seen.has(p) ? true : (seen.add(p), false)));
  if (twice.length > 0) throw new UsageError(`${twice[0]} is given twice: each package once`);
  return { paths, batch };
}

async function readPackageList(cwd: string, packageList: string): Promise<string[]> {
  const file = path.resolve(cwd, packageList);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--package-list ${packageList}: cannot read it: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const list = parsePackageList(text, file);
  if (list.problems.length > 0) throw new UsageError(`${file} has ${list.problems.length === 1 ? 'a bad line' : `${list.problems.length} bad lines`}; nothing was run:\n${list.problems.map((p) => `  ${p.message}`).join('\n')}`);
  if (list.packages.length === 0) throw new UsageError(`${file} lists no packages`, { hint: 'Write one package path a line (relative to the list); # starts a comment.' });
  for (const entry of list.packages) {
    if ((await kindOf(entry.path)) !== 'package') throw new UsageError(`${file}:${entry.line}: ${entry.path}: no such package (a .zip or a folder with meta.json)`);
  }
  return list.packages.map((p) => p.path);
}

type PackageArgKind = 'package' | 'folder-of-packages';

/** What a path names: one package, a folder of packages, or nothing (undefined). */
async function kindOf(file: string): Promise<PackageArgKind | undefined> {
  const info = await stat(file).catch(() => undefined);
  if (info === undefined) return undefined;
  if (!info.isDirectory()) return 'package';
  if (await isFile(path.join(file, 'meta.json'))) return 'package';
  // One package folder alone inside is more often a package named one folder too high: that
  // package's own checks point at it (META_MISSING), rather than a batch of one.
  const inside = await packagesIn(file);
  const zips = inside.filter((p) => p.endsWith('.zip')).length;
  return zips > 0 || inside.length > 1 ? 'folder-of-packages' : 'package';
}

async function packagesIn(folder: string): Promise<string[]> {
  const names = (await readdir(folder)).sort();
  const found: string[] = [];
  for (const name of names) {
    const file = path.join(folder, name);
    if (name.endsWith('.zip') && (await isFile(file))) found.push(file);
    else if (await isFile(path.join(file, 'meta.json'))) found.push(file);
  }
  return found;
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}
