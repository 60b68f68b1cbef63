import { UsageError } from '../errors.js';
import { describeRefusal, windowVerdict, type ChangeWindows } from './windows.js';

/**
 * Change control of a command that writes to clusters (docs/concepts.md "Change control"): the
 * change id from `--change` or STMS_CHANGE_ID, the config's `requireChange`, and the change
 * windows with their `--override-window --reason` escape. Pure: the environment and the clock
 * are passed in. Everything it refuses is a usage error (exit 2), before any cluster is called.
 */

/** The config's part: `requireChange` and `changeWindows`. */
export interface ChangePolicy {
  requireChange: boolean;
  changeWindows: ChangeWindows | undefined;
}

export interface ChangeFlags {
  change?: string | undefined;
  overrideWindow?: boolean | undefined;
  reason?: string | undefined;
}

/** What a command records (source record, journal, `--json`). */
export interface ChangeRecord {
  changeId?: string;
  overrideReason?: string;
  /** Set when the command ran outside a window by `--override-window`: which, and when the next opens. */
  outsideWindow?: string;
}

export const CHANGE_ENV = 'STMS_CHANGE_ID';
export const MAX_CHANGE_ID = 64;
export const MAX_REASON = 200;

export interface ChangeRequest {
  /** `stms <command>`, for the messages. */
  command: string;
  /** True for the commands the windows hold (release, upgrade, rollback, launch, stop). */
  windows: boolean;
  now: Date;
}

export function changeControl(policy: ChangePolicy, flags: ChangeFlags, env: NodeJS.ProcessEnv, request: ChangeRequest): ChangeRecord {
  const record: ChangeRecord = {};
  const changeId = resolveChangeId(flags.change, env);
  if (changeId !== undefined) record.changeId = changeId;
  else if (policy.requireChange) {
    throw new UsageError(`stms ${request.command} needs --change <id> (or ${CHANGE_ENV}): the config sets requireChange`, {
      hint: `Name the change ticket this runs under, for example --change CHG-2026-1203-17.`,
    });
  }
  const reason = overrideReason(flags);
  if (reason !== undefined) record.overrideReason = reason;
  if (!request.windows || policy.changeWindows === undefined) return record;
  const verdict = windowVerdict(policy.changeWindows, request.now);
  if (verdict.allowed) return record;
  const why = describeRefusal(policy.changeWindows, verdict);
  if (reason !== undefined) return { ...record, outsideWindow: why };
  throw new UsageError(`stms ${request.command} refused: ${why}`, {
    hint: 'Run it then, or pass --override-window --reason "<why>" (recorded in the journal and the source record).',
    details: { kind: verdict.kind, ...(verdict.freeze ? { freeze: verdict.freeze } : {}), nextOpen: verdict.nextOpen?.toISOString() ?? null },
  });
}

/** The flag wins over the environment; an empty STMS_CHANGE_ID counts as unset. */
function resolveChangeId(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (flag !== undefined) return checkText(flag, '--change', MAX_CHANGE_ID, 'a change id such as CHG-2026-1203-17');
  const fromEnv = env[CHANGE_ENV];
  return fromEnv === undefined || fromEnv === '' ? undefined : checkText(fromEnv, CHANGE_ENV, MAX_CHANGE_ID, 'a change id such as CHG-2026-1203-17');
}

function overrideReason(flags: ChangeFlags): string | undefined {
  if (flags.overrideWindow !== true) {
    if (flags.reason !== undefined) throw new UsageError('--reason goes with --override-window: it says why a change runs outside its window', { hint: 'Add --override-window, or leave out --reason.' });
    return undefined;
  }
  if (flags.reason === undefined || flags.reason.trim() === '') {
    throw new UsageError('--override-window needs --reason "<why>": the reason is recorded in the journal and the source record', { hint: 'For example --override-window --reason "incident 42: hotfix".' });
  }
  return checkText(flags.reason, '--reason', MAX_REASON, 'one line of text');
}

/** Trimmed; refused when empty, longer than `max` or holding a control character (a line break). */
function checkText(text: string, name: string, max: number, what: string): string {
  const value = text.trim();
  const problem = value === '' ? 'is empty' : value.length > max ? `is ${value.length} characters long; at most ${max}` : /[\u0000-\u001f\u007f-\u009f]/.test(value) ? 'holds a control character (a line break, a tab)' : undefined;
  if (problem) throw new UsageError(`${name} ${problem}: give ${what}`);
  return value;
}
