import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { InterruptedError } from '../errors.js';
import type { Md5ThreadMessage } from './md5-worker.js';
import { unreadablePackage } from './unreadable.js';

/**
 * A package's md5 computed on a thread of its own (md5-worker.ts), which reads the file itself
 * while this thread reads it again to check its entries: on two cores the md5, the larger part of
 * the work, no longer waits for the checks, and no chunk is handed between threads (bench/).
 * Meant for inspection, where nothing else wants the CPU; a release hashes in its shared read.
 *
 * The file is opened here and the thread reads that descriptor, so both read the same file even
 * if the path is replaced meanwhile; it is closed only once the thread has ended. The thread ends
 * when it answers, when the signal aborts, and at `stop()`: it never outlives its caller's work.
 */
export interface Md5Thread {
  /** True once the thread runs; false when none could be started (hash on this thread then). */
  started: Promise<boolean>;
  /** The md5; rejects when the thread failed, was stopped or the signal aborted. */
  md5: Promise<string>;
  /** Ends the thread if it still runs and closes the file; resolves when both are done. */
  stop(): Promise<void>;
}

const WORKER = new URL('./md5-worker.js', import.meta.url);

/** `script` is the thread's body: md5-worker.js beside this file unless a test gives another. */
export function startMd5Thread(file: string, signal?: AbortSignal, script: URL = WORKER): Md5Thread {
  const name = path.basename(file);
  let worker: Worker | undefined;
  let handle: FileHandle | undefined;
  let running = false;
  let settled = false;
  let ended: Promise<void> | undefined;
  let starting: Promise<void> = Promise.resolve();
  let resolveStarted!: (started: boolean) => void;
  let settleMd5!: { resolve: (md5: string) => void; reject: (error: unknown) => void };
  const started = new Promise<boolean>((resolve) => (resolveStarted = resolve));
  const md5 = new Promise<string>((resolve, reject) => (settleMd5 = { resolve, reject }));
  md5.catch(() => undefined);

  const end = (): Promise<void> =>
    (ended ??= (async () => {
      await starting;
      signal?.removeEventListener('abort', onAbort);
      await worker?.terminate();
      await handle?.close();
    })());
  /** The one outcome: the md5 or why there is none; the thread and the file end with it. */
  const settle = (outcome: { md5: string } | { error: unknown } | { notStarted: true }) => {
    if (settled) return;
    settled = true;
    resolveStarted(running);
    if ('md5' in outcome) settleMd5.resolve(outcome.md5);
    else settleMd5.reject('error' in outcome ? outcome.error : new Error('the md5 thread could not be started'));
    void end();
  };
  const failed = (why: string) => settle({ error: new Error(`the md5 of ${name} could not be computed: ${why}`) });
  function onAbort() {
    settle({ error: new InterruptedError(`interrupted while hashing ${name}`) });
  }

  starting = (async () => {
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      handle = await open(file, 'r');
    } catch (error) {
      return settle({ error: unreadablePackage(name, error) });
    }
    // Stopped while opening: end() closes the file once this start is through.
    if (settled) return;
    try {
      worker = new Worker(script, { workerData: { fd: handle.fd } });
    } catch {
      return settle({ notStarted: true });
    }
    worker.on('message', (message: Md5ThreadMessage) => {
      if (message.kind === 'started') {
        running = true;
        resolveStarted(true);
      } else if (message.kind === 'md5') settle({ md5: message.md5 });
      else settle({ error: message.code === undefined ? new Error(`the md5 of ${name} could not be computed: ${message.message}`) : unreadablePackage(name, message) });
    });
    // Before it said it runs, a failure means the thread could not start (its script missing, no
    // memory for it): hashing falls back to this thread. After, it is this hash's failure.
    worker.on('error', (error) => (running ? failed(`its thread failed: ${error.message}`) : settle({ notStarted: true })));
    worker.on('exit', (code) => (running ? failed(`its thread ended (exit code ${code}) before answering`) : settle({ notStarted: true })));
  })();

  return {
    started,
    md5,
    stop: async () => {
      settle({ error: new Error(`the md5 of ${name} was not needed`) });
      await end();
    },
  };
}
