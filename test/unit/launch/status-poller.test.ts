import { describe, expect, it } from 'vitest';
import { StatusPoller } from '../../../src/launch/status-poller.js';
import type { JobStatus } from '../../../src/streamis/index.js';

/** A fake cluster: each job follows its script of status codes, one step per status call. */
function fakeCluster(scripts: Record<number, Array<number | undefined>>) {
  const calls: number[][] = [];
  const step = new Map<number, number>();
  const fetch = async (ids: number[]): Promise<JobStatus[]> => {
    calls.push([...ids]);
    return ids.flatMap((id) => {
      const script = scripts[id] ?? [];
      const i = Math.min(step.get(id) ?? 0, script.length - 1);
      step.set(id, (step.get(id) ?? 0) + 1);
      const code = script[i];
      return code === undefined ? [] : [{ jobId: id, status: String(code), statusCode: code, ...(code === 6 ? { message: `job ${id} failed` } : {}) }];
    });
  };
  return { fetch, calls };
}

const FAST = { baseMs: 5, maxMs: 20, chunk: 2 };

describe('StatusPoller', () => {
  it('settles each job as running, ended or timed out, asking for all waiting jobs in one call per chunk', async () => {
    const cluster = fakeCluster({ 1: [8, 8, 5], 2: [8, 6], 3: [8], 4: [undefined, undefined, 5] });
    const poller = new StatusPoller(cluster.fetch, FAST);
    const deadline = Date.now() + 300;
    const seen: number[] = [];
    const [a, b, c, d] = await Promise.all([
      poller.wait(1, deadline, (code) => seen.push(code)),
      poller.wait(2, deadline),
      poller.wait(3, Date.now() + 60),
      poller.wait(4, deadline),
    ]);
    expect(a).toEqual({ kind: 'running', statusCode: 5 });
    expect(b).toEqual({ kind: 'ended', statusCode: 6, message: 'job 2 failed' });
    expect(c).toEqual({ kind: 'timeout', statusCode: 8 });
    expect(d).toEqual({ kind: 'running', statusCode: 5 });
    // Every answer, not only changes: a waiting line shows its clock between changes.
    expect(seen).toEqual([8, 8, 5]);
    // Four jobs, chunks of two: the first tick is two calls with every waiting job.
    expect(cluster.calls.slice(0, 2)).toEqual([[1, 2], [3, 4]]);
    poller.close();
  });

  it('coalesces reads asked for together into one call', async () => {
    const cluster = fakeCluster({ 1: [5], 2: [7], 3: [undefined] });
    const poller = new StatusPoller(cluster.fetch, { ...FAST, chunk: 100 });
    const [a, b, c] = await Promise.all([poller.read(1), poller.read(2), poller.read(3)]);
    expect([a?.statusCode, b?.statusCode, c]).toEqual([5, 7, undefined]);
    expect(cluster.calls).toEqual([[1, 2, 3]]);
    poller.close();
  });

  it('backs off while nothing changes', async () => {
    const cluster = fakeCluster({ 1: [8] });
    const poller = new StatusPoller(cluster.fetch, { baseMs: 10, maxMs: 1_000, chunk: 10 });
    await poller.wait(1, Date.now() + 400);
    // 10, 15, 22, 33, 50, 75, 113 ms ... : about 8 calls in 400 ms, not 40.
    expect(cluster.calls.length).toBeGreaterThan(3);
    expect(cluster.calls.length).toBeLessThan(15);
    poller.close();
  });

  it('hands a failed status call to every waiter and reader', async () => {
    const poller = new StatusPoller(async () => Promise.reject(new Error('cluster down')), FAST);
    await expect(Promise.all([poller.wait(1, Date.now() + 1000), poller.read(2)])).rejects.toThrow('cluster down');
    poller.close();
  });

  it('stops on abort: waiters end interrupted, reads reject', async () => {
    const controller = new AbortController();
    const poller = new StatusPoller(fakeCluster({ 1: [8] }).fetch, { ...FAST, signal: controller.signal });
    const waiting = poller.wait(1, Date.now() + 5_000);
    setTimeout(() => controller.abort(), 30);
    expect(await waiting).toEqual({ kind: 'interrupted', statusCode: 8 });
    await expect(poller.read(1)).rejects.toThrow('interrupted');
    expect(await poller.wait(1, Date.now() + 1000)).toEqual({ kind: 'interrupted', statusCode: 0 });
  });
});
