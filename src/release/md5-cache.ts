import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeJsonAtomic } from '../util/atomic-write.js';
import { fileIdentity, rememberedMd5, settled, withMd5 } from './md5-cache-model.js';

/**
 * The md5s of packages released from this machine (`.stms/md5-cache.json`), by file identity, so
 * a package released before is not hashed again. The identity is taken before the file is read
 * and again after: an md5 is remembered only for a file that did not change meanwhile.
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

async function readCache(stateDir: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path.join(stateDir, CACHE_FILE), 'utf8')) as unknown;
  } catch {
    return {};
  }
}
