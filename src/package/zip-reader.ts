import { open as openFile } from 'node:fs/promises';
import path from 'node:path';
import type yauzl from 'yauzl';
import type { Problem } from '../meta/problem.js';
import { entryName, openZip, zipEntries } from './zip-entries.js';
import { isZipBomb } from './size-rules.js';
import { META_FILE, META_MAX_BYTES, type EntryKind, type PackageEntry, type PackageListing } from './types.js';

/**
 * Reads a zip lazily: the central directory gives the entry list, and only meta.json is inflated.
 * Names are decoded here rather than by yauzl, because yauzl stops at the first absolute or `..`
 * name with an error, and we want every bad entry reported as a Problem instead.
 */

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const MSDOS_DIRECTORY = 0x10;

/** Local file header, or the end record of an empty zip. */
const ZIP_MAGIC = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];

export async function readZipPackage(file: string): Promise<PackageListing> {
  const listing: PackageListing = { kind: 'zip', path: file, entries: [], metaText: undefined, problems: [], sizeBytes: 0, sizeExact: true };
  const head = await readHead(file);
  listing.sizeBytes = head.size;
  if (!ZIP_MAGIC.some((magic) => head.bytes.equals(magic))) {
    listing.problems.push({
      severity: 'error',
      code: 'NOT_A_ZIP',
      message: `${path.basename(file)} is not a zip file: its first bytes are not a zip signature`,
      hint: 'The server accepts only real .zip packages; build one from the package folder with `stms pack <dir>`.',
      file: path.basename(file),
    });
    return listing;
  }

  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch (error) {
    listing.problems.push(corrupt(path.basename(file), error));
    return listing;
  }
  try {
    let meta: yauzl.Entry | undefined;
    try {
      for await (const raw of zipEntries(zip)) {
        const entry = toPackageEntry(raw);
        listing.entries.push(entry);
        if (entry.name === META_FILE && meta === undefined) meta = raw;
        else if (!entry.encrypted && entry.kind === 'file' && !raw.canDecodeFileData()) listing.problems.push(unreadableMethod(entry.name, raw.compressionMethod));
      }
    } catch (error) {
      // The entries read so far are still checked; the rest of the zip cannot be trusted.
      listing.problems.push(corrupt(path.basename(file), error));
      meta = undefined;
    }
    if (meta) await readMeta(zip, meta, listing);
  } finally {
    zip.close();
  }
  return listing;
}

/**
 * Only stored and deflated entries can be read, by stms and by the server's zip reader alike: an
 * entry of another method (bzip2, LZMA, zstd…) would fail the upload on the server, so it is
 * refused here, before any version is created.
 */
function unreadableMethod(name: string, method: number): Problem {
  return { severity: 'error', code: 'ZIP_CORRUPT', message: `${name} uses compression method ${method}, which neither stms nor the server can read`, hint: 'Zip with the usual deflate method (`stms pack <dir>`).', file: name };
}

function toPackageEntry(raw: yauzl.Entry): PackageEntry {
  const name = entryName(raw);
  return { name, kind: kindOf(raw, name), size: raw.uncompressedSize, compressedSize: raw.compressedSize, encrypted: raw.isEncrypted() };
}

function kindOf(raw: yauzl.Entry, name: string): EntryKind {
  // Unix tools keep st_mode in the high 16 bits of the external attributes.
  const type = (raw.externalFileAttributes >>> 16) & S_IFMT;
  if (type === S_IFLNK) return 'symlink';
  if (name.endsWith('/') || type === S_IFDIR || (raw.externalFileAttributes & MSDOS_DIRECTORY) !== 0) return 'directory';
  if (type === 0 || type === S_IFREG) return 'file';
  return 'other';
}

async function readMeta(zip: yauzl.ZipFile, raw: yauzl.Entry, listing: PackageListing): Promise<void> {
  const entry = toPackageEntry(raw);
  // Other rules report these; reading such an entry would be unsafe or impossible.
  if (entry.kind !== 'file' || entry.encrypted || isZipBomb(entry)) return;
  if (entry.size > META_MAX_BYTES) {
    listing.problems.push({ severity: 'error', code: 'META_TOO_LARGE', message: `meta.json is ${entry.size} bytes; a real one is a few KB`, hint: 'Put large SQL in a .sql file named by jobContent.file.', file: META_FILE });
    return;
  }
  if (!raw.canDecodeFileData()) {
    listing.problems.push(unreadableMethod(META_FILE, raw.compressionMethod));
    return;
  }
  try {
    const stream = await zip.openReadStreamPromise(raw);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    listing.metaText = Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    listing.problems.push(corrupt(META_FILE, error));
  }
}

async function readHead(file: string): Promise<{ bytes: Buffer; size: number }> {
  const handle = await openFile(file, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.alloc(Math.min(4, size));
    await handle.read(bytes, 0, bytes.length, 0);
    return { bytes, size };
  } finally {
    await handle.close();
  }
}

function corrupt(file: string, error: unknown): Problem {
  return {
    severity: 'error',
    code: 'ZIP_CORRUPT',
    message: `${file}: the zip cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    hint: 'The file is damaged or truncated; build it again (`stms pack <dir>`) and copy it whole.',
    file,
  };
}
