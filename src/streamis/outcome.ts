import { RemoteError } from '../errors.js';
import type { StreamisClient } from './client.js';
import { isCompleted } from './status-codes.js';

/**
 * Failures after which the server may or may not have carried the request out: the answer was
 * lost (a timeout, a dropped connection), or a gateway gave up on Streamis (502, 504) while it
 * may still be working. A 503 or another 5xx answered by the server itself says it did not take
 * the request. Before a write that failed this way is tried again or called failed, look.
 */
export function mayHaveActed(error: unknown): boolean {
  if (!(error instanceof RemoteError)) return false;
  return error.outcomeUnknown || error.httpStatus === 502 || error.httpStatus === 504;
}

/**
 * After a start or stop whose answer was lost: whether the job's latest task is completed now
 * (undefined when the status cannot be read, or the job has no task). The server refuses a
 * start while a task is not completed, so this tells whether the call took effect.
 */
export async function taskCompletedNow(client: StreamisClient, jobId: number): Promise<boolean | undefined> {
  const row = await client
    .status([jobId])
    .then((rows) => rows.find((r) => r.jobId === jobId))
    .catch(() => undefined);
  return row === undefined ? undefined : isCompleted(row.statusCode);
}
