import { describe, expect, it } from 'vitest';
import type { FlinkStateFound } from '../../../src/standby/job-states.js';
import { standbyVerdict } from '../../../src/standby/standby-verdict.js';

const MIN = 60_000;
const NOW = 1_000 * MIN;
const chk = (root: string, n: number, time: number, files: Record<string, number> = { a: 10, _metadata: 5 }): FlinkStateFound => ({
  path: `${root}/p1/j1/7/f/chk-${n}`,
  key: `7/f/chk-${n}`,
  kind: 'checkpoint',
  number: n,
  complete: '_metadata' in files,
  time,
  files,
});
const src = (n: number, time: number, files?: Record<string, number>) => chk('/flink', n, time, files);
const cp = (n: number, time: number, files?: Record<string, number>) => chk('/backup', n, time, files);
const facts = (o: Partial<Parameters<typeof standbyVerdict>[0]>) => ({ policy: 'managerSlave', source: [], copy: [], nowMs: NOW, maxAgeMs: 15 * MIN, ...o });

describe('standbyVerdict', () => {
  it('ready: the newest copy matches its source and is young; age from the source, lag behind the newest source', () => {
    const v = standbyVerdict(facts({ source: [src(9, NOW - 3 * MIN), src(10, NOW - MIN)], copy: [cp(9, NOW - 2 * MIN)] }));
    expect(v).toMatchObject({ verdict: 'ready', verified: true, copy: { path: '/backup/p1/j1/7/f/chk-9', ageMs: 3 * MIN }, source: { ageMs: MIN }, lagMs: 2 * MIN });
  });

  it('stale: the newest copy is older than the max age', () => {
    const v = standbyVerdict(facts({ source: [src(40, NOW - MIN)], copy: [cp(9, NOW - 20 * MIN)] }));
    expect(v).toMatchObject({ verdict: 'stale', verified: false, copy: { ageMs: 20 * MIN }, lagMs: 19 * MIN });
    expect(v.message).toContain('20m old, more than 15m');
  });

  it('incomplete: the newest copy has its _metadata but not every file of its source (before any age check)', () => {
    const v = standbyVerdict(facts({ source: [src(9, NOW - 30 * MIN, { a: 10, b: 3, _metadata: 5 })], copy: [cp(9, NOW - MIN, { _metadata: 5 })] }));
    expect(v).toMatchObject({ verdict: 'incomplete', comparison: { missing: ['a', 'b'], differ: [] } });
  });

  it('missing: no complete copy; not-ha: another policy', () => {
    expect(standbyVerdict(facts({ source: [src(1, NOW)], copy: [cp(2, NOW, { a: 1 })] })).verdict).toBe('missing');
    expect(standbyVerdict(facts({ policy: 'double', copy: [cp(2, NOW)] })).verdict).toBe('not-ha');
    expect(standbyVerdict(facts({ policy: null })).verdict).toBe('not-ha');
    expect(standbyVerdict(facts({ policy: 'managerSlaveWithBak', copy: [cp(2, NOW)] })).verdict).toBe('ready');
  });

  it('judges by the copy alone when the manager was not read, and says it was not compared', () => {
    const v = standbyVerdict(facts({ source: undefined, copy: [cp(2, NOW - MIN, { _metadata: 5 })] }));
    expect(v).toMatchObject({ verdict: 'ready', verified: false, source: null, lagMs: null });
    expect(v.message).toContain('not compared');
  });
});
