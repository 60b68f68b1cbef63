/**
 * When to retry and how long to wait. Pure: the random source and the clock
 * are parameters so the tables in the tests can pin them.
 */

export interface RetryPolicy {
  /** Retries after the first try (config `retries.attempts`; 0 = never retry). */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** HTTP statuses worth another try of an idempotent call: overload and server-side failures. */
export function isRetryableStatus(httpStatus: number): boolean {
  return httpStatus === 429 || (httpStatus >= 500 && httpStatus <= 599);
}

/**
 * "Full jitter" backoff: a uniform wait between 0 and min(max, base·2^retry), so that many
 * clients failing together do not come back together. `retry` counts from 0.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry));
  return Math.floor(random() * ceiling);
}

/**
 * The wait before retry number `retry`, or undefined when the call should not be retried: no
 * retries left, or the server asks to wait longer than we are willing to (then failing now with
 * its message is more useful than a silent long sleep).
 */
export function nextDelay(
  retry: number,
  policy: RetryPolicy,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  if (retry >= policy.attempts) return undefined;
  const jittered = backoffDelay(retry, policy, random);
  if (retryAfterMs === undefined) return jittered;
  if (retryAfterMs > policy.maxDelayMs) return undefined;
  return Math.max(jittered, retryAfterMs);
}

/** `Retry-After` as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
