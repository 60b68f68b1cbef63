import type { Problem } from '../meta/problem.js';

/**
 * What the package readers see, before any rule runs. The zip reader and the folder reader both
 * produce a PackageListing, so every rule is written once and holds for both kinds of package.
 */

export type PackageKind = 'zip' | 'dir';

/** `other`: a fifo, socket or device; nothing a package should hold. */
export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

export interface PackageEntry {
  /** As stored: '/'-separated; a directory entry ends in '/'. Not trusted: rules check it. */
  name: string;
  kind: EntryKind;
  /** Uncompressed size in bytes (as the zip's central directory declares it). */
  size: number;
  /** Compressed size in bytes; equals `size` in a folder. */
  compressedSize: number;
  encrypted: boolean;
}

export interface PackageListing {
  kind: PackageKind;
  /** Absolute path of the zip file or the folder. */
  path: string;
  entries: PackageEntry[];
  /** The text of the root meta.json, when there is exactly one to read and it could be read. */
  metaText: string | undefined;
  /** Problems found while reading (not a zip, corrupt zip, unreadable meta.json). */
  problems: Problem[];
  /** Bytes that would be uploaded: the zip file, or the zip `pack` makes of the folder. */
  sizeBytes: number;
  /** False when `sizeBytes` is an upper bound rather than the exact size. */
  sizeExact: boolean;
  /** `<subfolder>/meta.json` files of a package folder (whose subfolders are not listed): the package may be one level down. */
  nestedMeta?: string[];
}

/** The name of the one file the server requires at the root of every package. */
export const META_FILE = 'meta.json';

/** The largest meta.json read into memory; real ones are a few KB (the server keeps 64 KB of content). */
export const META_MAX_BYTES = 4 * 1024 * 1024;
