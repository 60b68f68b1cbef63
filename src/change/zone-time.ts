/**
 * Wall-clock time in an IANA time zone, with nothing but Intl: the local date, weekday and minute
 * of an instant, and the first instant at which a zone's clocks show a given date and time. Pure.
 * Change windows (docs/concepts.md "Change control") are written in a zone's wall-clock time, so
 * a window in a zone with daylight saving moves in UTC twice a year and this module absorbs it.
 */

/** Monday first, as people write change windows. */
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** What the clocks of a zone show at an instant. */
export interface LocalTime {
  /** `yyyy-MM-dd`: compares as text in date order. */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight, 0..1439 (seconds dropped: windows are whole minutes). */
  minute: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when Intl knows the zone (the IANA database of this Node). */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

export function localTime(instant: Date, zone: string): LocalTime {
  const fields = wallFields(instant.getTime(), zone);
  const date = `${String(fields.year).padStart(4, '0')}-${pad(fields.month)}-${pad(fields.day)}`;
  return { date, weekday: weekdayOf(date), minute: fields.hour * 60 + fields.minute };
}

/** `2027-01-04 09:30 Asia/Shanghai (Mon)`: an instant as the people of that zone read it. */
export function formatInZone(instant: Date, zone: string): string {
  const local = localTime(instant, zone);
  return `${local.date} ${formatMinute(local.minute)} ${zone} (${local.weekday})`;
}

/** `HH:MM` of minutes since midnight (1440 is `24:00`, the end of a day). */
export function formatMinute(minute: number): string {
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

/** The weekday of a `yyyy-MM-dd` date (a calendar fact, no zone needed). */
export function weekdayOf(date: string): Weekday {
  const sundayFirst = new Date(`${date}T00:00:00Z`).getUTCDay();
  return WEEKDAYS[(sundayFirst + 6) % 7] as Weekday;
}

/** The `yyyy-MM-dd` date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The first instant at which the zone's clocks show `date` at `minute` or later that day. A time
 * the clocks show twice (autumn, daylight saving ends) is its first showing; a time they skip
 * (spring) is the moment they jump past it.
 */
export function firstInstantAt(date: string, minute: number, zone: string): Date {
  const asUtc = Date.parse(`${date}T00:00:00Z`) + minute * MINUTE_MS;
  // The offsets on either side cover the one change a day can hold.
  const offsets = [...new Set([offsetAt(asUtc - DAY_MS, zone), offsetAt(asUtc + DAY_MS, zone), offsetAt(asUtc, zone)])];
  const exact = offsets
    .map((offset) => asUtc - offset)
    .filter((t) => sameWallTime(t, date, minute, zone))
    .sort((a, b) => a - b);
  if (exact[0] !== undefined) return new Date(exact[0]);
  // Skipped by a jump: search, to the minute, the first instant whose clock is past it.
  let low = asUtc - Math.max(...offsets);
  let high = asUtc - Math.min(...offsets);
  if (!atOrAfter(high, date, minute, zone)) high = low;
  while (high - low > MINUTE_MS) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
    if (atOrAfter(middle, date, minute, zone)) high = middle;
    else low = middle;
  }
  return new Date(atOrAfter(low, date, minute, zone) ? low : high);
}

function sameWallTime(t: number, date: string, minute: number, zone: string): boolean {
  const local = localTime(new Date(t), zone);
  return local.date === date && local.minute === minute;
}

function atOrAfter(t: number, date: string, minute: number, zone: string): boolean {
  const local = localTime(new Date(t), zone);
  return local.date > date || (local.date === date && local.minute >= minute);
}

/** How far the zone's clocks are ahead of UTC at an instant, in ms (to the minute). */
function offsetAt(t: number, zone: string): number {
  const f = wallFields(t, zone);
  const wallAsUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute);
  return wallAsUtc - Math.floor(t / MINUTE_MS) * MINUTE_MS;
}

interface WallFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallFields(t: number, zone: string): WallFields {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(t))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1, hour: (parts.hour ?? 0) % 24, minute: parts.minute ?? 0 };
}

function formatter(zone: string): Intl.DateTimeFormat {
  let found = formatters.get(zone);
  if (!found) {
    // h23: midnight is 00, never 24; throws RangeError for a zone Intl does not know.
    found = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    formatters.set(zone, found);
  }
  return found;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
