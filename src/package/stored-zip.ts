import { createHash } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { InterruptedError, StmsError } from '../errors.js';
import { FIXED_ENTRY_TIME } from './deterministic-zip.js';

/**
 * A deterministic zip of stored entries whose sizes and CRCs are known before their data is
 * written: the rendered per-cluster zips of `render --out` and `release`. Their entries come from
 * a package zip (size and CRC read from its central directory) or a folder (CRC computed with
 * Node's native crc32), so the data is only copied, never re-checksummed in JavaScript. Because
 * every size is known, the zip's total size is known before its first byte: `release` streams it
 * straight into the upload, with no copy of a big package on disk per cluster.
 * Layout: entries sorted by name, 1980-01-01 00:00, mode 0644, UTF-8 names, no extra fields, no
 * data descriptors, no zip64 (packages stay under the clusters' upload limit, far below 4 GiB).
 */

export interface KnownEntry {
  name: string;
  size: number;
  crc32: number;
  open(): Promise<Readable> | Readable;
}

/** A zip that is not written yet: its size, and its bytes on demand (as often as needed). */
export interface StoredZipPlan {
  size: number;
  /**
   * Bytes before the entry placed last (0 without one): the same in every plan made of the same
   * other entries, so their md5 can be computed once for all of them. A chunk never straddles it.
   */
  sharedPrefix: number;
  chunks(signal?: AbortSignal): AsyncGenerator<Buffer>;
}

