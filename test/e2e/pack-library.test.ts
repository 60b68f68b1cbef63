import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StmsError } from '../../src/errors.js';
import { packDirectory, writeRenderedZip } from '../../src/package/index.js';
import { sqlFiles, tempDir, writeDirPackage } from '../support/packages.js';
import { writeZip } from '../support/zip-writer.js';

/**
 * The guards of the library functions `release` calls without going through `validate` first:
 * they refuse what they cannot pack faithfully instead of dropping or following it.
 */
describe('package library guards', () => {
  it('packDirectory refuses a folder with a subfolder and leaves no file behind', async () => {
    const dir = await tempDir('stms-packlib-');
    const pkg = await writeDirPackage(path.join(dir, 'p1-j1'), sqlFiles());
    await mkdir(path.join(pkg, 'lib'));
    const error = await packDirectory(pkg, path.join(dir, 'out.zip')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StmsError);
    expect((error as StmsError).code).toBe('PACKAGE_INVALID');
    expect((error as StmsError).message).toContain('lib/');
    expect(await readdir(dir)).toEqual(['p1-j1']);
  });

  it('writeRenderedZip refuses a source zip with nested entries', async () => {
    const dir = await tempDir('stms-packlib-');
    const zip = await writeZip(path.join(dir, 'src.zip'), [{ name: 'meta.json', data: '{}' }, { name: 'lib/a.jar', data: 'x' }]);
    const error = await writeRenderedZip(zip, '{}\n', path.join(dir, 'out.zip')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StmsError);
    expect((error as StmsError).message).toContain('"lib/a.jar" is nested or repeated');
    expect(await readdir(dir)).toEqual(['src.zip']);
  });

  it('stops on an aborted signal and removes the partial file', async () => {
    const dir = await tempDir('stms-packlib-');
    const pkg = await writeDirPackage(path.join(dir, 'p1-j1'), sqlFiles());
    await writeFile(path.join(pkg, 'big.bin'), Buffer.alloc(32 * 1024 * 1024, 1));
    const controller = new AbortController();
    const packing = packDirectory(pkg, path.join(dir, 'out.zip'), { signal: controller.signal });
    controller.abort();
    const error = await packing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StmsError);
    expect((error as StmsError).code).toBe('INTERRUPTED');
    expect(await readdir(dir)).toEqual(['p1-j1']);
  });
});
