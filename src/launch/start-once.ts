import { setTimeout as sleep } from 'node:timers/promises';
import { mayHaveActed, taskCompletedNow } from '../streamis/outcome.js';
import type { StreamisClient } from '../streamis/index.js';

/**
 * `job/execute` is not idempotent: a second call after a lost answer could start a second task,
 * and failing the launch would misreport a job that runs. The server refuses to start a job whose
 * latest task is not completed, so before the call the job's status was a completed one; when the
 * answer is lost, a status that is no longer completed means our call made the task. Look for
 * that within the settle window; a start that happened is a start.
 */

const LOOK_EVERY_MS = 1_000;

export interface StartOnceOptions {
  settleMs: number;
  signal: AbortSignal;
  /** Called once when the answer was lost and stms starts looking. */
  onLooking?: (reason: string) => void;
}

/** `recovered`: the answer was lost, and the job's new task shows the start happened. */
export async function executeOnce(client: StreamisClient, jobId: number, options: StartOnceOptions): Promise<{ recovered: boolean }> {
  try {
    await client.execute(jobId);
    return { recovered: false };
  } catch (error) {
    if (!mayHaveActed(error)) throw error;
    options.onLooking?.(error instanceof Error ? error.message : String(error));
    const deadline = Date.now() + options.settleMs;
    for (;;) {
      if ((await taskCompletedNow(client, jobId)) === false) return { recovered: true };
      const left = deadline - Date.now();
      if (left <= 0) throw error;
      await sleep(Math.min(LOOK_EVERY_MS, left), undefined, { signal: options.signal });
    }
  }
}