export interface StoredZip {
  path: string;
  size: number;
  md5: string;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
const VERSION = 20;
/** "made by" Unix, so the external attributes below mean a 0644 regular file. */
const MADE_BY_UNIX = (3 << 8) | VERSION;
const UTF8_NAMES = 0x0800;
const FILE_ATTRIBUTES = (0o100644 << 16) >>> 0;
const ZIP32_LIMIT = 0xffffffff;
const DOS_TIME = 0;
const DOS_DATE = ((FIXED_ENTRY_TIME.getUTCFullYear() - 1980) << 9) | ((FIXED_ENTRY_TIME.getUTCMonth() + 1) << 5) | FIXED_ENTRY_TIME.getUTCDate();

/** Entries sorted by name, except `options.last`, which goes after all the others. */
export function planStoredZip(entries: readonly KnownEntry[], options: { last?: string } = {}): StoredZipPlan {
  const byName = (a: KnownEntry, b: KnownEntry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const sorted = [...entries.filter((e) => e.name !== options.last).sort(byName), ...entries.filter((e) => e.name === options.last)];
  const names = sorted.map((e) => Buffer.from(e.name, 'utf8'));
  const offsets: number[] = [];
  let offset = 0;
  sorted.forEach((entry, i) => {
    offsets.push(offset);
    offset += 30 + (names[i] as Buffer).length + entry.size;
  });
  const directorySize = names.reduce((sum, name) => sum + 46 + name.length, 0);
  const size = offset + directorySize + 22;
  const lastIsPlaced = options.last !== undefined && sorted.at(-1)?.name === options.last;
  const sharedPrefix = lastIsPlaced ? (offsets.at(-1) as number) : 0;
  if (size > ZIP32_LIMIT) throw new StmsError('PACKAGE_INVALID', 'a package over 4 GiB cannot be written without zip64');
  return {
    size,
    sharedPrefix,
    async *chunks(signal) {
      for (const [i, entry] of sorted.entries()) {
        const name = names[i] as Buffer;
        yield localHeader(entry, name);
        let copied = 0;
        for await (const chunk of await entry.open()) {
          signal?.throwIfAborted();
          copied += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
        if (copied !== entry.size) throw new StmsError('PACKAGE_INVALID', `${entry.name}: expected ${entry.size} bytes, read ${copied}; the package changed while it was being read`);
      }
      yield Buffer.concat(sorted.map((entry, i) => centralHeader(entry, names[i] as Buffer, offsets[i] as number)));
      yield endOfCentral(sorted.length, directorySize, offset);
    },
  };
}

/** Writes the zip to a file (beside it first, then renamed), with its md5 computed on the way. */
export async function writeStoredZip(plan: StoredZipPlan, outFile: string, options: { signal?: AbortSignal } = {}): Promise<StoredZip> {
  const target = path.resolve(outFile);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  // Plain writes to a file handle and a hash updated in the same loop: no stream plumbing.
  const hash = createHash('md5');
  const file = await open(temp, 'w');
  let written = 0;
  try {
    for await (const chunk of plan.chunks(options.signal)) {
      hash.update(chunk);
      written += chunk.length;
      await file.write(chunk);
    }
    await file.close();
    await rename(temp, target);
    return { path: target, size: written, md5: hash.digest('hex') };
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(temp, { force: true });
    if (options.signal?.aborted) throw new InterruptedError(`interrupted while writing ${target}`);
    throw error;
  }
}

/**
 * A small zip held in memory, entries in the order given (the jar `stms init` writes): the same
 * layout as the streamed plans, for content that is already in memory.
 */
export function storedZipBytes(entries: ReadonlyArray<{ name: string; data: Buffer }>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name: text, data } of entries) {
    const name = Buffer.from(text, 'utf8');
    const entry = { size: data.length, crc32: crc32(data) };
    central.push(centralHeader(entry, name, offset));
    const header = localHeader(entry, name);
    parts.push(header, data);
    offset += header.length + data.length;
  }
  const directory = Buffer.concat(central);
  return Buffer.concat([...parts, directory, endOfCentral(entries.length, directory.length, offset)]);
}

function localHeader(entry: Pick<KnownEntry, 'size' | 'crc32'>, name: Buffer): Buffer {
  const b = Buffer.alloc(30 + name.length);
  b.writeUInt32LE(LOCAL_HEADER, 0);
  b.writeUInt16LE(VERSION, 4);
  b.writeUInt16LE(UTF8_NAMES, 6);
  b.writeUInt16LE(0, 8); // stored
  b.writeUInt16LE(DOS_TIME, 10);
  b.writeUInt16LE(DOS_DATE, 12);
  b.writeUInt32LE(entry.crc32 >>> 0, 14);
  b.writeUInt32LE(entry.size, 18);
  b.writeUInt32LE(entry.size, 22);
  b.writeUInt16LE(name.length, 26);
  b.writeUInt16LE(0, 28);
  name.copy(b, 30);
  return b;
}

function centralHeader(entry: Pick<KnownEntry, 'size' | 'crc32'>, name: Buffer, offset: number): Buffer {
  const b = Buffer.alloc(46 + name.length);
  b.writeUInt32LE(CENTRAL_HEADER, 0);
  b.writeUInt16LE(MADE_BY_UNIX, 4);
  b.writeUInt16LE(VERSION, 6);
  b.writeUInt16LE(UTF8_NAMES, 8);
  b.writeUInt16LE(0, 10);
  b.writeUInt16LE(DOS_TIME, 12);
  b.writeUInt16LE(DOS_DATE, 14);
  b.writeUInt32LE(entry.crc32 >>> 0, 16);
  b.writeUInt32LE(entry.size, 20);
  b.writeUInt32LE(entry.size, 24);
  b.writeUInt16LE(name.length, 28);
  // extra, comment, disk start, internal attributes: all 0 (Buffer.alloc zeroed them)
  b.writeUInt32LE(FILE_ATTRIBUTES, 38);
  b.writeUInt32LE(offset, 42);
  name.copy(b, 46);
  return b;
}

function endOfCentral(count: number, size: number, offset: number): Buffer {
  const b = Buffer.alloc(22);
  b.writeUInt32LE(END_OF_CENTRAL, 0);
  b.writeUInt16LE(count, 8);
  b.writeUInt16LE(count, 10);
  b.writeUInt32LE(size, 12);
  b.writeUInt32LE(offset, 16);
  return b;
}
