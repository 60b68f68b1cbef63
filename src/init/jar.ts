import { crc32 } from 'node:zlib';

/**
 * The main jar `stms init --type flink.jar` puts in the package, so that the scaffold validates
 * and releases as it is: a real zip holding only META-INF/MANIFEST.MF. It is built here rather
 * than shipped as a binary in templates/ so that its Main-Class always matches meta.json's
 * `main.class`, and it is byte-for-byte the same on every run (fixed times, stored entries). It
 * has no classes: the user replaces it with the jar their build produces.
 */
export function placeholderJar(mainClass: string): Buffer {
  const manifest = ['Manifest-Version: 1.0', `Main-Class: ${mainClass}`, 'Created-By: stms init (placeholder: replace with your build)', '', ''].join('\r\n');
  return storedZip([{ name: 'META-INF/MANIFEST.MF', data: Buffer.from(manifest, 'utf8') }]);
}

export interface ZipEntryInput {
  name: string;
  data: Buffer;
}

// 1980-01-01 00:00:00 in MS-DOS date/time: the earliest a zip can say, so no clock leaks in.
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;
const UTF8_NAMES = 0x0800;
const VERSION_STORED = 10;

/** A minimal zip (no compression, no zip64) of a few small entries. */
export function storedZip(entries: readonly ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION_STORED, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, entry.data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(VERSION_STORED, 4); // made by
    central.writeUInt16LE(VERSION_STORED, 6); // needed
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk, internal and external attributes stay 0
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const centralSize = centrals.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
