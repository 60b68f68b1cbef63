import { stat } from 'node:fs/promises';
import path from 'node:path';
import { StmsError } from '../errors.js';
import { packDirectory, planDirectory } from './pack.js';
import { crc32 } from 'node:zlib';
import { crcMismatch, planZip, writeZip, type WrittenZip, type ZipData, type ZipPlan, type ZipSource } from './stored-zip.js';
import { META_FILE } from './types.js';
import { entryName, openZip, zipEntries } from './zip-entries.js';
import { openEntryContent } from './entry-stream.js';
import { checkedZipChunks } from './zip-check.js';

/**
 * The bytes of a rendered meta.json: 2-space JSON and a final newline. `render --out` and
 * `release` must both use this, or the same package would get two md5s. Safe for the server,
 * which joins lines without separators (§6.2): JSON.stringify never puts a raw newline in a string.
 */
export function renderedMetaText(meta: unknown): string {
  return `${JSON.stringify(meta, null, 2)}\n`;
}

/**
 * Whether a cluster receives the package as given: its rendered meta.json means the same as the
 * package's own (no variable changed anything). Then `release` uploads the package itself, and
 * `render --out` writes those same bytes, so both give the md5 `pack` gives.
 */
export function sendsAsGiven(original: unknown, rendered: unknown): boolean {
  return JSON.stringify(original) === JSON.stringify(rendered);
}

/**
 * The package one cluster receives when a variable changed its meta.json: every file of the
 * source (zip or folder) in the one zip layout (stored-zip.ts), with meta.json replaced by that
 * cluster's rendered text: what `pack` would write of the folder holding that meta.json. The same
 * files give the same bytes whether they came from a zip or a folder. The source must have passed
 * inspectPackage: this trusts its names and reads only plain root files; entries copied from a
 * zip are checked against the CRC and size its central directory declares as they stream. The
 * plan can be written to a file (`render --out`) or streamed into an upload (`release`), as often
 * as needed. The entries sorted before meta.json are the same bytes in every cluster's zip, so
 * `release` hashes that part once however many clusters it sends to.
 */
export async function renderedZipPlan(source: string, metaText: string, options: RenderOptions = {}): Promise<ZipPlan> {
  const metaBytes = Buffer.from(metaText, 'utf8');
  const meta: ZipSource = { name: META_FILE, size: metaBytes.length, open: () => [metaBytes] };
  const resolved = path.resolve(source);
  if ((await stat(resolved)).isDirectory()) return await planDirectory(resolved, { replace: meta, sharedUntil: META_FILE });
  const zip = await openZip(resolved);
  try {
    const items: ZipSource[] = [meta];
    for await (const entry of zipEntries(zip)) {
      const name = entryName(entry);
      if (name === META_FILE || name.endsWith('/')) continue;
      if (name.includes('/') || items.some((i) => i.name === name)) {
        throw new StmsError('PACKAGE_INVALID', `${source}: entry ${JSON.stringify(name)} is nested or repeated; validate the package first`);
      }
      const own = () => openEntryContent(resolved, entry);
      const content = options.content;
      if (!content) {
        items.push({ name, size: entry.uncompressedSize, crc32: entry.crc32, open: own });
        continue;
      }
      // What the shared read hands over is checked there; what it cannot is checked here.
      const checkedOwn = async () => crcCheckedChunks(name, await own(), entry.crc32);
      items.push({ name, size: entry.uncompressedSize, crc32: entry.crc32, crcChecked: true, open: () => content(name, checkedOwn) });
    }
    return planZip(items, { sharedUntil: META_FILE });
  } finally {
    zip.close();
  }
}

export interface RenderOptions {
  /**
   * Where a zip source's entry content comes from (a read shared with other zips made of the same
   * package, which checks every entry's CRC before its last byte); `own` reads it from the zip
   * alone, checking the CRC itself. The zip writer takes the declared CRC as given.
   */
  content?: (name: string, own: () => Promise<AsyncIterable<Buffer>>) => ZipData;
}

/** The chunks, and a failure in place of the last one's end when their CRC is not `declared`. */
async function* crcCheckedChunks(name: string, chunks: AsyncIterable<Buffer>, declared: number): AsyncGenerator<Buffer> {
  let crc = 0;
  for await (const chunk of chunks) {
    crc = crc32(chunk, crc);
    yield chunk;
  }
  if (crc >>> 0 !== declared >>> 0) throw crcMismatch(name, crc, declared);
}

export async function writeRenderedZip(source: string, metaText: string, outFile: string, options: { signal?: AbortSignal } = {}): Promise<WrittenZip> {
  return await writeZip(await renderedZipPlan(source, metaText), outFile, options);
}

/**
 * The zip `release` sends one cluster, written to a file (`render --out`): the package as given
 * (a folder packed, a zip copied) when no variable changed meta.json, else the rendered zip.
 */
export async function writeClusterZip(source: string, original: unknown, rendered: unknown, outFile: string, options: { signal?: AbortSignal } = {}): Promise<WrittenZip> {
  if (!sendsAsGiven(original, rendered)) return await writeRenderedZip(source, renderedMetaText(rendered), outFile, options);
  const resolved = path.resolve(source);
  if ((await stat(resolved)).isDirectory()) return await packDirectory(resolved, outFile, options);
  const size = (await stat(resolved)).size;
  // Copied through the read that checks every entry: a damaged zip is refused, not copied.
  return await writeZip({ size, sharedPrefix: 0, chunks: (signal) => checkedZipChunks(resolved, signal) }, outFile, options);
}
