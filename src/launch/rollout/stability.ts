import { InterruptedError } from '../../errors.js';
import type { Session } from '../session.js';
import { STATUS } from '../../streamis/status-codes.js';
import { judgeTick, tickInterval, type TickVerdict } from './stability-verdict.js';

/**
 * The stability window: after a task reached running, keep looking (status through the
 * session's poller, the latest task's id and error through job/execute/errorMsg) until the window
 * has passed. Ends early with the reason when the task failed, stopped or was replaced.
 */

async function latestTask(session: Session, cluster: string, jobId: number): Promise<{ taskId: number | null; message: string | null }> {
  const row = await session.client(cluster).errorMessage(jobId);
  return { taskId: typeof row?.id === 'number' ? row.id : null, message: row?.errDesc ?? null };
}

export async function watchStable(session: Session, cluster: string, jobId: number, windowMs: number): Promise<TickVerdict & { statusCode: number }> {
  const watched = (await latestTask(session, cluster, jobId)).taskId;
  const end = Date.now() + windowMs;
  let statusCode: number = STATUS.RUNNING;
  while (Date.now() < end) {
    await sleep(Math.min(tickInterval(windowMs), Math.max(0, end - Date.now())), session.signal);
    const [status, task] = await Promise.all([session.poller(cluster).read(jobId), latestTask(session, cluster, jobId)]);
    statusCode = status?.statusCode ?? STATUS.NOT_STARTED;
    const verdict = judgeTick(watched, { statusCode, taskId: task.taskId, message: task.message ?? status?.message ?? null });
    if (!verdict.ok) return { ...verdict, statusCode };
  }
  return { ok: true, statusCode };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new InterruptedError('interrupted during the stability window'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new InterruptedError('interrupted during the stability window'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
