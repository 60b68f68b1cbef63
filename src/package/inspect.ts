import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ClusterConfig, Config } from '../config/load.js';
import type { VarsFile } from '../meta/vars-file.js';
import { InterruptedError, StmsError, UsageError } from '../errors.js';
import { hasErrors, type Problem } from '../meta/problem.js';
import type { MetaCheckResult } from '../meta/types.js';
import type { PackageEntry, PackageKind, PackageListing } from './types.js';
import { startMd5Thread, type Md5Thread } from './md5-thread.js';
import { unreadablePackage } from './unreadable.js';
import { META_FILE } from './types.js';
import { checkZipFileName, zipNameForDir } from './zip-name.js';

/**
 * Every package check of `validate`, `pack`, `render`, `plan` and `release`, in one call:
 * structure (zip or folder), names, sizes, meta.json and its variables on each target, and the
 * files meta.json names. Returns problems as values; throws only when there is nothing to check.
 */

export interface InspectOptions {
  /** Supplies projectResources and tiers; without it those checks use none. */
  config?: Config | undefined;
  /** The variable values (a `--vars` file, else the config's vars). */
  vars?: VarsFile | undefined;
  /** Where `vars` came from, for problem locations. */
  varsFile?: string | undefined;
  /** Clusters to resolve variables for and check upload limits against; [] = syntax only. */
  targets?: readonly ClusterConfig[];
  /** Warnings fail the verdict too. */
  strict?: boolean;
  /** Without vars, report each variable unresolved on each target rather than one warning (see MetaCheckInput). */
  resolveWithoutVars?: boolean;
  /** For a folder: the zip name it will be uploaded as (default `<folder>.zip`, checked as a warning). */
  zipName?: string | undefined;
  /**
   * For a zip: read every entry's data too, checking its CRC-32 and size, and compute the md5 in
   * the same pass (`validate`; `release` does that pass when it computes the md5).
   */
  checkContent?: boolean;
  /** Stops the content check (Ctrl-C): inspection then throws InterruptedError. */
  signal?: AbortSignal | undefined;
}

export interface PackageInspection {
  ok: boolean;
  kind: PackageKind;
  path: string;
  /** The name the server sees: the zip's file name, or `<folder>.zip`. */
  zipName: string;
  /** Upload size: the zip, or the zip `pack` makes of the folder. */
  sizeBytes: number;
  sizeExact: boolean;
  entries: PackageEntry[];
  /** Root files the server uploads as the version's files. */
  files: string[];
  problems: Problem[];
  /** meta.json checked for the targets; undefined when there was no meta.json to read. */
  meta: MetaCheckResult | undefined;
  targets: string[];
  /** The zip's md5, when `checkContent` read it whole. */
  md5?: string;
}

export async function inspectPackage(packagePath: string, options: InspectOptions = {}): Promise<PackageInspection> {
  const resolved = path.resolve(packagePath);
  const kind = await kindOf(resolved, packagePath);
  // The md5 is hashed from the start, on its own thread, while the checks' modules load (zod's
  // schemas among them, bench/) and the zip is listed and checked here.
  const hashing = options.checkContent === true && kind === 'zip' ? startMd5Thread(resolved, options.signal) : undefined;
  try {
    return await inspectWith(resolved, packagePath, kind, hashing, options);
  } finally {
    await hashing?.stop();
  }
}

async function inspectWith(resolved: string, packagePath: string, kind: PackageKind, hashing: Md5Thread | undefined, options: InspectOptions): Promise<PackageInspection> {
  const [{ checkMeta }, { checkEntries }, { checkReferences }, { checkUploadLimit, checkZipBombs }, listing] = await Promise.all([
    import('../meta/index.js'),
    import('./entry-rules.js'),
    import('./reference-rules.js'),
    import('./size-rules.js'),
    readListing(kind, resolved, packagePath),
  ]);
  const targets = options.targets ?? [];
  const zipName = kind === 'zip' ? path.basename(resolved) : (options.zipName ?? zipNameForDir(resolved));
  const problems: Problem[] = [...nameProblems(kind === 'dir' && options.zipName === undefined, zipName), ...listing.problems];
  // Nothing to say about the entries of a file that is not a zip or whose directory is unreadable.
  const unreadable = listing.problems.some((p) => p.code === 'NOT_A_ZIP' || (p.code === 'ZIP_CORRUPT' && listing.entries.length === 0));
  const structure = unreadable ? undefined : checkEntries(listing.entries, listing.nestedMeta);
  if (structure) problems.push(...structure.problems);
  if (kind === 'zip') problems.push(...checkZipBombs(listing.entries));
  // Not over damage already reported (said twice otherwise), nor over a bomb (inflating it is the harm).
  const readable = kind === 'zip' && !problems.some((p) => p.code === 'ZIP_CORRUPT' || p.code === 'NOT_A_ZIP' || p.code === 'ENTRY_ZIP_BOMB');
  const content = hashing && readable ? await checkContent(resolved, hashing, options.signal) : undefined;
  if (content?.problem) problems.push(content.problem);

  let meta: MetaCheckResult | undefined;
  if (listing.metaText !== undefined) {
    meta = checkMeta({
      text: listing.metaText,
      file: META_FILE,
      ...(options.vars ? { vars: options.vars } : {}),
      ...(options.varsFile ? { varsFile: options.varsFile } : {}),
      targets: targets.map((t) => ({ name: t.name, idc: t.idc })),
      ...(options.config ? { tiers: options.config.tiers } : {}),
      ...(options.resolveWithoutVars ? { resolveWithoutVars: true } : {}),
    });
    problems.push(...meta.problems);
    // Without a parsed meta.json nobody knows which files are named: no follow-on noise.
    if (structure && meta.meta !== undefined) problems.push(...checkReferences(meta.referencedFiles, structure.rootFiles, options.config?.projectResources ?? []));
  }

  problems.push(...(await uploadLimitProblems(listing, targets, meta, checkUploadLimit)));

  const failed = hasErrors(problems) || (options.strict === true && problems.length > 0);
  return {
    ok: !failed,
    kind,
    path: resolved,
    zipName,
    sizeBytes: listing.sizeBytes,
    sizeExact: listing.sizeExact,
    entries: listing.entries,
    files: structure?.rootFiles ?? [],
    problems,
    meta,
    targets: targets.map((t) => t.name),
    ...(content?.md5 === undefined ? {} : { md5: content.md5 }),
  };
}

