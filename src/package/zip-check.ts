import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { createInflateRaw, crc32, type InflateRaw } from 'node:zlib';
import { StmsError } from '../errors.js';
import { entryName, openZip, zipEntries } from './zip-entries.js';
import type { BufferPool } from '../util/buffer-pool.js';

/**
 * One sequential read of a package zip that both hashes it and checks every entry: its data
 * must have the CRC-32 and the size the central directory declares (deflated entries are
 * inflated, and stopped as soon as they pass their declared size). A zip that lies is refused
 * here, before anything is uploaded: the server would store a damaged entry, or stop reading
 * an upload whose entry outgrows its declared size. Read in 1 MiB pieces into one reused
 * buffer (bench/: near md5sum's speed); stored data is only CRC'd with Node's native crc32.
 */

const READ_SIZE = 1024 * 1024;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const ENCRYPTED = 0x0001;

interface DataRange {
  name: string;
  start: number;
  end: number;
  method: number;
  size: number;
  crc32: number;
}

/**
 * The zip's bytes, in order, each chunk valid only until the next one is asked for. Throws
 * PACKAGE_INVALID (exit 3) at the first entry that does not match its declaration; entries other
 * rules refuse anyway (encrypted, unknown method) are not read.
 */
export async function* checkedZipChunks(file: string, signal?: AbortSignal): AsyncGenerator<Buffer> {
  for await (const event of zipPass(file, { signal })) if (event.kind === 'raw') yield event.chunk;
}

/**
 * What one read of a zip gives: its bytes (`raw`, in file order) and, when asked for, each entry's
 * content (inflated when deflated) followed by `end` once its CRC and size were found right.
 */
export type ZipPassEvent = { kind: 'raw'; chunk: Buffer } | { kind: 'content'; name: string; chunk: Buffer } | { kind: 'end'; name: string };

export interface ZipPassOptions {
  signal?: AbortSignal | undefined;
  /** Report entries' content too (for zips rebuilt from this one while it is read). */
  content?: boolean;
  /**
   * Every chunk in a buffer of its own, so readers may keep it (a socket sends it later); else one
   * buffer is reused and a chunk is valid only until the next event.
   */
  fresh?: boolean;
  /**
   * Skip the CRC-32 of each entry's data (sizes are still checked): only for a file this machine
   * read whole and found right before, unchanged since (its md5 remembered by file identity).
   */
  trusted?: boolean;
  /**
   * With `fresh`: read into buffers lent by this pool instead of new ones. Each chunk is held by
   * the read until it moves on to the next; whoever keeps it longer must hold it too.
   */
  pool?: BufferPool | undefined;
}

/**
 * The one sequential read of a package zip behind checkedZipChunks and the release's shared read:
 * each entry's data checked against its CRC and size on the way (see the top of this file).
 */
export async function* zipPass(file: string, options: ZipPassOptions): AsyncGenerator<ZipPassEvent> {
  const { signal, content = false, fresh = false, trusted = false, pool } = options;
  const handle = await open(file, 'r');
  let ahead: Promise<Buffer> | undefined;
  let held: Buffer | undefined;
  try {
    const ranges = await dataRanges(file, handle);
    // The next chunk is read while this one is checked and handed on: the main thread does not wait
    // on every read's round trip through the thread pool. Two buffers take turns when reused, so a
    // chunk stays whole until the event after it (the read in flight fills the other one).
    const spare = fresh ? undefined : [Buffer.allocUnsafe(READ_SIZE), Buffer.allocUnsafe(READ_SIZE)];
    let turn = 0;
    const readAt = async (at: number): Promise<Buffer> => {
      const buffer = spare ? (spare[turn++ % 2] as Buffer) : fresh && pool ? pool.take() : Buffer.allocUnsafe(READ_SIZE);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, at);
      return bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    };
    let position = 0;
    let next = 0;
    let current: EntryCheck | undefined;
    const events: ZipPassEvent[] = [];
    ahead = readAt(0);
    for (;;) {
      signal?.throwIfAborted();
      const chunk = await ahead;
      ahead = undefined;
      held = chunk;
      if (chunk.length === 0) break;
      const end = position + chunk.length;
      ahead = readAt(end);
      yield { kind: 'raw', chunk };
      // Every entry whose data overlaps this chunk, in file order.
      for (;;) {
        if (!current) {
          const range = ranges[next];
          if (range === undefined || range.start >= end) break;
          current = new EntryCheck(range, content ? (data) => events.push({ kind: 'content', name: range.name, chunk: data }) : undefined, !trusted);
          next++;
        }
        const from = Math.max(current.range.start, position);
        const to = Math.min(current.range.end, end);
        if (to > from) await current.feed(chunk.subarray(from - position, to - position));
        yield* events.splice(0);
        if (current.range.end > end) break;
        await current.finish();
        yield* events.splice(0);
        if (content) yield { kind: 'end', name: current.range.name };
        current = undefined;
      }
      position = end;
      held = undefined;
      pool?.release(chunk);
    }
    if (current || next < ranges.length) throw invalid(current?.range.name ?? ranges[next]?.name ?? '', 'its data runs past the end of the file');
  } finally {
    // A read still in flight (the reader stopped early, or a check failed) ends before the file closes.
    const unread = await ahead?.catch(() => undefined);
    if (pool) for (const buffer of [held, unread]) if (buffer) pool.release(buffer);
    await handle.close();
  }
}

