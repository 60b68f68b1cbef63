import { describe, expect, it } from 'vitest';
import { httpError } from '../../../src/streamis/remote-errors.js';

describe('httpError', () => {
  it.each([
    [404, false, /gateway origin/],
    [413, false, /larger than the gateway or server accepts/],
    [502, true, /may have been carried out/],
    [503, false, /failed: check that it is up, then run the command again/],
  ])('HTTP %i (outcome unknown: %s) says what to do', (status, unknown, hint) => {
    const error = httpError('GZ_UAT', 'job/list', status, 'x', unknown, 1);
    expect(error.hint).toMatch(hint);
    expect(error.message).toBe(`GZ_UAT job/list: HTTP ${status}: x`);
  });
});
