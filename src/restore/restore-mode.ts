import { UsageError } from '../errors.js';

/**
 * What a start restores from (`--restore`): `savepoint` (the one this run's stop produced),
 * `latest` (whatever the job's configuration says: the configuration is left alone), `none`
 * (a fresh start: the auto-restore switch is turned OFF for that start) or an explicit path.
 * Pure.
 */

export type RestoreMode = { kind: 'savepoint' } | { kind: 'latest' } | { kind: 'none' } | { kind: 'path'; path: string };

/**
 * A savepoint path goes into the job's configuration and from there onto Flink's command line:
 * only an `hdfs://` URI made of characters a URI can hold (RFC 3986 unreserved, reserved and `%`).
 */
const URI_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;

export function parseRestoreMode(text: string | undefined): RestoreMode {
  const value = (text ?? 'savepoint').trim();
  if (value === 'savepoint' || value === 'latest' || value === 'none') return { kind: value };
  if (!value.startsWith('hdfs://')) {
    throw new UsageError(`--restore ${value}: write savepoint, latest, none or an hdfs:// savepoint path`);
  }
  if (!URI_CHARS.test(value) || value.length <= 'hdfs://'.length) {
    throw new UsageError(`--restore ${value}: a savepoint path holds only characters a URI can hold (no spaces, quotes, <>, {}, |, \\ or ^)`);
  }
  return { kind: 'path', path: value };
}

export function describeRestore(mode: RestoreMode): string {
  return mode.kind === 'path' ? mode.path : mode.kind;
}
