import { describe, expect, it } from 'vitest';
import { BOMB_MIN_BYTES, BOMB_RATIO, checkUploadLimit, checkZipBombs, formatBytes, isZipBomb } from '../../../src/package/size-rules.js';

const MB = 1024 * 1024;

describe('isZipBomb', () => {
  it.each([
    ['small and very compressible', 512 * 1024, 10, false],
    ['exactly 1 MB, any ratio', BOMB_MIN_BYTES, 1, false],
    ['over 1 MB, ratio exactly 200', 2 * MB, (2 * MB) / BOMB_RATIO, false],
    ['over 1 MB, ratio just over 200', 2 * MB, (2 * MB) / BOMB_RATIO - 1, true],
    ['5 MB of zeros deflated', 5 * MB, 5 * 1024, true],
    ['declared compressed size 0', 2 * MB, 0, true],
    ['a stored jar', 40 * MB, 40 * MB, false],
  ])('%s', (_label, size, compressedSize, bomb) => {
    expect(isZipBomb({ size, compressedSize })).toBe(bomb);
  });

  it('reports a bomb with the entry and both sizes', () => {
    const [problem] = checkZipBombs([{ name: 'zeros.bin', kind: 'file', size: 5 * MB, compressedSize: 5 * 1024, encrypted: false }]);
    expect(problem).toMatchObject({ severity: 'error', code: 'ENTRY_ZIP_BOMB', file: 'zeros.bin' });
    expect(problem?.message).toContain('5.0 KB to 5.0 MB');
  });
});

describe('checkUploadLimit', () => {
  const targets = [
    { name: 'GZ_UAT', maxUploadMB: 1 },
    { name: 'TJ_UAT', maxUploadMB: 500 },
  ];

  it('reports each cluster whose limit is exceeded, naming it', () => {
    const problems = checkUploadLimit(2 * MB, targets);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'PACKAGE_TOO_LARGE', cluster: 'GZ_UAT' });
    expect(problems[0]?.message).toContain('over the upload limit of GZ_UAT (maxUploadMB 1)');
  });

  it('accepts a package of exactly the limit', () => {
    expect(checkUploadLimit(1 * MB, targets)).toEqual([]);
  });

  it('uses the production default of 1024 MB without targets', () => {
    expect(checkUploadLimit(1024 * MB, [])).toEqual([]);
    const [problem] = checkUploadLimit(1024 * MB + 1, []);
    expect(problem?.message).toContain('default upload limit of 1024 MB');
    expect(problem?.cluster).toBeUndefined();
  });

  it('says "at most" when the size is an upper bound', () => {
    expect(checkUploadLimit(2 * MB, targets, false)[0]?.message).toContain('is at most 2.0 MB');
    expect(checkUploadLimit(2 * MB, targets, true, true)[0]?.message).toContain('is 2.0 MB as the cluster receives it (meta.json rendered, entries stored, not compressed), over the upload limit of');
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KB'],
    [5 * MB, '5.0 MB'],
    [3 * 1024 * MB, '3.00 GB'],
  ])('%d -> %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});
