import { InterruptedError, RemoteError, StmsError, errorMessage, mostSevere, type ErrorCode } from '../errors.js';
import { isRefusal } from '../streamis/remote-errors.js';
import type { JobFailure } from './types.js';

export { isRefusal };

/**
 * Turns an error met while working on one job into the failure that decides its exit code
 * (the table of src/errors.ts). A cluster that cannot be reached or answers 5xx is REMOTE (5)
 * wherever it happens; one that rejects the token is AUTH (2). A server that answers and says
 * no is a refusal: during the start steps (inspect, execute, stop, savepoint) that is LAUNCH
 * (7); during reads and the consistency check it is REMOTE, since nothing was being launched.
 * A stop or savepoint the server refuses (no privilege, banned) is LAUNCH (7); one the server
 * failed (5xx) or that could not reach it is REMOTE (5), as a failed upload is. Pure.
 */

export type Phase = 'read' | 'start' | 'action';

export function failureOf(error: unknown, phase: Phase): JobFailure {
  if (error instanceof InterruptedError) return { code: 'INTERRUPTED', message: error.message };
  if (error instanceof RemoteError) {
    const code: ErrorCode = error.code === 'AUTH' ? 'AUTH' : phase !== 'read' && isRefusal(error) ? 'LAUNCH' : 'REMOTE';
    return { code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) };
  }
  if (error instanceof StmsError) return { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) };
  return { code: 'INTERNAL', message: `internal error (this is a bug in stms, please report it): ${errorMessage(error)}` };
}


/** The worst of several failures of one job: the one a person must act on first. */
export function worstFailure(failures: readonly JobFailure[]): JobFailure | undefined {
  const code = mostSevere(failures.map((f) => f.code));
  return failures.find((f) => f.code === code);
}
