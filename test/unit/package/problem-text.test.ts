import { describe, expect, it } from 'vitest';
import { problemBlock, problemJson, problemLine, problemLocation } from '../../../src/package/problem-text.js';

describe('problem text', () => {
  const full = { severity: 'error' as const, code: 'TIER_LITERAL', message: 'must be a variable', hint: 'use [@X]', file: 'meta.json', pointer: '/a/b', level: 3 as const, cluster: 'GZ_UAT', line: 4, column: 7 };

  it('names every known location', () => {
    expect(problemLocation(full)).toBe('file meta.json, pointer /a/b, level 3, cluster GZ_UAT, line 4 column 7');
    expect(problemLocation({ severity: 'warning', code: 'X', message: 'm', pointer: '' })).toBe('pointer (root)');
  });

  it('prints a block with the hint and a one-liner without it', () => {
    expect(problemBlock(full)).toEqual(['error TIER_LITERAL: must be a variable', '  at file meta.json, pointer /a/b, level 3, cluster GZ_UAT, line 4 column 7', '  hint: use [@X]']);
    expect(problemBlock({ severity: 'warning', code: 'X', message: 'm' })).toEqual(['warning X: m']);
    expect(problemLine(full)).toBe('TIER_LITERAL: must be a variable (file meta.json, pointer /a/b, level 3, cluster GZ_UAT, line 4 column 7)');
  });

  it('keeps only known keys in JSON, in a stable order', () => {
    expect(Object.keys(problemJson(full))).toEqual(['severity', 'code', 'message', 'file', 'pointer', 'level', 'cluster', 'line', 'column', 'hint']);
    expect(problemJson({ severity: 'warning', code: 'X', message: 'm' })).toEqual({ severity: 'warning', code: 'X', message: 'm' });
  });
});
