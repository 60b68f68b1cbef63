import { describe, expect, it } from 'vitest';
import { parseSource } from '../../../src/streamis/source.js';

const full = {
  pkgName: 'p1_j1.zip',
  deployUser: 'alexyang',
  createTime: '2025-01-01 10:00:00',
  source: 'aomp',
  isHighAvailable: false,
  highAvailableMessage: '首次上传',
  token: 'streamis0.3.8',
  md5: 'd41d8cd98f00b204e9800998ecf8427e',
  releaseId: 'r-20250101-abc',
};

describe('parseSource', () => {
  it('reads every field stms writes', () => {
    const parsed = parseSource(JSON.stringify(full));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { raw, ...record } = parsed.record;
    expect(record).toEqual(full);
    expect(raw).toEqual(full);
  });

  it.each([
    [true, true], ['true', true], ['TRUE', true], ['True', true],
    [false, false], ['false', false], ['yes', false], [1, false], [null, false], [undefined, false],
  ])('isHighAvailable %s is read as %s, like Boolean.parseBoolean', (value, expected) => {
    const parsed = parseSource(JSON.stringify({ source: 'aomp', isHighAvailable: value }));
    expect(parsed.ok && parsed.record.isHighAvailable).toBe(expected);
  });

  it('keeps unknown keys and reads numbers as text (a Gson round trip turns "12" into 12)', () => {
    const parsed = parseSource(JSON.stringify({ releaseId: 12, extra: { a: 1 }, pkgName: ['x'] }));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.record.releaseId).toBe('12');
    expect(parsed.record.pkgName).toBeUndefined();
    expect(parsed.record.raw.extra).toEqual({ a: 1 });
  });

  it.each([
    [null, 'missing'],
    [undefined, 'missing'],
    ['', 'missing'],
    ['   ', 'missing'],
    ['update args', 'update-args'],
    ['Update Args', 'update-args'],
    ['{not json', 'not-json'],
    ['[1,2]', 'not-object'],
    ['"aomp"', 'not-object'],
    ['null', 'not-object'],
  ])('%s is not a usable record (%s)', (text, kind) => {
    const parsed = parseSource(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.kind).toBe(kind);
      expect(parsed.reason.length).toBeGreaterThan(10);
    }
  });
});
