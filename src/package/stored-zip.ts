import { createHash } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { InterruptedError, StmsError } from '../errors.js';

/**
 * The one zip writer of stms: `pack`, the zip a folder release uploads, the rendered per-cluster
 * zips of `render --out` and `release`, and the jar `stms init` writes. One layout, so the same
 * files give the same md5 whichever command wrote them; servers hold md5s of folder releases in
 * their source records, so this layout never changes (test/unit/package/pack-layout.test.ts pins
 * it). It is, byte for byte, what archiver 7 wrote for `pack` (store, entries appended as streams):
 * - entries sorted by name in code-unit order (never locale order), no directory entries;
 * - one fixed time, 1980-01-01 00:00:00 (the earliest a zip can hold), so no clock leaks in;
 * - stored, not deflated: deflate output differs between zlib builds, and jars are compressed;
 * - local header: version 20, flag 3 (data descriptor; bit 11 too when the name is not ASCII),
 *   CRC and sizes 0, no extra field; then the data; then a data descriptor with its signature,
 *   the CRC and the sizes (8-byte sizes past 4 GiB);
 * - central header: made by Unix 4.5, mode 0644 regular file with the DOS archive bit, version 20,
 *   or 45 with a ZIP64 extra field (sizes and offset) when the entry is over 4 GiB or starts past it;
 * - end record; ZIP64 end record and locator first when there are over 65535 entries or the
 *   directory ends past 4 GiB.
 * Sizes are declared up front, so the zip's total size is known before its first byte (an upload
 * sends it as the body, no copy on disk per cluster); CRCs are computed while the data streams.
 * An entry whose data does not match its declared size, or its declared CRC when one is given
 * (copied from another zip), fails the stream: no reader ever receives a zip that lies.
 */

/** An entry's bytes: a file stream, or chunks already at hand. */
export type ZipData = AsyncIterable<Buffer> | Iterable<Buffer>;

export interface ZipSource {
  name: string;
  /** Bytes the entry holds; a source yielding more or fewer fails the stream. */
  size: number;
  /** The CRC-32 the source claims (an entry of another zip); the data is checked against it. */
  crc32?: number;
  /**
   * The data is checked against `crc32` where it comes from (a read that fails before its last
   * byte when the CRC is wrong): the writer takes the CRC as given instead of computing it again.
   */
  crcChecked?: boolean;
  /** Opened only when the entry's turn comes, so a thousand files do not hold a thousand fds. */
  open(): Promise<ZipData> | ZipData;
}

/** A zip that is not written yet: its size, and its bytes on demand (as often as needed). */
export interface ZipPlan {
  size: number;
  /**
   * Bytes before the local header of the entry named by `sharedUntil` (0 without one): the same
   * in every plan whose entries sorted before it are the same, so their md5 can be computed once
   * for all of them. A chunk never straddles it.
   */
  sharedPrefix: number;
  chunks(signal?: AbortSignal): AsyncGenerator<Buffer>;
}

export interface WrittenZip {
  path: string;
  size: number;
  md5: string;
}

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const END_OF_CENTRAL = 0x06054b50;
const VERSION = 20;
const VERSION_ZIP64 = 45;
/** "made by": Unix, spec 4.5, so the external attributes below mean a 0644 regular file. */
const MADE_BY = (3 << 8) | VERSION_ZIP64;
const USES_DATA_DESCRIPTOR = 0x0008;
const UTF8_NAME = 0x0800;
/** st_mode 0100644 in the high 16 bits, the DOS archive bit in the low ones. */
const FILE_ATTRIBUTES = ((0o100644 << 16) | 0x20) >>> 0;
/** 1980-01-01 00:00:00: DOS date 0x0021 (high half), time 0 (low half). */
const DOS_DATE_TIME = (1 << 21) | (1 << 16);
const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
const ZIP64_EXTRA_SIZE = 28;

const ZIP_LAYOUT = {
  localHeader: 30,
  centralHeader: 46,
  end: 22,
  zip64End: 56 + 20,
  zip64Extra: ZIP64_EXTRA_SIZE,
  dataDescriptor: (size: number) => (size > MAX32 ? 24 : 16),
} as const;

interface Placed {
  source: ZipSource;
  name: Buffer;
  flags: number;
  offset: number;
}

