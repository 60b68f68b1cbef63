import { InterruptedError } from '../errors.js';
import type { JobStatus } from '../streamis/index.js';
import { isCompleted, isRunning } from '../streamis/status-codes.js';

/**
 * Watches the jobs of one cluster through `job/status`, which takes many ids at once: every
 * tick asks for all the jobs someone is waiting on or reading, in one call (or a few, in
 * chunks). Ticks back off while nothing changes and speed up when a job is added or settles,
 * so 600 starting jobs cost a handful of calls per second, not 600.
 */

export type Settled =
  | { kind: 'running'; statusCode: number }
  /** Ended before running: Failed, Stopped or Completed; `message` is the task's errDesc. */
  | { kind: 'ended'; statusCode: number; message?: string }
  /** Not running by the deadline; `statusCode` is the last one seen (0 when none). */
  | { kind: 'timeout'; statusCode: number }
  | { kind: 'interrupted'; statusCode: number };

export interface PollerOptions {
  /** First wait after a job is added (ms). */
  baseMs: number;
  /** Longest wait between ticks while nothing changes (ms). */
  maxMs: number;
  /** Ids per `job/status` call. */
  chunk: number;
  signal?: AbortSignal | undefined;
}

const DEFAULTS: PollerOptions = { baseMs: 250, maxMs: 3_000, chunk: 200 };

interface Waiter {
  /** Order of registration: a tick only trusts answers for waiters that existed when it asked. */
  seq: number;
  deadline: number;
  last: number;
  onStatus: ((statusCode: number) => void) | undefined;
  settle: (s: Settled) => void;
  fail: (error: unknown) => void;
}

interface Reader {
  resolve: (status: JobStatus | undefined) => void;
  reject: (error: unknown) => void;
}

export class StatusPoller {
  private readonly options: PollerOptions;
  private readonly waiters = new Map<number, Waiter[]>();
  private readonly readers = new Map<number, Reader[]>();
  private timer: NodeJS.Timeout | undefined;
  private dueAt = Number.POSITIVE_INFINITY;
  private inFlight = false;
  private interval: number;
  private closed = false;
  private seq = 0;

  constructor(
    private readonly fetchStatus: (ids: number[]) => Promise<JobStatus[]>,
    options: Partial<PollerOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
    this.interval = this.options.baseMs;
    this.options.signal?.addEventListener('abort', () => this.interrupt(), { once: true });
  }

  /** The job's status now (undefined: it never ran), read together with the other jobs asked for. */
  read(jobId: number): Promise<JobStatus | undefined> {
    if (this.closed || this.options.signal?.aborted) return Promise.reject(new InterruptedError('interrupted while reading job status'));
    return new Promise((resolve, reject) => {
      this.readers.set(jobId, [...(this.readers.get(jobId) ?? []), { resolve, reject }]);
      this.schedule(0);
    });
  }

  /** Waits until the job runs, ends, or `deadline` (epoch ms) passes. Does not stop anything. */
  wait(jobId: number, deadline: number, onStatus?: (statusCode: number) => void): Promise<Settled> {
    if (this.closed || this.options.signal?.aborted) return Promise.resolve({ kind: 'interrupted', statusCode: 0 });
    return new Promise((settle, fail) => {
      this.waiters.set(jobId, [...(this.waiters.get(jobId) ?? []), { seq: ++this.seq, deadline, last: 0, onStatus, settle, fail }]);
      this.interval = this.options.baseMs;
      this.schedule(Math.min(this.options.baseMs, Math.max(0, deadline - Date.now())));
    });
  }

  close(): void {
    this.closed = true;
    this.interrupt();
  }

  private schedule(delay: number): void {
    if (this.closed) return;
    const at = Date.now() + delay;
    if (this.inFlight || at >= this.dueAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.dueAt = at;
    this.timer = setTimeout(() => void this.tick(), delay);
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    this.dueAt = Number.POSITIVE_INFINITY;
    const readers = new Map(this.readers);
    this.readers.clear();
    const ids = [...new Set([...this.waiters.keys(), ...readers.keys()])];
    if (ids.length === 0) return;
    const askedUpTo = this.seq;
    this.inFlight = true;
    let answers: JobStatus[] = [];
    let failure: unknown;
    try {
      const chunks = [];
      for (let i = 0; i < ids.length; i += this.options.chunk) chunks.push(ids.slice(i, i + this.options.chunk));
      answers = (await Promise.all(chunks.map((c) => this.fetchStatus(c)))).flat();
    } catch (error) {
      failure = error;
    } finally {
      this.inFlight = false;
    }
    if (this.closed) return;
    if (failure !== undefined) {
      for (const list of readers.values()) for (const r of list) r.reject(failure);
      for (const list of this.waiters.values()) for (const w of list) w.fail(failure);
      this.waiters.clear();
    } else {
      const byId = new Map(answers.map((a) => [a.jobId, a]));
      for (const [id, list] of readers) for (const r of list) r.resolve(byId.get(id));
      this.settleWaiters(byId, askedUpTo);
    }
    this.scheduleNext();
  }

  private settleWaiters(byId: Map<number, JobStatus>, askedUpTo: number): void {
    const now = Date.now();
    let changed = false;
    for (const [id, list] of this.waiters) {
      const answer = byId.get(id);
      const keep = list.filter((w) => {
        if (answer && w.seq <= askedUpTo) {
          // Every answer, not only a change: the waiting line shows how long it has waited.
          w.onStatus?.(answer.statusCode);
          w.last = answer.statusCode;
          if (isRunning(answer.statusCode)) return w.settle({ kind: 'running', statusCode: answer.statusCode }), false;
          if (isCompleted(answer.statusCode)) return w.settle({ kind: 'ended', statusCode: answer.statusCode, ...(answer.message ? { message: answer.message } : {}) }), false;
        }
        if (now >= w.deadline) return w.settle({ kind: 'timeout', statusCode: w.last }), false;
        return true;
      });
      if (keep.length !== list.length) changed = true;
      if (keep.length === 0) this.waiters.delete(id);
      else this.waiters.set(id, keep);
    }
    this.interval = changed ? this.options.baseMs : Math.min(this.options.maxMs, Math.round(this.interval * 1.5));
  }

  private scheduleNext(): void {
    if (this.readers.size > 0) return this.schedule(0);
    if (this.waiters.size === 0) return;
    let earliest = Number.POSITIVE_INFINITY;
    for (const list of this.waiters.values()) for (const w of list) earliest = Math.min(earliest, w.deadline);
    this.schedule(Math.max(0, Math.min(this.interval, earliest - Date.now())));
  }

  private interrupt(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.dueAt = Number.POSITIVE_INFINITY;
    for (const list of this.waiters.values()) for (const w of list) w.settle({ kind: 'interrupted', statusCode: w.last });
    this.waiters.clear();
    for (const list of this.readers.values()) for (const r of list) r.reject(new InterruptedError('interrupted while reading job status'));
    this.readers.clear();
  }
}
