import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableStatus, nextDelay, parseRetryAfter } from '../../../src/streamis/backoff.js';

const policy = { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000 };
const top = () => 0.999999;

describe('isRetryableStatus', () => {
  it.each([
    [429, true], [500, true], [502, true], [503, true], [504, true], [599, true],
    [200, false], [400, false], [401, false], [403, false], [404, false], [412, false], [600, false],
  ])('%i -> %s', (status, retry) => expect(isRetryableStatus(status)).toBe(retry));
});

describe('backoffDelay (full jitter)', () => {
  it.each([
    [0, 99], [1, 199], [2, 399], [3, 799], [4, 999], [10, 999],
  ])('retry %i waits at most %i ms', (retry, max) => {
    expect(backoffDelay(retry, policy, top)).toBe(max);
    expect(backoffDelay(retry, policy, () => 0)).toBe(0);
  });
  it('spreads the waits with the random source', () => {
    expect(backoffDelay(2, policy, () => 0.5)).toBe(200);
  });
});

describe('nextDelay', () => {
  it('retries while attempts remain, then stops', () => {
    expect(nextDelay(0, policy, undefined, top)).toBe(99);
    expect(nextDelay(2, policy, undefined, top)).toBe(399);
    expect(nextDelay(3, policy, undefined, top)).toBeUndefined();
  });
  it('never retries with attempts 0', () => {
    expect(nextDelay(0, { ...policy, attempts: 0 }, undefined)).toBeUndefined();
  });
  it('honours Retry-After when it is longer than the jitter', () => {
    expect(nextDelay(0, policy, 700, () => 0)).toBe(700);
    expect(nextDelay(2, policy, 10, top)).toBe(399);
  });
  it('gives up when the server asks for more than the cap', () => {
    expect(nextDelay(0, policy, 5000, top)).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it.each([
    ['3', 3000],
    [' 0 ', 0],
    ['Wed, 01 Jan 2025 00:00:02 GMT', 2000],
    ['Tue, 31 Dec 2024 23:59:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s -> %s', (value, ms) => expect(parseRetryAfter(value, now)).toBe(ms));
  it('reads the first of repeated headers', () => expect(parseRetryAfter(['1', '9'], now)).toBe(1000));
});
