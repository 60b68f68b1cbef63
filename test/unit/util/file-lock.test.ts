import { describe, expect, it } from 'vitest';
import { describeOwner, isStale, UNREADABLE_LOCK_STALE_MS, type LockOwner } from '../../../src/util/file-lock.js';

const owner = (over: Partial<LockOwner> = {}): LockOwner => ({ pid: 42, host: 'ci-01', startedAt: '2026-11-21T10:35:12Z', ...over });

describe('isStale', () => {
  const alive = (pid: number) => pid === 42;
  const cases: Array<{ name: string; owner: LockOwner | undefined; ageMs: number; stale: boolean }> = [
    { name: 'a running process on this host', owner: owner(), ageMs: 60_000, stale: false },
    { name: 'a process that is gone from this host', owner: owner({ pid: 7 }), ageMs: 10, stale: true },
    { name: 'another host, whose processes cannot be seen', owner: owner({ pid: 7, host: 'ci-02' }), ageMs: 3_600_000, stale: false },
    { name: 'no owner yet, just created', owner: undefined, ageMs: 5, stale: false },
    { name: 'no owner, long after its writer would have written it', owner: undefined, ageMs: UNREADABLE_LOCK_STALE_MS + 1, stale: true },
  ];
  for (const c of cases) {
    it(`${c.stale ? 'takes over' : 'respects'} ${c.name}`, () => {
      expect(isStale(c.owner, c.ageMs, 'ci-01', alive)).toBe(c.stale);
    });
  }
});

describe('describeOwner', () => {
  it('names the process, host, what it does and since when', () => {
    expect(describeOwner(owner({ label: 'release 20261121-103512-ab12cd' }))).toBe('process 42 on ci-01, release 20261121-103512-ab12cd, since 2026-11-21T10:35:12Z');
    expect(describeOwner(owner())).toBe('process 42 on ci-01, since 2026-11-21T10:35:12Z');
    expect(describeOwner(undefined)).toBe('a process that is still starting');
  });
});
