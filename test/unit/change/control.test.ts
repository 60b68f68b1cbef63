import { describe, expect, it } from 'vitest';
import { changeControl, type ChangePolicy, type ChangeRequest } from '../../../src/change/control.js';
import { UsageError } from '../../../src/errors.js';

const WINDOWS: ChangePolicy = {
  requireChange: false,
  changeWindows: {
    timeZone: 'Asia/Shanghai',
    allow: [{ days: ['Mon', 'Tue', 'Wed', 'Thu'], from: '09:30', to: '17:00' }],
    freezes: [{ from: '2026-12-28', to: '2027-01-03', reason: 'year-end freeze' }],
  },
};
const OPEN: ChangeRequest = { command: 'release', windows: true, now: new Date('2026-12-03T10:00:00+08:00') };
const FROZEN: ChangeRequest = { ...OPEN, now: new Date('2026-12-30T10:00:00+08:00') };
const NONE: ChangePolicy = { requireChange: false, changeWindows: undefined };

function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('the change id', () => {
  it('comes from --change, else STMS_CHANGE_ID; the flag wins; an empty variable is unset', () => {
    expect(changeControl(NONE, { change: 'CHG-1' }, { STMS_CHANGE_ID: 'CHG-ENV' }, OPEN)).toEqual({ changeId: 'CHG-1' });
    expect(changeControl(NONE, {}, { STMS_CHANGE_ID: 'CHG-2026-1203-17' }, OPEN)).toEqual({ changeId: 'CHG-2026-1203-17' });
    expect(changeControl(NONE, {}, { STMS_CHANGE_ID: '' }, OPEN)).toEqual({});
    expect(changeControl(NONE, { change: '  CHG-7 ' }, {}, OPEN)).toEqual({ changeId: 'CHG-7' });
  });

  it.each([
    ['', '--change is empty: give a change id such as CHG-2026-1203-17'],
    ['   ', '--change is empty'],
    ['C'.repeat(65), '--change is 65 characters long; at most 64'],
    ['CHG-1\nrm', '--change holds a control character'],
    ['CHG\t1', '--change holds a control character'],
  ])('refuses --change %j', (id, message) => {
    expect(usageError(() => changeControl(NONE, { change: id }, {}, OPEN)).message).toContain(message);
  });

  it('a bad STMS_CHANGE_ID is named as such', () => {
    expect(usageError(() => changeControl(NONE, {}, { STMS_CHANGE_ID: 'x'.repeat(70) }, OPEN)).message).toBe(
      'STMS_CHANGE_ID is 70 characters long; at most 64: give a change id such as CHG-2026-1203-17',
    );
    expect(changeControl(NONE, { change: 'C'.repeat(64) }, {}, OPEN).changeId).toHaveLength(64);
  });

  it('requireChange without one is a usage error naming the flag and the variable', () => {
    const error = usageError(() => changeControl({ ...NONE, requireChange: true }, {}, {}, { ...OPEN, command: 'stop' }));
    expect(error.code).toBe('USAGE');
    expect(error.message).toBe('stms stop needs --change <id> (or STMS_CHANGE_ID): the config sets requireChange');
    expect(changeControl({ ...NONE, requireChange: true }, {}, { STMS_CHANGE_ID: 'CHG-9' }, OPEN)).toEqual({ changeId: 'CHG-9' });
  });
});

describe('the change windows', () => {
  it('inside a window nothing is refused or recorded beyond the id', () => {
    expect(changeControl(WINDOWS, { change: 'CHG-1' }, {}, OPEN)).toEqual({ changeId: 'CHG-1' });
  });

  it('a freeze refuses, naming it, its reason and the next opening', () => {
    const error = usageError(() => changeControl(WINDOWS, {}, {}, FROZEN));
    expect(error.code).toBe('USAGE');
    expect(error.message).toBe('stms release refused: inside the freeze 2026-12-28 to 2027-01-03 (year-end freeze); the next window opens 2027-01-04 09:30 Asia/Shanghai (Mon)');
    expect(error.hint).toContain('--override-window --reason');
    expect(error.details).toMatchObject({ kind: 'freeze', nextOpen: '2027-01-04T01:30:00.000Z' });
  });

  it('--override-window --reason lets it through and says what it overrode', () => {
    expect(changeControl(WINDOWS, { change: 'CHG-1', overrideWindow: true, reason: ' incident 42 ' }, {}, FROZEN)).toEqual({
      changeId: 'CHG-1',
      overrideReason: 'incident 42',
      outsideWindow: 'inside the freeze 2026-12-28 to 2027-01-03 (year-end freeze); the next window opens 2027-01-04 09:30 Asia/Shanghai (Mon)',
    });
  });

  it.each([
    [{ overrideWindow: true }, '--override-window needs --reason "<why>"'],
    [{ overrideWindow: true, reason: '  ' }, '--override-window needs --reason "<why>"'],
    [{ overrideWindow: true, reason: 'a\nb' }, '--reason holds a control character'],
    [{ overrideWindow: true, reason: 'r'.repeat(201) }, '--reason is 201 characters long; at most 200'],
    [{ reason: 'incident 42' }, '--reason goes with --override-window'],
  ])('refuses %j', (flags, message) => {
    expect(usageError(() => changeControl(WINDOWS, flags, {}, FROZEN)).message).toContain(message);
    // Refused the same inside a window: the flags are wrong whatever the time.
    expect(usageError(() => changeControl(WINDOWS, flags, {}, OPEN)).message).toContain(message);
  });

  it('commands the windows do not hold (check, snapshot) are never refused', () => {
    expect(changeControl(WINDOWS, {}, {}, { ...FROZEN, command: 'check', windows: false })).toEqual({});
  });

  it('outside the hours (not a freeze) the message names the windows', () => {
    const error = usageError(() => changeControl(WINDOWS, {}, {}, { ...OPEN, command: 'stop', now: new Date('2026-12-05T11:00:00+08:00') }));
    expect(error.message).toBe('stms stop refused: outside the allowed change windows (Mon,Tue,Wed,Thu 09:30-17:00 Asia/Shanghai); the next window opens 2026-12-07 09:30 Asia/Shanghai (Mon)');
  });
});
