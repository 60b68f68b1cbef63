import { parentPort, workerData } from 'node:worker_threads';
import { md5OfDescriptor } from './md5.js';

/**
 * The md5 thread's body (md5-thread.ts starts it): hashes the file whose descriptor it is given,
 * reading it on its own, so neither thread waits for the other. Says first that it runs (a thread
 * that never gets here could not be started: the caller hashes itself instead), then the md5 or
 * why the read failed.
 */
export type Md5ThreadMessage = { kind: 'started' } | { kind: 'md5'; md5: string } | { kind: 'failed'; message: string; code: string | undefined };

const port = parentPort;
if (port) {
  const say = (message: Md5ThreadMessage) => port.postMessage(message);
  say({ kind: 'started' });
  try {
    say({ kind: 'md5', md5: await md5OfDescriptor((workerData as { fd: number }).fd) });
  } catch (error) {
    say({ kind: 'failed', message: (error as Error).message, code: (error as NodeJS.ErrnoException).code });
  }
}
