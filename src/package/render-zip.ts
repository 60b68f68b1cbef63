import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { StmsError } from '../errors.js';
import { readDirPackage } from './dir-reader.js';
import { crc32 } from 'node:zlib';
import { planStoredZip, writeStoredZip, type KnownEntry, type StoredZip, type StoredZipPlan } from './stored-zip.js';
import { META_FILE } from './types.js';
import { entryName, openZip, zipEntries } from './zip-entries.js';
import { openEntryContent } from './entry-stream.js';

/**
 * The bytes of a rendered meta.json: 2-space JSON and a final newline. `render --out` and
 * `release` must both use this, or the same package would get two md5s. Safe for the server,
 * which joins lines without separators (§6.2): JSON.stringify never puts a raw newline in a string.
 */
export function renderedMetaText(meta: unknown): string {
  return `${JSON.stringify(meta, null, 2)}\n`;
}

/**
 * The package one cluster receives: every file of the source (zip or folder) in a deterministic
 * stored zip, with meta.json replaced by that cluster's rendered text. The same files give the
 * same bytes whether they came from a zip or a folder. The source must have passed
 * inspectPackage: this trusts its names and reads only plain root files. The plan can be written
 * to a file (`render --out`) or streamed into an upload (`release`), as often as needed.
 * meta.json comes last: everything before it is the same bytes in every cluster's zip, so
 * `release` hashes that part once however many clusters it sends to.
 */
export async function renderedZipPlan(source: string, metaText: string, options: { signal?: AbortSignal } = {}): Promise<StoredZipPlan> {
  const metaBytes = Buffer.from(metaText, 'utf8');
  const meta: KnownEntry = { name: META_FILE, size: metaBytes.length, crc32: crc32(metaBytes), open: () => Readable.from([metaBytes]) };
  const resolved = path.resolve(source);
  if ((await stat(resolved)).isDirectory()) {
    const listing = await readDirPackage(resolved);
    const names = listing.entries.filter((e) => e.kind === 'file' && e.name !== META_FILE).map((e) => e.name);
    const files = await Promise.all(names.map((name) => fileEntry(path.join(resolved, name), name, options.signal)));
    return planStoredZip([meta, ...files], { last: META_FILE });
  }
  const zip = await openZip(resolved);
  try {
    const items: KnownEntry[] = [meta];
    for await (const entry of zipEntries(zip)) {
      const name = entryName(entry);
      if (name === META_FILE || name.endsWith('/')) continue;
      if (name.includes('/') || items.some((i) => i.name === name)) {
        throw new StmsError('PACKAGE_INVALID', `${source}: entry ${JSON.stringify(name)} is nested or repeated; validate the package first`);
      }
      // The central directory already holds the CRC and size of the content: only copy it.
      items.push({ name, size: entry.uncompressedSize, crc32: entry.crc32, open: () => openEntryContent(resolved, entry) });
    }
    return planStoredZip(items, { last: META_FILE });
  } finally {
    zip.close();
  }
}

export async function writeRenderedZip(source: string, metaText: string, outFile: string, options: { signal?: AbortSignal } = {}): Promise<StoredZip> {
  return await writeStoredZip(await renderedZipPlan(source, metaText, options), outFile, options);
}

/** A folder file with its CRC, computed by Node's native crc32 while reading it once. */
async function fileEntry(file: string, name: string, signal: AbortSignal | undefined): Promise<KnownEntry> {
  let crc = 0;
  let size = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024, ...(signal ? { signal } : {}) })) {
    crc = crc32(chunk as Buffer, crc);
    size += (chunk as Buffer).length;
  }
  return { name, size, crc32: crc, open: () => createReadStream(file, { highWaterMark: 1024 * 1024 }) };
}