/** Code-unit order, the same on every machine. */
export function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function planZip(sources: readonly ZipSource[], options: { sharedUntil?: string } = {}): ZipPlan {
  const placed: Placed[] = [];
  let offset = 0;
  for (const source of [...sources].sort(byName)) {
    const name = Buffer.from(source.name, 'utf8');
    placed.push({ source, name, flags: USES_DATA_DESCRIPTOR | (name.length !== source.name.length ? UTF8_NAME : 0), offset });
    offset += ZIP_LAYOUT.localHeader + name.length + source.size + ZIP_LAYOUT.dataDescriptor(source.size);
  }
  const directorySize = placed.reduce((sum, p) => sum + ZIP_LAYOUT.centralHeader + p.name.length + (isZip64Entry(p.source.size, p.offset) ? ZIP64_EXTRA_SIZE : 0), 0);
  const zip64 = isZip64Archive(placed.length, offset, directorySize);
  const size = offset + directorySize + (zip64 ? ZIP_LAYOUT.zip64End : 0) + ZIP_LAYOUT.end;
  const shared = options.sharedUntil === undefined ? undefined : placed.find((p) => p.source.name === options.sharedUntil);
  return {
    size,
    sharedPrefix: shared?.offset ?? 0,
    async *chunks(signal) {
      const crcs: number[] = [];
      for (const entry of placed) {
        yield localHeader(entry);
        const crc = yield* entryData(entry.source, signal);
        crcs.push(crc);
        yield dataDescriptor(crc, entry.source.size);
      }
      yield Buffer.concat(placed.map((entry, i) => centralHeader(entry, crcs[i] as number)));
      if (zip64) yield zip64End(placed.length, directorySize, offset);
      yield endOfCentral(zip64 ? MAX16 : placed.length, zip64 ? MAX32 : directorySize, zip64 ? MAX32 : offset);
    },
  };
}

/** The size of the zip `planZip` makes of these entries, from names and sizes alone. */
export function zipSize(files: ReadonlyArray<{ name: string; size: number }>): number {
  return planZip(files.map((f) => ({ ...f, open: () => [] }))).size;
}

/** Copies one entry's data, checking it against its declared size (and CRC); returns the CRC. */
async function* entryData(source: ZipSource, signal: AbortSignal | undefined): AsyncGenerator<Buffer, number> {
  const known = source.crcChecked === true ? source.crc32 : undefined;
  let crc = 0;
  let copied = 0;
  for await (const chunk of await source.open()) {
    signal?.throwIfAborted();
    const buffer = chunk;
    copied += buffer.length;
    // Caught before the excess goes out: a receiver counting against the declared size never
    // sees more bytes than it was told.
    if (copied > source.size) throw sizeError(source, `more than its ${source.size} bytes`);
    if (known === undefined) crc = crc32(buffer, crc);
    yield buffer;
  }
  signal?.throwIfAborted();
  if (copied !== source.size) throw sizeError(source, `${copied} bytes, not ${source.size}`);
  if (known !== undefined) return known >>> 0;
  if (source.crc32 !== undefined && crc >>> 0 !== source.crc32 >>> 0) throw crcMismatch(source.name, crc, source.crc32);
  return crc >>> 0;
}

/** An entry whose data does not have the CRC-32 its zip declares. */
export function crcMismatch(name: string, crc: number, declared: number): StmsError {
  return new StmsError('PACKAGE_INVALID', `${name}: its data has CRC-32 ${hex(crc)}, not the ${hex(declared)} its zip declares; the package is damaged`, {
    hint: 'Build the package again (`stms pack <dir>`) and copy it whole.',
  });
}

function sizeError(source: ZipSource, what: string): StmsError {
  return new StmsError('PACKAGE_INVALID', `${source.name}: read ${what}; the package is damaged or changed while it was being read`, {
    hint: 'Build the package again (`stms pack <dir>`) and keep it unchanged during the release.',
  });
}

const hex = (crc: number) => (crc >>> 0).toString(16).padStart(8, '0');

/** Writes the zip to a file (beside it first, then renamed), with its md5 computed on the way. */
export async function writeZip(plan: ZipPlan, outFile: string, options: { signal?: AbortSignal } = {}): Promise<WrittenZip> {
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
 * A small zip held in memory (the jar `stms init` writes), entries in the order given: the same
 * headers as the streamed plans, for content that is already in memory.
 */
export function zipBytes(entries: ReadonlyArray<{ name: string; data: Buffer }>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name: text, data } of entries) {
    const name = Buffer.from(text, 'utf8');
    const entry: Placed = { source: { name: text, size: data.length, open: () => [] }, name, flags: USES_DATA_DESCRIPTOR | (name.length !== text.length ? UTF8_NAME : 0), offset };
    const crc = crc32(data);
    central.push(centralHeader(entry, crc));
    const local = [localHeader(entry), data, dataDescriptor(crc, data.length)];
    parts.push(...local);
    offset += local.reduce((sum, b) => sum + b.length, 0);
  }
  const directory = Buffer.concat(central);
  return Buffer.concat([...parts, directory, endOfCentral(entries.length, directory.length, offset)]);
}

