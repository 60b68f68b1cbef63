import { describe, expect, it } from 'vitest';
import { isCompleted, isFinished, isRunning, isStatusCode, STATUS, STATUS_DESCRIPTION, statusCodeOfDescription, statusName } from '../../../src/streamis/status-codes.js';

// docs/streamis-contract.md §4.1, row by row: code, description, web name, completed, running, finished.
const TABLE: Array<[number, string, string, boolean, boolean, boolean]> = [
  [0, 'Not Started', 'unstarted', false, false, true],
  [1, 'Completed', 'success', true, false, true],
  [2, 'Wait for restart', 'waitRestart', false, true, false],
  [3, 'Alert running', 'alert', false, true, false],
  [4, 'Slow running', 'slowTask', false, true, false],
  [5, 'running', 'running', false, true, false],
  [6, 'Failed', 'failure', true, false, true],
  [7, 'Stopped', 'stopped', true, false, true],
  [8, 'Starting', 'starting', false, false, false],
  [9, 'Stopping', 'stopping', false, false, false],
];

describe('status codes', () => {
  it.each(TABLE)('%i is %s / %s', (code, description, name, completed, running, finished) => {
    expect(isStatusCode(code)).toBe(true);
    expect(STATUS_DESCRIPTION[code as keyof typeof STATUS_DESCRIPTION]).toBe(description);
    expect(statusName(code)).toBe(name);
    expect(isCompleted(code)).toBe(completed);
    expect(isRunning(code)).toBe(running);
    expect(isFinished(code)).toBe(finished);
    expect(statusCodeOfDescription(description)).toBe(code);
  });

  it('covers every named constant', () => {
    expect(Object.values(STATUS).sort()).toEqual(TABLE.map((row) => row[0]));
  });

  it.each([-1, 10, 2.5, Number.NaN])('%s is not a status code', (code) => {
    expect(isStatusCode(code)).toBe(false);
    expect(statusName(code)).toBe(`unknown(${code})`);
    expect(isRunning(code) || isCompleted(code)).toBe(false);
  });

  it('reads descriptions without case and rejects unknown ones', () => {
    expect(statusCodeOfDescription('RUNNING')).toBe(5);
    expect(statusCodeOfDescription(' failed ')).toBe(6);
    expect(statusCodeOfDescription('Unknown status 0.')).toBeUndefined();
  });
});
