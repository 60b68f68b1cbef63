import { access, constants, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { stateWriteError } from '../journal-store.js';
import { copyFileAtomic } from '../../util/atomic-write.js';
import { StmsError } from '../../errors.js';

/**
 * The content-addressed package store: every package `release` sends, as given (the zip, or the
 * deterministic zip of a folder), under `<store>/<md5>.zip`, so `rollback` can send it again
 * although the server offers no download of old material. Files are written atomically and
 * never twice: the name says the content.
 */

const MD5 = /^[0-9a-f]{32}$/;

export function storedPackagePath(store: string, md5: string): string {
  if (!MD5.test(md5)) throw new RangeError(`not an md5: ${md5}`);
  return path.join(store, `${md5}.zip`);
}

/** The stored package of that md5, or undefined. */
export async function findStoredPackage(store: string, md5: string): Promise<string | undefined> {
  const file = storedPackagePath(store, md5);
  return (await stat(file).then((s) => s.isFile(), () => false)) ? file : undefined;
}

/** Fails (a local-state error) when the store folder cannot be created or written. */
export async function checkStoreWritable(store: string): Promise<void> {
  try {
    await mkdir(store, { recursive: true });
    await access(store, constants.W_OK);
  } catch (error) {
    throw storeWriteError(store, error);
  }
}

export interface StoredPackage {
  file: string;
  /** False when the store already had it. */
  added: boolean;
}

export async function addToStore(store: string, md5: string, source: string): Promise<StoredPackage> {
  const existing = await findStoredPackage(store, md5);
  if (existing) return { file: existing, added: false };
  const file = storedPackagePath(store, md5);
  try {
    await copyFileAtomic(source, file);
  } catch (error) {
    throw storeWriteError(store, error);
  }
  return { file, added: true };
}

export async function removeFromStore(store: string, md5: string): Promise<void> {
  try {
    await rm(storedPackagePath(store, md5), { force: true });
  } catch (error) {
    throw storeWriteError(store, error);
  }
}

/**
 * The store is local state like the journals: the one error of a state folder that cannot be
 * written (stateWriteError decides its code and exit), with a hint about the store.
 */
export function storeWriteError(store: string, error: unknown): StmsError {
  const failure = stateWriteError(store, error, 'the package store');
  return new StmsError(failure.code, failure.message, {
    hint: 'stms keeps every released package in .stms/packages beside the config, or in the folder `packageStore` of the config names: make it a writable folder.',
    cause: error,
  });
}
