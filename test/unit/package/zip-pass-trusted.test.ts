import { writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zipBytes } from '../../../src/package/stored-zip.js';
import { zipPass } from '../../../src/package/zip-check.js';
import { tempDir } from '../../support/packages.js';
import { buildZip } from '../../support/zip-writer.js';

/**
 * A zip this machine read whole and found right before (its md5 remembered by file identity) is
 * read again without computing its entries' CRCs; its sizes are still checked. Any other zip has
 * every CRC checked.
 */

let dir: string;
beforeEach(async () => {
  dir = await tempDir('stms-zip-pass-');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function drain(file: string, trusted: boolean): Promise<number> {
  let bytes = 0;
  for await (const event of zipPass(file, { trusted, content: true, fresh: true })) if (event.kind === 'raw') bytes += event.chunk.length;
  return bytes;
}

describe('zipPass of a trusted zip', () => {
  it('does not compute CRCs: a flipped data byte goes by only when trusted', async () => {
    const zip = zipBytes([{ name: 'job.sql', data: Buffer.from('SELECT 1;\n') }]);
    const flipped = 30 + 'job.sql'.length + 2;
    zip.writeUInt8(zip.readUInt8(flipped) ^ 0x20, flipped);
    const file = path.join(dir, 'p.zip');
    await writeFile(file, zip);
    await expect(drain(file, false)).rejects.toThrow(/job\.sql: its data has CRC-32 [0-9a-f]{8}, not the [0-9a-f]{8} its zip declares/);
    await expect(drain(file, true)).resolves.toBe(zip.length);
  });

  it('still checks sizes: a deflated entry that inflates past its declared size is refused', async () => {
    const file = path.join(dir, 'p.zip');
    await writeFile(file, buildZip([{ name: 'job.sql', data: 'SELECT 1;\n'.repeat(100), method: 'deflate', declaredSize: 100 }]));
    await expect(drain(file, true)).rejects.toThrow(/job\.sql: it inflates to more than the 100 bytes its zip declares/);
  });
});
