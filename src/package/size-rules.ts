import { DEFAULT_MAX_UPLOAD_MB } from '../config/load.js';
import type { Problem } from '../meta/problem.js';
import type { PackageEntry } from './types.js';

/**
 * Size rules, pure. A zip bomb is judged from the sizes the central directory declares, so it is
 * found without inflating anything; the upload limit is each target cluster's `maxUploadMB`.
 */

const MB = 1024 * 1024;
/** Entries up to this size are never called bombs: small text files compress very well. */
export const BOMB_MIN_BYTES = 1 * MB;
/** Uncompressed/compressed above this is not a real jar or SQL file (jars barely compress). */
export const BOMB_RATIO = 200;

export function isZipBomb(entry: Pick<PackageEntry, 'size' | 'compressedSize'>): boolean {
  return entry.size > BOMB_MIN_BYTES && entry.size > BOMB_RATIO * entry.compressedSize;
}

export function checkZipBombs(entries: readonly PackageEntry[]): Problem[] {
  return entries.filter(isZipBomb).map((entry) => ({
    severity: 'error' as const,
    code: 'ENTRY_ZIP_BOMB',
    message: `${JSON.stringify(entry.name)} inflates from ${formatBytes(entry.compressedSize)} to ${formatBytes(entry.size)} (more than ${BOMB_RATIO} times): refused as a possible zip bomb`,
    hint: 'Check where this zip came from; rebuild it from the package folder with `stms pack <dir>`.',
    file: entry.name,
  }));
}

export interface UploadTarget {
  name: string;
  maxUploadMB: number;
}

/**
 * One problem per target whose limit the package exceeds; without targets, the production
 * default. `exact` false means `sizeBytes` is an upper bound, and the message says so.
 */
export function checkUploadLimit(sizeBytes: number, targets: readonly UploadTarget[], exact = true, rendered = false): Problem[] {
  const limits: Array<UploadTarget | { name: undefined; maxUploadMB: number }> = targets.length > 0 ? [...targets] : [{ name: undefined, maxUploadMB: DEFAULT_MAX_UPLOAD_MB }];
  const size = `${exact ? '' : 'at most '}${formatBytes(sizeBytes)}${rendered ? ' as the cluster receives it (meta.json rendered, entries stored, not compressed)' : ''}`;
  return limits
    .filter((t) => sizeBytes > t.maxUploadMB * MB)
    .map((t) => ({
      severity: 'error' as const,
      code: 'PACKAGE_TOO_LARGE',
      message: t.name
        ? `the package is ${size}, over the upload limit of ${t.name} (maxUploadMB ${t.maxUploadMB})`
        : `the package is ${size}, over the default upload limit of ${t.maxUploadMB} MB`,
      hint: 'Move large jars to the project resource files (config projectResources) or to hdfs.jars, and reference them from meta.json.',
      ...(t.name ? { cluster: t.name } : {}),
    }));
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MB) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * MB) return `${(bytes / MB).toFixed(1)} MB`;
  return `${(bytes / 1024 / MB).toFixed(2)} GB`;
}
