import { describe, expect, it } from 'vitest';
import { progressText } from '../../../src/cli/print/release.js';

describe('the progress line of a release', () => {
  it('shows how long it has looked whether an upload landed, against the settle window', () => {
    expect(progressText({ phase: 'verifying', reason: 'HTTP 504', elapsedMs: 65_000, limitMs: 600_000 })).toBe('looking whether the upload landed (1m5s of 10m)');
    expect(progressText({ phase: 'verifying', reason: 'HTTP 500', elapsedMs: 0, limitMs: 0 })).toBe('looking whether the upload landed');
  });

  it('numbers the try while retrying', () => {
    expect(progressText({ phase: 'retrying', retry: 2, retries: 3, delayMs: 400, reason: 'HTTP 503' })).toBe('retry 2 of 3 in 400 ms after: HTTP 503');
  });
});
