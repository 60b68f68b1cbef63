import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { crc32 } from 'node:zlib';

/**
 * A minimal zip writer for tests: STORE entries only, written to disk chunk by chunk, so a test
 * can make a 300 MB package without a 300 MB buffer. The caller gives each entry's size and CRC
 * up front (computed in a first pass over the same generator), so headers need no data descriptor
 * and any reader (yauzl, unzip) accepts the result. No zip64: entries and archive stay < 4 GiB.
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

export async function writeStoredZip(file: string, entries: StoredEntry[]): Promise<void> {
  const out = createWriteStream(file);
  let offset = 0;
  const write = async (buffer: Buffer): Promise<void> => {
    offset += buffer.length;
    if (!out.write(buffer)) await once(out, 'drain');
  };
  const central: Buffer[] = [];
  // 1980-01-01 00:00, a fixed time so the zip is deterministic.
  const dosTime = 0;
  const dosDate = (0 << 9) | (1 << 5) | 1;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const localOffset = offset;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // STORE
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.size, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    await write(local);
    await write(name);
    let written = 0;
    for await (const chunk of entry.chunks()) {
      written += chunk.length;
      await write(chunk);
    }
    if (written !== entry.size) throw new Error(`${entry.name}: wrote ${written} bytes, declared ${entry.size}`);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(0x031e, 4); // made by: unix, 3.0
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(0, 10);
    header.writeUInt16LE(dosTime, 12);
    header.writeUInt16LE(dosDate, 14);
    header.writeUInt32LE(entry.crc >>> 0, 16);
    header.writeUInt32LE(entry.size, 20);
    header.writeUInt32LE(entry.size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE((0o100644 << 16) >>> 0, 38); // regular file, rw-r--r--
    header.writeUInt32LE(localOffset, 42);
    central.push(header, name);
  }
  const centralStart = offset;
  for (const part of central) await write(part);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(offset - centralStart, 12);
  end.writeUInt32LE(centralStart, 16);
  await write(end);
  out.end();
  await once(out, 'finish');
}
