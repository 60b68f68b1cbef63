import { describe, expect, it } from 'vitest';
import { check, jarMeta, sqlMeta } from './fixtures.js';

describe('a clean meta.json', () => {
  it.each([
    ['flink.jar', jarMeta()],
    ['flink.sql', sqlMeta()],
  ])('%s has no problem', (_type, meta) => {
    const result = check(meta);
    expect(result.problems).toEqual([]);
    expect(result.meta).toEqual(meta);
  });
});
