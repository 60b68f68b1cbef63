import { describe, expect, it } from 'vitest';
import { zipSize } from '../../../src/package/stored-zip.js';

describe('zipSize', () => {
  it.each([
    ['no files: the end record alone', [], 22],
    ['one empty file', [{ name: 'a', size: 0 }], 22 + 30 + 1 + 16 + 46 + 1],
    ['two files', [{ name: 'meta.json', size: 100 }, { name: 'job.sql', size: 7 }], 22 + (30 + 9 + 100 + 16 + 46 + 9) + (30 + 7 + 7 + 16 + 46 + 7)],
    ['names count in UTF-8 bytes', [{ name: 'é', size: 1 }], 22 + 30 + 2 + 1 + 16 + 46 + 2],
  ])('%s', (_label, files, bytes) => {
    expect(zipSize(files)).toBe(bytes);
  });

  it('counts the ZIP64 records past 4 GiB: a long data descriptor, an extra field, the ZIP64 end', () => {
    const size = 5 * 1024 ** 3;
    expect(zipSize([{ name: 'big.jar', size }])).toBe(30 + 7 + size + 24 + (46 + 7 + 28) + (56 + 20) + 22);
  });
});
