import { z } from 'zod';
import type { HdfsEntry } from './hdfs-entry.js';

/**
 * WebHDFS answers (LISTSTATUS, and the NameNode's `RemoteException` for a failure) read into
 * listing entries. A path that does not exist is `FileNotFoundException` (HTTP 404). Pure.
 */

const FileStatus = z.looseObject({
  pathSuffix: z.string(),
  type: z.enum(['FILE', 'DIRECTORY', 'SYMLINK']),
  length: z.number(),
  modificationTime: z.number(),
});
const ListStatus = z.looseObject({ FileStatuses: z.looseObject({ FileStatus: z.array(FileStatus) }) });
const Remote = z.looseObject({ RemoteException: z.looseObject({ exception: z.string(), message: z.string().optional() }) });

export type WebHdfsReading = { kind: 'listing'; entries: HdfsEntry[] } | { kind: 'not-found'; message: string } | { kind: 'error'; message: string };

/** The children of `dir` from a LISTSTATUS answer (a file lists itself with an empty suffix). */
export function readListStatus(dir: string, httpStatus: number, text: string): WebHdfsReading {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const remote = Remote.safeParse(body);
  if (remote.success) {
    const { exception, message } = remote.data.RemoteException;
    const said = `${exception}: ${message ?? '(no message)'}`;
    return exception === 'FileNotFoundException' ? { kind: 'not-found', message: said } : { kind: 'error', message: said };
  }
  if (httpStatus === 404) return { kind: 'not-found', message: `HTTP 404` };
  const listing = ListStatus.safeParse(body);
  if (httpStatus !== 200 || !listing.success) return { kind: 'error', message: `HTTP ${httpStatus} without a FileStatuses listing` };
  const parent = dir.replace(/\/+$/, '');
  const entries = listing.data.FileStatuses.FileStatus.filter((f) => f.type !== 'SYMLINK').map((f) => ({
    path: f.pathSuffix === '' ? parent : `${parent}/${f.pathSuffix}`,
    type: f.type as 'FILE' | 'DIRECTORY',
    length: f.length,
    modificationTime: f.modificationTime,
  }));
  return { kind: 'listing', entries };
}
