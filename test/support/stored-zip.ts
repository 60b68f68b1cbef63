import { crc32 } from 'node:zlib';
import { planZip, writeZip } from '../../src/package/stored-zip.js';

/**
 * Big test packages without big buffers: entries whose bytes are generated 1 MiB at a time, with
 * their size and CRC known up front (a first pass over the same generator), written by the
 * product's one zip writer (src/package/stored-zip.ts) chunk by chunk.
 */

export interface StoredEntry {
  name: string;
  size: number;
  crc: number;
  chunks: () => Iterable<Buffer> | AsyncIterable<Buffer>;
}

export function bufferEntry(name: string, data: Buffer | string): StoredEntry {
  const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { name, size: buffer.length, crc: crc32(buffer), chunks: () => [buffer] };
}

/** An entry of `size` pseudo-random bytes produced 1 MiB at a time (deterministic per seed). */
export function generatedEntry(name: string, size: number, seed = 1): StoredEntry {
  const chunkSize = 1 << 20;
  const base = Buffer.alloc(chunkSize);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < chunkSize; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    base.writeUInt32LE(x >>> 0, i);
  }
  function* chunks(): Generator<Buffer> {
    for (let offset = 0, index = 0; offset < size; offset += chunkSize, index++) {
      const chunk = Buffer.from(base.subarray(0, Math.min(chunkSize, size - offset)));
      // Make each chunk differ so a misplaced chunk changes the md5.
      if (chunk.length >= 4) chunk.writeUInt32LE(index, 0);
      yield chunk;
    }
  }
  let crc = 0;
  for (const chunk of chunks()) crc = crc32(chunk, crc);
  return { name, size, crc, chunks };
}

/** Writes the entries with the product's one zip writer (its layout: sorted by name, data descriptors). */
export async function writeStoredZip(file: string, entries: StoredEntry[]): Promise<void> {
  const known = entries.map((e) => ({ name: e.name, size: e.size, crc32: e.crc, open: () => e.chunks() }));
  await writeZip(planZip(known), file);
}
