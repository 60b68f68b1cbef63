import type { FaultSpec } from './types.js';

export interface Fault {
  kind: FaultSpec['kind'];
  status: number;
  delayMs: number;
}

/**
 * Faults armed for the next N calls of a path. Several faults on one path are served in the
 * order they were armed, each for its own count.
 */
export class FaultQueue {
  private readonly queues = new Map<string, Array<Fault & { remaining: number }>>();

  arm(spec: FaultSpec): void {
    const count = spec.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new Error(`fault count must be a whole number of 1 or more, not ${spec.count}`);
    if (!['error', 'delay', 'drop', 'lost', 'late'].includes(spec.kind)) throw new Error(`fault kind must be error, delay, drop, lost or late, not ${String(spec.kind)}`);
    const status = spec.status ?? (spec.kind === 'late' ? 504 : 503);
    if (!Number.isInteger(status) || status < 100 || status > 599) throw new Error(`fault status must be an HTTP status, not ${spec.status}`);
    const path = normalizeFaultPath(spec.path);
    const queue = this.queues.get(path) ?? [];
    queue.push({ kind: spec.kind, status, delayMs: Math.max(0, spec.delayMs ?? 1000), remaining: count });
    this.queues.set(path, queue);
  }

  /** The fault for this call, if one is armed for any of the names the call goes by. */
  take(paths: readonly string[]): Fault | undefined {
    for (const raw of paths) {
      const path = normalizeFaultPath(raw);
      const queue = this.queues.get(path);
      const head = queue?.[0];
      if (!queue || !head) continue;
      head.remaining -= 1;
      if (head.remaining <= 0) queue.shift();
      if (queue.length === 0) this.queues.delete(path);
      return { kind: head.kind, status: head.status, delayMs: head.delayMs };
    }
    return undefined;
  }

  clear(): void {
    this.queues.clear();
  }
}

/** 'job/upload', '/job/upload' and 'job/upload/' name the same path. */
export function normalizeFaultPath(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}