/**
 * Every entry's data against its CRC and size (zip-check.ts), and the md5: from its own thread,
 * else (no thread could be started) in the same read as the checks.
 */
async function checkContent(file: string, hashing: Md5Thread, signal: AbortSignal | undefined): Promise<{ md5?: string; problem?: Problem }> {
  try {
    const { checkZip, md5CheckedZip } = await import('./zip-check.js');
    if (!(await hashing.started)) return { md5: await md5CheckedZip(file, signal) };
    await checkZip(file, signal);
    return { md5: await hashing.md5 };
  } catch (error) {
    if (signal?.aborted) throw error instanceof InterruptedError ? error : new InterruptedError(`interrupted while checking ${path.basename(file)}`);
    if (!(error instanceof StmsError) || error.code !== 'PACKAGE_INVALID') throw error;
    return { problem: { severity: 'error', code: 'ZIP_CORRUPT', message: error.message, hint: error.hint ?? '', file: path.basename(file) } };
  }
}

/**
 * Each target against its upload limit, with the bytes it will receive: the package as it is
 * when meta.json holds no variable, else the zip rendered for it (release uploads those).
 */
async function uploadLimitProblems(
  listing: PackageListing,
  targets: readonly ClusterConfig[],
  meta: MetaCheckResult | undefined,
  checkUploadLimit: typeof import('./size-rules.js').checkUploadLimit,
): Promise<Problem[]> {
  if (meta === undefined || meta.variables.length === 0 || targets.length === 0) return checkUploadLimit(listing.sizeBytes, targets, listing.sizeExact);
  const [{ renderedMetaText }, { zipSize }] = await Promise.all([import('./render-zip.js'), import('./stored-zip.js')]);
  const files = listing.entries.filter((e) => e.kind === 'file' && e.name !== META_FILE).map((e) => ({ name: e.name, size: e.size }));
  return targets.flatMap((target) => {
    const resolved = meta.resolved[target.name];
    // Not rendered (a variable did not resolve, reported already): judge the package as it is.
    if (resolved === undefined) return checkUploadLimit(listing.sizeBytes, [target], listing.sizeExact);
    const size = zipSize([...files, { name: META_FILE, size: Buffer.byteLength(renderedMetaText(resolved), 'utf8') }]);
    return checkUploadLimit(size, [target], true, true);
  });
}

/** A folder's default zip name is only a default (`pack -o` can pick another): a warning. */
function nameProblems(isDefault: boolean, zipName: string): Problem[] {
  const problems = checkZipFileName(zipName);
  if (!isDefault) return problems;
  return problems.map((p) => ({
    ...p,
    severity: 'warning' as const,
    message: `${p.message} (the name a folder gets when packed without -o)`,
    hint: 'Rename the folder, or give `stms pack` an -o name the server accepts.',
  }));
}

async function readListing(kind: PackageKind, resolved: string, shown: string) {
  try {
    return kind === 'dir' ? await (await import('./dir-reader.js')).readDirPackage(resolved) : await (await import('./zip-reader.js')).readZipPackage(resolved);
  } catch (error) {
    if (!(error as NodeJS.ErrnoException).code) throw error;
    throw unreadablePackage(shown, error);
  }
}

async function kindOf(resolved: string, shown: string): Promise<PackageKind> {
  try {
    const info = await stat(resolved);
    if (info.isDirectory()) return 'dir';
    if (info.isFile()) return 'zip';
    throw new UsageError(`${shown} is neither a zip file nor a folder`);
  } catch (error) {
    if (error instanceof StmsError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`no such package: ${shown}`, { hint: 'Pass the path of a package zip or folder.' });
    throw unreadablePackage(shown, error);
  }
}
