import { z } from 'zod';
import { isDate, parseClock } from '../change/windows.js';
import { WEEKDAYS, isTimeZone } from '../change/zone-time.js';

/**
 * The config's `changeWindows` (docs/configuration.md "Change windows"). Scripts depend on the
 * shape. A window that would span midnight, a freeze that ends before it starts and a zone Intl
 * does not know are config errors naming the field.
 */

const Clock = z.string().refine((text) => parseClock(text) !== undefined, 'a time HH:MM, 00:00 to 23:59');
const EndClock = z.string().refine((text) => parseClock(text, { endOfDay: true }) !== undefined, 'a time HH:MM, 00:01 to 24:00');
const LocalDate = z.string().refine(isDate, 'a date yyyy-MM-dd, such as 2026-12-28');

const AllowWindowSchema = z
  .strictObject({
    days: z.array(z.enum(WEEKDAYS, { error: `a day: ${WEEKDAYS.join(', ')}` })).min(1, 'at least one day'),
    from: Clock,
    to: EndClock,
  })
  .superRefine((w, ctx) => {
    const from = parseClock(w.from);
    const to = parseClock(w.to, { endOfDay: true });
    if (from !== undefined && to !== undefined && to <= from) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `to ${w.to} is not after from ${w.from}: a window does not span midnight; write two windows (from ${w.from} to "24:00", and from "00:00" to ${w.to} on the next days)`,
      });
    }
  });

const FreezeSchema = z
  .strictObject({ from: LocalDate, to: LocalDate, reason: z.string().min(1).optional() })
  .refine((f) => !isDate(f.from) || !isDate(f.to) || f.from <= f.to, { path: ['to'], message: 'a freeze ends on or after the day it starts' });

export const ChangeWindowsSchema = z.strictObject({
  timeZone: z.string().refine(isTimeZone, { error: (issue) => `${JSON.stringify(issue.input)} is not an IANA time zone; write one such as Asia/Shanghai or Europe/Berlin` }),
  allow: z.array(AllowWindowSchema).optional(),
  freezes: z.array(FreezeSchema).optional(),
});
