/**
 * Streamis task status codes (docs/streamis-contract.md §4.1). The server hard-codes its predicates on
 * these numbers, so the table is fixed.
 */
export const STATUS = {
  NOT_STARTED: 0,
  COMPLETED: 1,
  WAIT_RESTART: 2,
  ALERT_RUNNING: 3,
  SLOW_RUNNING: 4,
  RUNNING: 5,
  FAILED: 6,
  STOPPED: 7,
  STARTING: 8,
  STOPPING: 9,
} as const;

export type StatusCode = (typeof STATUS)[keyof typeof STATUS];

/** What `job/status` returns in `status` for each code (0 is never returned there). */
export const STATUS_DESCRIPTION: Record<StatusCode, string> = {
  0: 'Not Started',
  1: 'Completed',
  2: 'Wait for restart',
  3: 'Alert running',
  4: 'Slow running',
  5: 'running',
  6: 'Failed',
  7: 'Stopped',
  8: 'Starting',
  9: 'Stopping',
};

/** The web UI's names, which are what release engineers say. */
export const STATUS_NAME: Record<StatusCode, string> = {
  0: 'unstarted',
  1: 'success',
  2: 'waitRestart',
  3: 'alert',
  4: 'slowTask',
  5: 'running',
  6: 'failure',
  7: 'stopped',
  8: 'starting',
  9: 'stopping',
};

/** `isCompleted` of the server: the task ended. */
export function isCompleted(code: number): boolean {
  return code === 1 || code === 6 || code === 7;
}

/** `isRunning` of the server: the job is up (possibly degraded). */
export function isRunning(code: number): boolean {
  return code === 2 || code === 3 || code === 4 || code === 5;
}

/** `isFinished` of the server: completed, or never started. */
export function isFinished(code: number): boolean {
  return code === 0 || isCompleted(code);
}

export function isStatusCode(code: number): code is StatusCode {
  return Number.isInteger(code) && code >= 0 && code <= 9;
}

export function statusName(code: number): string {
  return isStatusCode(code) ? STATUS_NAME[code] : `unknown(${code})`;
}

/**
 * The code of a `job/status` description (`running`, `Failed`...). Compared without case since
 * the server's own spelling is inconsistent (`running` is lower case, the others are not).
 */
export function statusCodeOfDescription(description: string): StatusCode | undefined {
  const wanted = description.trim().toLowerCase();
  for (const [code, text] of Object.entries(STATUS_DESCRIPTION)) {
    if (text.toLowerCase() === wanted) return Number(code) as StatusCode;
  }
  return undefined;
}
