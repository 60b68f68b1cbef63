import { describe, expect, it } from 'vitest';
import type { LaunchRecord } from '../../../src/launch/launch-record.js';
import { finishLaunch, whatRunsWhere } from '../../../src/launch/launch-verdict.js';
import { newResult, type JobResult } from '../../../src/launch/types.js';

function result(clusters: Record<string, LaunchRecord['outcome']>): JobResult<LaunchRecord> {
  const r = newResult<LaunchRecord>({ project: 'p1', job: 'j1' });
  r.clusters = Object.fromEntries(Object.entries(clusters).map(([c, outcome]) => [c, { outcome }]));
  return r;
}

describe('finishLaunch', () => {
  it.each([
    [{ GZ_UAT: 'running', TJ_UAT: 'running' }, 'running'],
    [{ GZ_UAT: 'running', TJ_UAT: 'already-running' }, 'running'],
    [{ GZ_UAT: 'already-running', TJ_UAT: 'not-target' }, 'already-running'],
    [{ GZ_UAT: 'started', TJ_UAT: 'started', SH_DR: 'not-target' }, 'started'],
  ] as const)('%j without failure -> %s', (clusters, outcome) => {
    const r = finishLaunch(result(clusters), { pendingAs: 'failed' });
    expect(r.outcome).toBe(outcome);
    expect(r.failure).toBeUndefined();
  });

  it('says what runs where when one cluster of two failed, and that nothing was stopped', () => {
    const r = finishLaunch(result({ GZ_UAT: 'running', TJ_UAT: 'failed' }), { failures: [{ code: 'LAUNCH', message: 'TJ_UAT: p1/j1 ended failure instead of running: boom' }], pendingAs: 'failed' });
    expect(r.outcome).toBe('failed');
    expect(r.failure).toEqual({ code: 'LAUNCH', message: 'TJ_UAT: p1/j1 ended failure instead of running: boom (p1/j1 running on GZ_UAT; nothing already started was stopped)' });
    expect(r.message).toBe('p1/j1 running on GZ_UAT');
  });

  it('a start refused on one cluster while the job is up on another: the job failed, and the message says where it runs', () => {
    const r = finishLaunch(result({ GZ_UAT: 'started', TJ_UAT: 'refused' }), { failures: [{ code: 'LAUNCH', message: 'TJ_UAT job/execute: no' }], pendingAs: 'failed' });
    expect(r.outcome).toBe('failed');
    expect(r.failure?.message).toBe('TJ_UAT job/execute: no (p1/j1 started on GZ_UAT; nothing already started was stopped)');
  });

  it('names the clusters --restart stopped that are not up again, with their savepoints', () => {
    const r = result({ GZ_UAT: 'running', TJ_UAT: 'failed', SH_DR: 'not-target' });
    Object.assign(r.clusters.GZ_UAT as LaunchRecord, { restarted: true, savepoint: 'hdfs:///sp/gz' });
    Object.assign(r.clusters.TJ_UAT as LaunchRecord, { restarted: true, savepoint: 'hdfs:///sp/tj' });
    finishLaunch(r, { failures: [{ code: 'LAUNCH', message: 'TJ_UAT: ended failure' }], pendingAs: 'failed' });
    expect(r.failure?.message).toBe('TJ_UAT: ended failure (p1/j1 running on GZ_UAT; stopped by --restart and not running again on TJ_UAT (savepoint hdfs:///sp/tj); nothing else was stopped)');
    const none = result({ GZ_UAT: 'refused' });
    Object.assign(none.clusters.GZ_UAT as LaunchRecord, { restarted: true });
    finishLaunch(none, { failures: [{ code: 'LAUNCH', message: 'GZ_UAT job/execute: no' }], pendingAs: 'failed' });
    expect(none.outcome).toBe('refused');
    expect(none.failure?.message).toBe('GZ_UAT job/execute: no (stopped by --restart and not running again on GZ_UAT; nothing else was stopped)');
  });

  it('a refusal before any start while the job already runs elsewhere says both', () => {
    const r = finishLaunch(result({ GZ_UAT: 'already-running', TJ_UAT: 'refused' }), { failures: [{ code: 'LAUNCH', message: 'TJ_UAT job/execute/inspect: no' }], pendingAs: 'refused', nothingStarted: true });
    expect(r.outcome).toBe('failed');
    expect(r.failure?.message).toBe('TJ_UAT job/execute/inspect: no (nothing was started; p1/j1 running on GZ_UAT)');
  });

  it('joins failures of the same class, the worst class deciding the code', () => {
    const r = finishLaunch(result({ GZ_UAT: 'refused', TJ_UAT: 'failed' }), {
      failures: [{ code: 'LAUNCH', message: 'GZ_UAT: no' }, { code: 'REMOTE', message: 'TJ_UAT: unreachable' }, { code: 'REMOTE', message: 'TJ_UAT: again' }],
      pendingAs: 'failed',
    });
    expect(r.failure).toEqual({ code: 'REMOTE', message: 'TJ_UAT: unreachable; TJ_UAT: again' });
  });

  it.each([
    [{ GZ_UAT: 'timeout', TJ_UAT: 'running' }, 'LAUNCH', 'timeout'],
    [{ GZ_UAT: 'refused', TJ_UAT: 'pending' }, 'LAUNCH', 'refused'],
    [{ GZ_UAT: 'pending', TJ_UAT: 'pending' }, 'HA_POLICY', 'refused'],
    [{ GZ_UAT: 'pending', TJ_UAT: 'missing' }, 'CONSISTENCY', 'missing'],
    [{ GZ_UAT: 'pending', TJ_UAT: 'pending' }, 'CONSISTENCY', 'inconsistent'],
    [{ GZ_UAT: 'started', TJ_UAT: 'pending' }, 'INTERRUPTED', 'interrupted'],
  ] as const)('%j with a %s failure -> %s', (clusters, code, outcome) => {
    const r = finishLaunch(result(clusters), { failure: { code, message: 'm' }, pendingAs: 'refused' });
    expect(r.outcome).toBe(outcome);
    expect(Object.values(r.clusters).some((c) => c.outcome === 'pending')).toBe(false);
  });

  it('notes that nothing was started when the job ended before any start', () => {
    const r = finishLaunch(result({ GZ_UAT: 'pending' }), { failure: { code: 'CONSISTENCY', message: 'md5 differs' }, pendingAs: 'refused', outcome: 'inconsistent', nothingStarted: true });
    expect(r.failure?.message).toBe('md5 differs (nothing was started)');
    expect(r.clusters.GZ_UAT?.outcome).toBe('refused');
  });

  it('whatRunsWhere groups by word', () => {
    expect(whatRunsWhere(result({ A: 'running', B: 'already-running', C: 'started', D: 'failed' }))).toBe('p1/j1 running on A, B, started on C');
    expect(whatRunsWhere(result({ A: 'failed' }))).toBe('');
  });
});
