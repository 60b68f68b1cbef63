import { writeFile } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A tiny zip writer for TESTS. It writes what the product's zip writer (src/package/stored-zip.ts) never does: absolute names,
 * `..`, symlink entries, duplicate names, directory entries, encrypted flags and lying sizes,
 * so the package checks can be tried on every bad input. Not for production use.
 */

export interface TestZipEntry {
  /** Raw bytes when a Buffer (e.g. a name that is not UTF-8). */
  name: string | Buffer;
  data?: Buffer | string;
  /** `deflate` compresses at level 9 (for the zip bomb); default `store`. */
  method?: 'store' | 'deflate';
  /** Full st_mode (type bits included) in the high 16 bits of the external attributes. */
  unixMode?: number;
  /** Sets the general-purpose "encrypted" bit (the data is not really encrypted). */
  encrypted?: boolean;
  /** Overrides the uncompressed size written in the headers. */
  declaredSize?: number;
  /** Writes this compression method number (e.g. 12, bzip2) over the data as it is. */
  rawMethod?: number;
}

export const MODE = { file: 0o100644, dir: 0o040755, symlink: 0o120777, fifo: 0o010644 } as const;

const DOS_TIME = 0; // 00:00:00
const DOS_DATE = (1 << 5) | 1; // 1980-01-01

export function buildZip(entries: readonly TestZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = typeof entry.name === 'string' ? Buffer.from(entry.name, 'utf8') : entry.name;
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : (entry.data ?? Buffer.alloc(0));
    const deflate = entry.method === 'deflate';
    const packed = deflate ? deflateRawSync(raw, { level: 9 }) : raw;
    // Traditional encryption puts a 12-byte header before the data; readers check for it.
    const body = entry.encrypted ? Buffer.concat([Buffer.alloc(12), packed]) : packed;
    const crc = crc32(raw);
    const size = entry.declaredSize ?? raw.length;
    const flags = (typeof entry.name === 'string' ? 0x800 : 0) | (entry.encrypted ? 0x1 : 0);
    const method = entry.rawMethod ?? (deflate ? 8 : 0);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(entry.unixMode === undefined ? 20 : (3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(entry.unixMode === undefined ? 0 : (entry.unixMode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + body.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

export async function writeZip(file: string, entries: readonly TestZipEntry[]): Promise<string> {
  await writeFile(file, buildZip(entries));
  return file;
}
