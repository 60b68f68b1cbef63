import { addDays, firstInstantAt, formatInZone, localTime, weekdayOf, type Weekday } from './zone-time.js';

/**
 * Change windows (docs/concepts.md "Change control"), pure: whether an instant is allowed, and
 * when the next allowed one comes. The verdict is a value, never a throw, so a command that must
 * run anyway (an HA switchover) can record that it ran outside a window.
 */

/** `[from, to)` on the given days, wall-clock time of the zone; never across midnight. */
export interface AllowWindow {
  days: Weekday[];
  /** `HH:MM`, 00:00..23:59. */
  from: string;
  /** `HH:MM`, after `from`; `24:00` is the end of the day. */
  to: string;
}

/** Whole days, both ends included, local to the zone. */
export interface Freeze {
  /** `yyyy-MM-dd`. */
  from: string;
  to: string;
  reason?: string | undefined;
}

export interface ChangeWindows {
  timeZone: string;
  /** When changes may run; absent: at any time (freezes still apply). */
  allow?: AllowWindow[] | undefined;
  freezes?: Freeze[] | undefined;
}

export type WindowVerdict =
  | { allowed: true }
  | {
      allowed: false;
      kind: 'outside' | 'freeze';
      /** The freeze the instant is in (kind `freeze`). */
      freeze?: Freeze;
      /** The next allowed instant; null when none comes within the search horizon. */
      nextOpen: Date | null;
    };

/** How far ahead the next opening is looked for. */
export const SEARCH_DAYS = 400;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of `HH:MM` (00:00..23:59, and `24:00` when `endOfDay`); undefined if not one. */
export function parseClock(text: string, options: { endOfDay?: boolean } = {}): number | undefined {
  if (options.endOfDay === true && text === '24:00') return 24 * 60;
  const match = HHMM.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** True for a real calendar date written `yyyy-MM-dd`. */
export function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const t = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text;
}

export function windowVerdict(windows: ChangeWindows, now: Date): WindowVerdict {
  const local = localTime(now, windows.timeZone);
  const freeze = freezeOn(windows, local.date);
  if (!freeze && isOpen(windows, local.weekday, local.minute)) return { allowed: true };
  const nextOpen = nextAllowed(windows, now);
  return freeze ? { allowed: false, kind: 'freeze', freeze, nextOpen } : { allowed: false, kind: 'outside', nextOpen };
}

/** The first instant at or after `from` that an allow window opens and no freeze covers; null beyond SEARCH_DAYS. */
export function nextAllowed(windows: ChangeWindows, from: Date): Date | null {
  const zone = windows.timeZone;
  const today = localTime(from, zone);
  for (let day = 0; day <= SEARCH_DAYS; day += 1) {
    const date = addDays(today.date, day);
    if (freezeOn(windows, date)) continue;
    for (const [start, end] of openings(windows, weekdayOf(date))) {
      if (day === 0 && today.minute >= end) continue;
      if (day === 0 && today.minute >= start) return from;
      return firstInstantAt(date, start, zone);
    }
  }
  return null;
}

/** What a refusal says: the window or freeze, and when the next window opens. */
export function describeRefusal(windows: ChangeWindows, verdict: Exclude<WindowVerdict, { allowed: true }>): string {
  const why =
    verdict.kind === 'freeze' && verdict.freeze
      ? `inside the freeze ${verdict.freeze.from} to ${verdict.freeze.to}${verdict.freeze.reason ? ` (${verdict.freeze.reason})` : ''}`
      : `outside the allowed change windows (${describeAllow(windows)})`;
  const next = verdict.nextOpen ? `the next window opens ${formatInZone(verdict.nextOpen, windows.timeZone)}` : `no window opens within ${SEARCH_DAYS} days`;
  return `${why}; ${next}`;
}

/** `Mon-Thu 09:30-17:00, Sat 10:00-12:00 Asia/Shanghai`. */
function describeAllow(windows: ChangeWindows): string {
  const parts = (windows.allow ?? []).map((w) => `${w.days.join(',')} ${w.from}-${w.to}`);
  return `${parts.length > 0 ? parts.join('; ') : 'none'} ${windows.timeZone}`;
}

function freezeOn(windows: ChangeWindows, date: string): Freeze | undefined {
  return windows.freezes?.find((f) => f.from <= date && date <= f.to);
}

function isOpen(windows: ChangeWindows, weekday: Weekday, minute: number): boolean {
  return openings(windows, weekday).some(([start, end]) => start <= minute && minute < end);
}

/** The `[start, end)` minutes open on that weekday, earliest first; the whole day without `allow`. */
function openings(windows: ChangeWindows, weekday: Weekday): Array<[number, number]> {
  if (windows.allow === undefined) return [[0, 24 * 60]];
  return windows.allow
    .filter((w) => w.days.includes(weekday))
    .map((w): [number, number] => [parseClock(w.from) ?? 0, parseClock(w.to, { endOfDay: true }) ?? 0])
    .sort((a, b) => a[0] - b[0]);
}
