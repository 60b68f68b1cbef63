import { formatDateTime } from './views.js';

/**
 * The temp folders of uploads (docs/streamis-contract.md §5.1 steps 7 and 9): each upload writes its zip to
 * `/tmp/streamis/{yyyyMMdd}/{user}/{zipBase}_{HHmmss}`, deleting a folder of that name first, and
 * removes the folder when it is done. Two uploads by one user of zips with the same file name in
 * the same second share the folder, so each destroys the other's files while it works.
 */

export interface UploadFolder {
  readonly path: string;
  /** Another upload deleted the folder while this one worked in it. */
  destroyed: boolean;
}

export class UploadFolders {
  private readonly inUse = new Map<string, Set<UploadFolder>>();

  /** Step 7: the folder is deleted first, with whatever another upload had in it. */
  enter(path: string): UploadFolder {
    const holders = this.inUse.get(path) ?? new Set<UploadFolder>();
    for (const other of holders) other.destroyed = true;
    const folder: UploadFolder = { path, destroyed: false };
    holders.add(folder);
    this.inUse.set(path, holders);
    return folder;
  }

  /** Step 9: the folder is removed, whoever else is still working in it. */
  leave(folder: UploadFolder): void {
    const holders = this.inUse.get(folder.path);
    if (!holders) return;
    holders.delete(folder);
    for (const other of holders) other.destroyed = true;
    if (holders.size === 0) this.inUse.delete(folder.path);
  }
}

/** The folder of one upload, named after the user, the zip and the second it was written. */
export function uploadFolderPath(user: string, zipName: string, at: number): string {
  const stamp = formatDateTime(at);
  const day = stamp.slice(0, 10).replaceAll('-', '');
  const time = stamp.slice(11).replaceAll(':', '');
  const base = zipName.slice(0, zipName.lastIndexOf('.'));
  return `/tmp/streamis/${day}/${user}/${base}_${time}`;
}
