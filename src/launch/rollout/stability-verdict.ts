import { isRunning, statusName } from '../../streamis/status-codes.js';

/**
 * One look at a job during its stability window: still the task that reached running, and still
 * running? A task that failed or stopped, or a new task in its place (the server restarts a
 * failed two-cluster job by itself, so the status alone can look fine), ends the window. Pure.
 */

export interface TaskSeen {
  statusCode: number;
  /** The latest task's id (job/execute/errorMsg), null when not read. */
  taskId: number | null;
  /** The task's error text, when the server gave one. */
  message?: string | null;
}

export type TickVerdict = { ok: true } | { ok: false; reason: string };

export function judgeTick(watchedTaskId: number | null, seen: TaskSeen): TickVerdict {
  const why = seen.message ? `: ${seen.message}` : '';
  if (watchedTaskId !== null && seen.taskId !== null && seen.taskId !== watchedTaskId) {
    return { ok: false, reason: `task ${watchedTaskId} was replaced by task ${seen.taskId} (now ${statusName(seen.statusCode)})${why}` };
  }
  if (!isRunning(seen.statusCode)) return { ok: false, reason: `it went ${statusName(seen.statusCode)}${why}` };
  return { ok: true };
}

/** Time between looks: ten looks a window, never faster than 250ms nor slower than 5s. */
export function tickInterval(windowMs: number): number {
  return Math.min(5_000, Math.max(250, Math.round(windowMs / 10)));
}
