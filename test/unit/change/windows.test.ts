import { describe, expect, it } from 'vitest';
import { describeRefusal, isDate, nextAllowed, parseClock, windowVerdict, type ChangeWindows, type WindowVerdict } from '../../../src/change/windows.js';

const SHANGHAI: ChangeWindows = {
  timeZone: 'Asia/Shanghai',
  allow: [{ days: ['Mon', 'Tue', 'Wed', 'Thu'], from: '09:30', to: '17:00' }],
  freezes: [{ from: '2026-12-28', to: '2027-01-03', reason: 'year-end freeze' }],
};

/** An instant written in Shanghai wall-clock time (UTC+8 all year). */
const sh = (local: string) => new Date(`${local}+08:00`);

function refused(verdict: WindowVerdict): Exclude<WindowVerdict, { allowed: true }> {
  if (verdict.allowed) throw new Error('expected a refusal');
  return verdict;
}

describe('parseClock and isDate', () => {
  it('reads HH:MM, 24:00 only as an end of day', () => {
    expect(parseClock('09:30')).toBe(570);
    expect(parseClock('00:00')).toBe(0);
    expect(parseClock('23:59')).toBe(1439);
    expect(parseClock('24:00')).toBeUndefined();
    expect(parseClock('24:00', { endOfDay: true })).toBe(1440);
    for (const bad of ['9:30', '09:60', '25:00', '0930', ' 09:30', '']) expect(parseClock(bad), bad).toBeUndefined();
  });
  it('accepts real calendar dates only', () => {
    expect(isDate('2026-12-28')).toBe(true);
    expect(isDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-12-32', '26-12-28', '2026-1-2']) expect(isDate(bad), bad).toBe(false);
  });
});

describe('windowVerdict, Asia/Shanghai (no daylight saving)', () => {
  it('a window is [from, to): open at from, closed at to', () => {
    expect(windowVerdict(SHANGHAI, sh('2026-12-03T09:29:59'))).toMatchObject({ allowed: false, kind: 'outside' });
    expect(windowVerdict(SHANGHAI, sh('2026-12-03T09:30:00'))).toEqual({ allowed: true });
    expect(windowVerdict(SHANGHAI, sh('2026-12-03T16:59:59'))).toEqual({ allowed: true });
    expect(windowVerdict(SHANGHAI, sh('2026-12-03T17:00:00'))).toMatchObject({ allowed: false, kind: 'outside' });
  });

  it('before the window opens today, the next opening is today at from', () => {
    expect(refused(windowVerdict(SHANGHAI, sh('2026-12-03T08:00:00'))).nextOpen).toEqual(sh('2026-12-03T09:30:00'));
  });

  it('after Thursday closes, the next opening skips Friday and the weekend', () => {
    expect(refused(windowVerdict(SHANGHAI, sh('2026-12-03T17:00:00'))).nextOpen).toEqual(sh('2026-12-07T09:30:00'));
    expect(refused(windowVerdict(SHANGHAI, sh('2026-12-05T11:00:00'))).nextOpen).toEqual(sh('2026-12-07T09:30:00'));
  });

  it('a freeze covers whole days, both ends included, and names itself', () => {
    const first = refused(windowVerdict(SHANGHAI, sh('2026-12-28T00:00:00')));
    expect(first).toMatchObject({ kind: 'freeze', freeze: { reason: 'year-end freeze' } });
    expect(refused(windowVerdict(SHANGHAI, sh('2026-12-28T10:00:00'))).kind).toBe('freeze');
    expect(refused(windowVerdict(SHANGHAI, sh('2027-01-03T23:59:59'))).kind).toBe('freeze');
    // The day before is a Sunday: outside, not frozen.
    expect(refused(windowVerdict(SHANGHAI, sh('2026-12-27T23:59:59'))).kind).toBe('outside');
    expect(windowVerdict(SHANGHAI, sh('2027-01-04T09:30:00'))).toEqual({ allowed: true });
  });

  it('the next opening after a freeze is the first window past it', () => {
    const verdict = refused(windowVerdict(SHANGHAI, sh('2026-12-29T10:00:00')));
    expect(verdict.nextOpen).toEqual(sh('2027-01-04T09:30:00'));
    expect(describeRefusal(SHANGHAI, verdict)).toBe('inside the freeze 2026-12-28 to 2027-01-03 (year-end freeze); the next window opens 2027-01-04 09:30 Asia/Shanghai (Mon)');
  });

  it('the week before the freeze: its Monday-Thursday windows are frozen too', () => {
    // Thursday 2026-12-24 after hours: Friday and the weekend are not allowed, Monday the 28th is frozen.
    expect(refused(windowVerdict(SHANGHAI, sh('2026-12-24T18:00:00'))).nextOpen).toEqual(sh('2027-01-04T09:30:00'));
  });

  it('names the allowed windows when outside them', () => {
    const text = describeRefusal(SHANGHAI, refused(windowVerdict(SHANGHAI, sh('2026-12-05T11:00:00'))));
    expect(text).toBe('outside the allowed change windows (Mon,Tue,Wed,Thu 09:30-17:00 Asia/Shanghai); the next window opens 2026-12-07 09:30 Asia/Shanghai (Mon)');
  });

  it('several windows a day: the next one of the day opens next', () => {
    const windows: ChangeWindows = {
      timeZone: 'Asia/Shanghai',
      allow: [
        { days: ['Mon'], from: '14:00', to: '16:00' },
        { days: ['Mon'], from: '09:00', to: '11:00' },
        { days: ['Sat'], from: '22:00', to: '24:00' },
      ],
    };
    expect(refused(windowVerdict(windows, sh('2026-12-07T12:00:00'))).nextOpen).toEqual(sh('2026-12-07T14:00:00'));
    expect(windowVerdict(windows, sh('2026-12-12T23:59:59'))).toEqual({ allowed: true });
    expect(refused(windowVerdict(windows, sh('2026-12-07T16:00:00'))).nextOpen).toEqual(sh('2026-12-12T22:00:00'));
  });

  it('without allow, any time is allowed except a freeze; the next opening is the midnight after it', () => {
    const windows: ChangeWindows = { timeZone: 'Asia/Shanghai', freezes: SHANGHAI.freezes };
    expect(windowVerdict(windows, sh('2026-12-06T03:00:00'))).toEqual({ allowed: true });
    expect(windowVerdict({ timeZone: 'Asia/Shanghai' }, sh('2026-12-28T03:00:00'))).toEqual({ allowed: true });
    const verdict = refused(windowVerdict(windows, sh('2026-12-30T12:00:00')));
    expect(verdict).toMatchObject({ kind: 'freeze' });
    expect(verdict.nextOpen).toEqual(sh('2027-01-04T00:00:00'));
  });

  it('back-to-back freezes chain; none open within the horizon gives null', () => {
    const chained: ChangeWindows = {
      timeZone: 'Asia/Shanghai',
      freezes: [
        { from: '2026-12-28', to: '2027-01-03' },
        { from: '2027-01-04', to: '2027-01-05' },
      ],
    };
    expect(refused(windowVerdict(chained, sh('2026-12-30T12:00:00'))).nextOpen).toEqual(sh('2027-01-06T00:00:00'));
    const forever: ChangeWindows = { timeZone: 'Asia/Shanghai', freezes: [{ from: '2026-01-01', to: '2030-12-31', reason: 'migration' }] };
    const verdict = refused(windowVerdict(forever, sh('2026-06-01T12:00:00')));
    expect(verdict.nextOpen).toBeNull();
    expect(describeRefusal(forever, verdict)).toBe('inside the freeze 2026-01-01 to 2030-12-31 (migration); no window opens within 400 days');
  });

  it('nextAllowed of an allowed instant is that instant', () => {
    const at = sh('2026-12-03T10:15:30');
    expect(nextAllowed(SHANGHAI, at)).toEqual(at);
  });
});

describe('windowVerdict, Europe/Berlin across daylight saving', () => {
  const BERLIN: ChangeWindows = { timeZone: 'Europe/Berlin', allow: [{ days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], from: '09:00', to: '17:00' }] };

  it('a window stays at its wall-clock time when the clocks go forward (CET +1 to CEST +2 on 2026-03-29)', () => {
    // Friday 17:30 CET: the next opening is Monday 09:00 CEST, 07:00 UTC (the Friday before opened at 08:00 UTC).
    expect(windowVerdict(BERLIN, new Date('2026-03-27T08:00:00Z'))).toEqual({ allowed: true });
    expect(windowVerdict(BERLIN, new Date('2026-03-27T07:59:59Z'))).toMatchObject({ allowed: false });
    expect(refused(windowVerdict(BERLIN, new Date('2026-03-27T16:30:00Z'))).nextOpen).toEqual(new Date('2026-03-30T07:00:00Z'));
    expect(windowVerdict(BERLIN, new Date('2026-03-30T06:59:59Z'))).toMatchObject({ allowed: false });
    expect(windowVerdict(BERLIN, new Date('2026-03-30T07:00:00Z'))).toEqual({ allowed: true });
    expect(windowVerdict(BERLIN, new Date('2026-03-30T14:59:59Z'))).toEqual({ allowed: true });
    expect(windowVerdict(BERLIN, new Date('2026-03-30T15:00:00Z'))).toMatchObject({ allowed: false });
  });

  it('a window that opens in the skipped hour opens when the clocks jump past it', () => {
    const night: ChangeWindows = { timeZone: 'Europe/Berlin', allow: [{ days: ['Sun'], from: '02:30', to: '04:00' }] };
    // 01:45 CET; at 01:00 UTC the clocks jump from 02:00 to 03:00, past 02:30.
    const verdict = refused(windowVerdict(night, new Date('2026-03-29T00:45:00Z')));
    expect(verdict.nextOpen).toEqual(new Date('2026-03-29T01:00:00Z'));
    expect(describeRefusal(night, verdict)).toContain('the next window opens 2026-03-29 03:00 Europe/Berlin (Sun)');
    expect(windowVerdict(night, new Date('2026-03-29T01:00:00Z'))).toEqual({ allowed: true });
  });

  it('a window that opens in the repeated hour opens at its first showing (CEST +2 to CET +1 on 2026-10-25)', () => {
    const night: ChangeWindows = { timeZone: 'Europe/Berlin', allow: [{ days: ['Sun'], from: '02:30', to: '04:00' }] };
    // 02:30 shows first at 00:30 UTC (CEST), again at 01:30 UTC (CET).
    expect(refused(windowVerdict(night, new Date('2026-10-24T23:00:00Z'))).nextOpen).toEqual(new Date('2026-10-25T00:30:00Z'));
  });
});
