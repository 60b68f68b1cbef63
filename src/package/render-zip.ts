import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { StmsError } from '../errors.js';
import { readDirPackage } from './dir-reader.js';
import { writeDeterministicZip, type WrittenZip, type ZipItem } from './deterministic-zip.js';
import { dirItems } from './pack.js';
import { META_FILE } from './types.js';
import { entryName, openZip, zipEntries } from './zip-entries.js';

/**
 * The bytes of a rendered meta.json: 2-space JSON and a final newline. `render --out` and
 * `release` must both use this, or the same package would get two md5s. Safe for the server,
 * which joins lines without separators (§6.2): JSON.stringify never puts a raw newline in a string.
 */
export function renderedMetaText(meta: unknown): string {
  return `${JSON.stringify(meta, null, 2)}\n`;
}

/**
 * The package one cluster receives: every file of the source (zip or folder) streamed into a
 * deterministic zip, with meta.json replaced by that cluster's rendered text. The source must
 * have passed inspectPackage: this trusts its names and reads only plain root files.
 */
export async function writeRenderedZip(source: string, metaText: string, outFile: string, options: { signal?: AbortSignal } = {}): Promise<WrittenZip> {
  const meta: ZipItem = { name: META_FILE, open: () => Readable.from([Buffer.from(metaText, 'utf8')]) };
  const resolved = path.resolve(source);
  if ((await stat(resolved)).isDirectory()) {
    const listing = await readDirPackage(resolved);
    const names = listing.entries.filter((e) => e.kind === 'file' && e.name !== META_FILE).map((e) => e.name);
    return await writeDeterministicZip([meta, ...dirItems(resolved, names)], outFile, options);
  }
  const zip = await openZip(resolved);
  try {
    const items: ZipItem[] = [meta];
    for await (const entry of zipEntries(zip)) {
      const name = entryName(entry);
      if (name === META_FILE || name.endsWith('/')) continue;
      if (name.includes('/') || items.some((i) => i.name === name)) {
        throw new StmsError('PACKAGE_INVALID', `${source}: entry ${JSON.stringify(name)} is nested or repeated; validate the package first`);
      }
      items.push({ name, open: () => zip.openReadStreamPromise(entry) });
    }
    return await writeDeterministicZip(items, outFile, options);
  } finally {
    zip.close();
  }
}
