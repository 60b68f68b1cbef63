import { z } from 'zod';
import { UsageError } from '../../errors.js';
import { parseRestoreMode } from '../../restore/restore-mode.js';
import { parseDuration } from '../../util/duration.js';

/**
 * Option fields shared by the commands that start or restart jobs (launch, upgrade): durations
 * typed as people write them, and `--restore`. Each parses commander's text once, in the
 * command's schema; a bad value is a usage error naming the flag.
 */

export function durationField(flag: string, options: { allowZero: boolean }) {
  return z.string().transform((text, issue) => {
    const ms = parseDuration(text);
    if (ms !== undefined && (options.allowZero || ms > 0)) return ms;
    issue.addIssue({ code: 'custom', message: `${flag} ${text}: not a duration; write 90s, 5m, 1h or a number of seconds` });
    return z.NEVER;
  });
}

export const restoreField = z
  .string()
  .optional()
  .transform((text, issue) => {
    if (text === undefined) return undefined;
    try {
      return parseRestoreMode(text);
    } catch (error) {
      issue.addIssue({ code: 'custom', message: error instanceof UsageError ? error.message : String(error) });
      return z.NEVER;
    }
  });
