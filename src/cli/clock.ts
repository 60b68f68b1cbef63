import { UsageError } from '../errors.js';

/**
 * The clock of a command that asks what time it is for a rule (change windows). `STMS_NOW` (an
 * ISO 8601 instant, such as 2026-12-30T10:00:00+08:00) sets it, so tests and rehearsals can run
 * "inside a freeze" at any date (docs/configuration.md "Change windows"). Read here only.
 */
export const NOW_ENV = 'STMS_NOW';

export function nowOf(env: NodeJS.ProcessEnv): Date {
  const text = env[NOW_ENV];
  if (text === undefined || text === '') return new Date();
  const t = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(t)) throw new UsageError(`${NOW_ENV} ${text}: not an ISO 8601 instant; write 2026-12-30T10:00:00+08:00, or unset it`);
  return new Date(t);
}
