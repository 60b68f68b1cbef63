import { startsOnManagerOnly } from '../ha/policy-shape.js';
import { isPolicy } from '../ha/policies.js';
import { formatDuration } from '../util/duration.js';
import { compareCopy, completeStates, type CopyComparison, type FlinkStateFound } from './job-states.js';

/**
 * Whether a `managerSlave…` job's standby copy would do for a start on the standby cluster
 * today (docs/commands/standby.md): `ready`; `stale` (the copy is older than the max age);
 * `incomplete` (the newest copied checkpoint's files or lengths differ from the source's on the
 * manager: a copy tool does not write `_metadata` last, so its presence proves little); `missing`
 * (no complete copy); `not-ha` (another policy: nothing to copy). The same facts serve
 * `stms standby` and any report of stale standby state. Pure.
 */

export type StandbyVerdictWord = 'ready' | 'stale' | 'incomplete' | 'missing' | 'not-ha';

export interface StandbyFacts {
  policy: string | null;
  /** The job's states on the manager's checkpoint root; undefined when that HDFS could not be read. */
  source: readonly FlinkStateFound[] | undefined;
  /** The job's states on the standby's copy root. */
  copy: readonly FlinkStateFound[];
  nowMs: number;
  maxAgeMs: number;
}

export interface StateAge {
  path: string;
  kind: 'checkpoint' | 'savepoint';
  /** When the state was written (for a copy: its source's time when known, else the copy's). */
  time: number;
  ageMs: number;
}

export interface StandbyVerdict {
  verdict: StandbyVerdictWord;
  /** The newest complete state on the manager. */
  source: StateAge | null;
  /** The newest complete copy on the standby. */
  copy: StateAge | null;
  /** How far the copy is behind the manager's newest state; null when either is unknown. */
  lagMs: number | null;
  /** Whether the copy was checked file by file against its source. */
  verified: boolean;
  /** What the incomplete copy lacks. */
  comparison?: CopyComparison;
  /** One line saying why. */
  message: string;
}

/** True for the policies whose state is copied to the standby (managerSlave, managerSlaveWithBak). */
export function hasStandbyCopy(policy: string | null): boolean {
  return isPolicy(policy) && startsOnManagerOnly(policy);
}

export function standbyVerdict(facts: StandbyFacts): StandbyVerdict {
  const none = { source: null, copy: null, lagMs: null, verified: false };
  if (!hasStandbyCopy(facts.policy)) return { verdict: 'not-ha', ...none, message: `policy ${facts.policy ?? 'single'}: no standby copy is kept` };
  const sourceNewest = facts.source && completeStates(facts.source)[0];
  const source = sourceNewest ? age(sourceNewest, sourceNewest.time, facts.nowMs) : null;
  const copied = completeStates(facts.copy)[0];
  if (!copied) return { verdict: 'missing', ...none, source, message: 'no complete checkpoint or savepoint in the standby copy' };
  const original = facts.source?.find((s) => s.key === copied.key);
  const copy = age(copied, original?.complete ? original.time : copied.time, facts.nowMs);
  const lagMs = source ? Math.max(0, source.time - copy.time) : null;
  const base = { source, copy, lagMs, verified: original !== undefined };
  if (original) {
    const comparison = compareCopy(copied, original);
    if (comparison) {
      const what = [comparison.missing.length > 0 ? `${comparison.missing.length} file(s) missing` : '', comparison.differ.length > 0 ? `${comparison.differ.length} of another length` : ''].filter(Boolean).join(', ');
      return { verdict: 'incomplete', ...base, comparison, message: `the newest copy ${copied.path} differs from its source: ${what}` };
    }
  }
  if (copy.ageMs > facts.maxAgeMs) {
    return { verdict: 'stale', ...base, message: `the newest copy is ${formatDuration(copy.ageMs)} old, more than ${formatDuration(facts.maxAgeMs)}` };
  }
  const unverified = original ? '' : facts.source === undefined ? " (the manager's HDFS was not read: not compared)" : ' (its source is gone from the manager: not compared)';
  return { verdict: 'ready', ...base, message: `the newest copy is ${formatDuration(copy.ageMs)} old${unverified}` };
}

function age(state: FlinkStateFound, time: number, nowMs: number): StateAge {
  return { path: state.path, kind: state.kind, time, ageMs: Math.max(0, nowMs - time) };
}
