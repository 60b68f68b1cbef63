import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeJsonAtomic } from '../util/atomic-write.js';
import { fileIdentity, rememberedMd5, rememberedRenderedMd5, renderedKey, settled, withMd5, withRenderedMd5s } from './md5-cache-model.js';
import type { ClusterBytes } from './wire/shared-read.js';

/**
 * The md5s of packages released from this machine (`.stms/md5-cache.json`), by file identity, so
 * a package released (or planned) before is not hashed again. The identity is taken before the
 * file is read and again after: an md5 is remembered only for a file that did not change meanwhile.
 * Beside them, the md5s of the rendered zips made of those packages (by the package's md5 and the
 * rendered meta.json's): a release after a plan sends every cluster its zip without hashing it.
 */

const CACHE_FILE = 'md5-cache.json';

/**
 * The file's identity now; undefined when it cannot be read or changed too recently to be told
 * apart from its next change (then it is neither looked up nor remembered).
 */
export async function identityOf(file: string): Promise<string | undefined> {
  const now = Date.now();
  return await stat(file, { bigint: true }).then((s) => (settled(s, now) ? fileIdentity(s) : undefined), () => undefined);
}

export async function cachedMd5(stateDir: string, identity: string | undefined): Promise<string | undefined> {
  if (identity === undefined) return undefined;
  return rememberedMd5(await readCache(stateDir), identity);
}

/** Best effort: a cache that cannot be written only costs a hash next time. */
export async function rememberMd5(stateDir: string, file: string, identityBefore: string | undefined, md5: string): Promise<void> {
  const after = await stat(file, { bigint: true }).then(fileIdentity, () => undefined);
  if (identityBefore === undefined || after !== identityBefore) return;
  try {
    await writeJsonAtomic(path.join(stateDir, CACHE_FILE), withMd5(await readCache(stateDir), identityBefore, md5));
  } catch {
    // the release goes on; the next one hashes again
  }
}

/** The package's md5 when it is known without reading the package, and how it is known. */
export interface KnownPackageMd5 {
  md5: string | undefined;
  /** The file's identity (to remember an md5 computed later); undefined when given or unsettled. */
  identity: string | undefined;
  /** Remembered by identity: read whole and found right here before, unchanged since (its CRCs need no second look). */
  trusted: boolean;
}

/** The md5 of the material: given (a folder packed just now), else remembered by the file's identity. */
export async function knownPackageMd5(stateDir: string, material: { file: string; md5: string | undefined }): Promise<KnownPackageMd5> {
  if (material.md5 !== undefined) return { md5: material.md5, identity: undefined, trusted: false };
  const identity = await identityOf(material.file);
  const md5 = await cachedMd5(stateDir, identity);
  return { md5, identity, trusted: md5 !== undefined };
}

/**
 * What each cluster receives, with the md5 of every rendered zip of this package known here
 * (none without the package's md5, which names them).
 */
export async function withKnownRenderedMd5s(stateDir: string, packageMd5: string | undefined, bytes: Record<string, ClusterBytes>): Promise<Record<string, ClusterBytes>> {
  if (packageMd5 === undefined) return bytes;
  const rendered = Object.values(bytes).some((b) => b.kind === 'rendered');
  const cache = rendered ? await readCache(stateDir) : {};
  return Object.fromEntries(
    Object.entries(bytes).map(([name, b]) => [name, b.kind === 'rendered' && b.md5 === undefined ? { ...b, md5: rememberedRenderedMd5(cache, renderedKey(packageMd5, b.metaText)) } : b]),
  );
}

/**
 * Best effort, as rememberMd5: the md5s of the rendered zips in `bytes` that were hashed whole
 * here (`hashed` gives a cluster's, undefined when its zip was not sent whole).
 */
export async function rememberRenderedMd5s(stateDir: string, packageMd5: string, bytes: Record<string, ClusterBytes>, hashed: (cluster: string) => string | undefined): Promise<void> {
  const md5s = new Map<string, string>();
  for (const [name, b] of Object.entries(bytes)) {
    const md5 = b.kind === 'rendered' && b.md5 === undefined ? hashed(name) : undefined;
    if (b.kind === 'rendered' && md5 !== undefined) md5s.set(renderedKey(packageMd5, b.metaText), md5);
  }
  if (md5s.size === 0) return;
  try {
    await writeJsonAtomic(path.join(stateDir, CACHE_FILE), withRenderedMd5s(await readCache(stateDir), md5s));
  } catch {
    // the next release hashes them again
  }
}

async function readCache(stateDir: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path.join(stateDir, CACHE_FILE), 'utf8')) as unknown;
  } catch {
    return {};
  }
}