function isZip64Entry(size: number, offset: number): boolean {
  return size > MAX32 || offset > MAX32;
}

function isZip64Archive(count: number, directoryOffset: number, directorySize: number): boolean {
  return count > MAX16 || directorySize > MAX32 || directoryOffset > MAX32;
}

function localHeader(entry: Placed): Buffer {
  const b = Buffer.alloc(ZIP_LAYOUT.localHeader + entry.name.length);
  b.writeUInt32LE(LOCAL_HEADER, 0);
  b.writeUInt16LE(VERSION, 4);
  b.writeUInt16LE(entry.flags, 6);
  // method 0 (stored) at 8; CRC and sizes 0 at 14..25: they follow in the data descriptor
  b.writeUInt32LE(DOS_DATE_TIME, 10);
  b.writeUInt16LE(entry.name.length, 26);
  entry.name.copy(b, 30);
  return b;
}

function dataDescriptor(crc: number, size: number): Buffer {
  const b = Buffer.alloc(ZIP_LAYOUT.dataDescriptor(size));
  b.writeUInt32LE(DATA_DESCRIPTOR, 0);
  b.writeUInt32LE(crc >>> 0, 4);
  if (size > MAX32) {
    b.writeBigUInt64LE(BigInt(size), 8);
    b.writeBigUInt64LE(BigInt(size), 16);
  } else {
    b.writeUInt32LE(size, 8);
    b.writeUInt32LE(size, 12);
  }
  return b;
}

function centralHeader(entry: Placed, crc: number): Buffer {
  const { size } = entry.source;
  const zip64 = isZip64Entry(size, entry.offset);
  const b = Buffer.alloc(ZIP_LAYOUT.centralHeader + entry.name.length + (zip64 ? ZIP64_EXTRA_SIZE : 0));
  b.writeUInt32LE(CENTRAL_HEADER, 0);
  b.writeUInt16LE(MADE_BY, 4);
  b.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION, 6);
  b.writeUInt16LE(entry.flags, 8);
  // method 0 (stored) at 10
  b.writeUInt32LE(DOS_DATE_TIME, 12);
  b.writeUInt32LE(crc >>> 0, 16);
  b.writeUInt32LE(zip64 ? MAX32 : size, 20);
  b.writeUInt32LE(zip64 ? MAX32 : size, 24);
  b.writeUInt16LE(entry.name.length, 28);
  b.writeUInt16LE(zip64 ? ZIP64_EXTRA_SIZE : 0, 30);
  // comment length, disk start, internal attributes: 0 (Buffer.alloc zeroed them)
  b.writeUInt32LE(FILE_ATTRIBUTES, 38);
  b.writeUInt32LE(zip64 ? MAX32 : entry.offset, 42);
  entry.name.copy(b, 46);
  if (zip64) {
    const extra = 46 + entry.name.length;
    b.writeUInt16LE(0x0001, extra);
    b.writeUInt16LE(24, extra + 2);
    b.writeBigUInt64LE(BigInt(size), extra + 4);
    b.writeBigUInt64LE(BigInt(size), extra + 12);
    b.writeBigUInt64LE(BigInt(entry.offset), extra + 20);
  }
  return b;
}

/** ZIP64 end record and its locator, as archiver writes them. */
function zip64End(count: number, directorySize: number, directoryOffset: number): Buffer {
  const b = Buffer.alloc(ZIP_LAYOUT.zip64End);
  b.writeUInt32LE(ZIP64_END, 0);
  b.writeBigUInt64LE(44n, 4);
  b.writeUInt16LE(VERSION_ZIP64, 12);
  b.writeUInt16LE(VERSION_ZIP64, 14);
  // disk numbers 0 at 16 and 20
  b.writeBigUInt64LE(BigInt(count), 24);
  b.writeBigUInt64LE(BigInt(count), 32);
  b.writeBigUInt64LE(BigInt(directorySize), 40);
  b.writeBigUInt64LE(BigInt(directoryOffset), 48);
  b.writeUInt32LE(ZIP64_LOCATOR, 56);
  // disk of the ZIP64 end record 0 at 60
  b.writeBigUInt64LE(BigInt(directoryOffset + directorySize), 64);
  b.writeUInt32LE(1, 72);
  return b;
}

function endOfCentral(count: number, size: number, offset: number): Buffer {
  const b = Buffer.alloc(ZIP_LAYOUT.end);
  b.writeUInt32LE(END_OF_CENTRAL, 0);
  b.writeUInt16LE(count & MAX16, 8);
  b.writeUInt16LE(count & MAX16, 10);
  b.writeUInt32LE(size, 12);
  b.writeUInt32LE(offset, 16);
  return b;
}
