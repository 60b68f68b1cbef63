import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packDirectory } from '../../../src/package/pack.js';
import { tempDir } from '../../support/packages.js';

/**
 * Servers hold the md5 of every folder release in its source record, and the consistency check
 * compares it with the md5 of the folder packed again: the bytes `pack` writes must never change.
 * These md5s were recorded from the zip layout stms has always written; if one changes, every job
 * released from a folder would look changed.
 */

const FIXTURE = fileURLToPath(new URL('../../fixtures/pack-layout', import.meta.url));

describe('the pack layout', () => {
  it('gives the recorded md5 for the fixture folder', async () => {
    const dir = await tempDir('stms-layout-');
    const zip = await packDirectory(FIXTURE, path.join(dir, 'out.zip'));
    expect({ size: zip.size, md5: zip.md5 }).toEqual({ size: 1229, md5: '4c81cfb2a24a225c4d6a9514bcc7e10e' });
  });

  it('gives the recorded md5 for non-ASCII names, empty files and multi-MiB files', async () => {
    const dir = await tempDir('stms-layout-');
    const folder = path.join(dir, 'pkg');
    await mkdir(folder);
    const big = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7919) % 251;
    await writeFile(path.join(folder, 'big.bin'), big);
    await writeFile(path.join(folder, 'empty'), '');
    await writeFile(path.join(folder, 'données.csv'), 'id;name\n1;été\n');
    await writeFile(path.join(folder, 'meta.json'), '{}\n');
    const zip = await packDirectory(folder, path.join(dir, 'out.zip'));
    expect({ size: zip.size, md5: zip.md5 }).toEqual({ size: 3146220, md5: 'b21d922c37400fd1839479b340c2ed36' });
  });
});