/**
 * Hex md5 of a package zip, every entry checked on the way (see checkedZipChunks). `onBytes`
 * hears how much was read, so a big package's hashing can show its progress.
 */
export async function md5CheckedZip(file: string, signal?: AbortSignal, onBytes?: (read: number) => void): Promise<string> {
  const hash = createHash('md5');
  let read = 0;
  for await (const chunk of checkedZipChunks(file, signal)) {
    hash.update(chunk);
    read += chunk.length;
    onBytes?.(read);
  }
  return hash.digest('hex');
}

/** Every entry checked as md5CheckedZip checks them, without the md5 (hashed elsewhere: md5-thread.ts). */
export async function checkZip(file: string, signal?: AbortSignal): Promise<void> {
  for await (const event of zipPass(file, { signal })) void event;
}

/** Where each checkable entry's data lies: the central directory, then each local header. */
async function dataRanges(file: string, handle: FileHandle): Promise<DataRange[]> {
  const zip = await openZip(file).catch((error: unknown) => {
    throw invalid(file, `the zip cannot be read: ${(error as Error).message}`);
  });
  const ranges: DataRange[] = [];
  const header = Buffer.alloc(30);
  try {
    for await (const entry of zipEntries(zip)) {
      if ((entry.generalPurposeBitFlag & ENCRYPTED) !== 0 || (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED)) continue;
      const name = entryName(entry);
      const { bytesRead } = await handle.read(header, 0, 30, entry.relativeOffsetOfLocalHeader);
      if (bytesRead < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) throw invalid(name, 'no local header where the central directory says one is');
      const start = entry.relativeOffsetOfLocalHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      ranges.push({ name, start, end: start + entry.compressedSize, method: entry.compressionMethod, size: entry.uncompressedSize, crc32: entry.crc32 });
    }
  } catch (error) {
    if (error instanceof StmsError) throw error;
    throw invalid(file, `the zip cannot be read: ${(error as Error).message}`);
  } finally {
    zip.close();
  }
  ranges.sort((a, b) => a.start - b.start);
  for (let i = 1; i < ranges.length; i++) {
    if ((ranges[i] as DataRange).start < (ranges[i - 1] as DataRange).end) throw invalid((ranges[i] as DataRange).name, 'its data overlaps another entry');
  }
  return ranges;
}

/** The CRC and size of one entry's content, from its stored or deflated data. */
class EntryCheck {
  private crc = 0;
  private size = 0;
  private readonly inflate: InflateRaw | undefined;
  private failure: Error | undefined;

  /** `onContent` hears the entry's content as it is checked (stored data, or inflated). */
  constructor(
    readonly range: DataRange,
    private readonly onContent?: (content: Buffer) => void,
    private readonly checkCrc = true,
  ) {
    if (range.method !== DEFLATED) return;
    this.inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    this.inflate.on('data', (content: Buffer) => this.count(content));
    this.inflate.on('error', (error: Error) => {
      this.failure ??= invalid(range.name, `its deflated data is damaged: ${error.message}`);
    });
  }

  async feed(data: Buffer): Promise<void> {
    if (!this.inflate) return this.count(data);
    if (this.failure) return;
    // Waits until zlib has taken the bytes: the caller reuses the buffer for the next read.
    // A destroyed inflater (the entry outgrew its size) may drop the callback: 'close' ends the wait.
    const inflate = this.inflate;
    await new Promise<void>((resolve) => {
      const done = () => {
        inflate.off('close', done);
        resolve();
      };
      inflate.once('close', done);
      inflate.write(data, done);
    });
    this.raise();
  }

  async finish(): Promise<void> {
    if (this.inflate && !this.failure) {
      const inflate = this.inflate;
      await new Promise<void>((resolve) => {
        inflate.once('end', resolve).once('error', () => resolve());
        inflate.end();
      });
    }
    this.raise();
    if (this.size !== this.range.size) throw invalid(this.range.name, `it holds ${this.size} bytes, not the ${this.range.size} its zip declares`);
    if (this.checkCrc && this.crc >>> 0 !== this.range.crc32 >>> 0) {
      throw invalid(this.range.name, `its data has CRC-32 ${hex(this.crc)}, not the ${hex(this.range.crc32)} its zip declares`);
    }
  }

  private count(content: Buffer): void {
    this.size += content.length;
    if (this.size > this.range.size) {
      // An entry that outgrows its declared size is not inflated further: it could be a bomb.
      this.failure ??= invalid(this.range.name, `it inflates to more than the ${this.range.size} bytes its zip declares`);
      this.inflate?.destroy();
      return;
    }
    if (this.checkCrc) this.crc = crc32(content, this.crc);
    this.onContent?.(content);
  }

  private raise(): void {
    if (this.failure) {
      this.inflate?.destroy();
      throw this.failure;
    }
  }
}

const hex = (crc: number) => (crc >>> 0).toString(16).padStart(8, '0');

function invalid(name: string, why: string): StmsError {
  return new StmsError('PACKAGE_INVALID', `${name}: ${why}; the package is damaged`, { hint: 'Build the package again (`stms pack <dir>`) and copy it whole.' });
}
