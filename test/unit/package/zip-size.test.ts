import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { planStoredZip } from '../../../src/package/stored-zip.js';
import { renderedZipSize, storedZipSize } from '../../../src/package/zip-size.js';

describe('storedZipSize', () => {
  it.each([
    ['no files: the end record alone', [], 22],
    ['one empty file', [{ name: 'a', size: 0 }], 22 + 30 + 1 + 16 + 46 + 1],
    ['two files', [{ name: 'meta.json', size: 100 }, { name: 'job.sql', size: 7 }], 22 + (30 + 9 + 100 + 16 + 46 + 9) + (30 + 7 + 7 + 16 + 46 + 7)],
    ['names count in UTF-8 bytes', [{ name: 'é', size: 1 }], 22 + 30 + 2 + 1 + 16 + 46 + 2],
  ])('%s', (_label, files, bytes) => {
    expect(storedZipSize(files)).toEqual({ bytes, exact: true });
  });

  it('gives an upper bound, not an exact size, past 4 GiB', () => {
    const files = [{ name: 'big.jar', size: 5 * 1024 ** 3 }];
    const result = storedZipSize(files);
    expect(result.exact).toBe(false);
    expect(result.bytes).toBeGreaterThan(5 * 1024 ** 3 + 22 + 30 + 7 + 16 + 46 + 7);
  });
});

describe('renderedZipSize', () => {
  it.each([
    ['no files', []],
    ['meta.json and a jar', [{ name: 'meta.json', size: 812 }, { name: 'app-0.1.3.jar', size: 5_000_000 }]],
    ['UTF-8 names', [{ name: 'meta.json', size: 1 }, { name: 'é.txt', size: 0 }]],
  ])('is the size of the zip stored-zip writes: %s', (_label, files) => {
    const plan = planStoredZip(files.map((f) => ({ ...f, crc32: 0, open: () => Readable.from([]) })));
    expect(renderedZipSize(files)).toBe(plan.size);
  });
});
