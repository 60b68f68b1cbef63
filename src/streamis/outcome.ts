import { RemoteError } from '../errors.js';

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
