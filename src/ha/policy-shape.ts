import type { Policy } from './policies.js';

/**
 * What each HA policy asks of its release targets and of `launch` (the table of docs/concepts.md).
 * One row per policy so that the target check, the start decision, the consistency verdict and
 * the audit all read the same facts.
 */
export interface PolicyShape {
  /** Non-DR clusters a release targets. */
  nonDr: 1 | 2;
  /** DR clusters a release targets (materials only, never started). */
  dr: 0 | 1;
  /** The two non-DR clusters must be a pair declared under `pairs` in the config. */
  needsPair: boolean;
  /** Which non-DR clusters `launch` starts: all of them, or only the manager cluster. */
  starts: 'all-non-dr' | 'manager-only';
}

export const POLICY_SHAPE: Readonly<Record<Policy, PolicyShape>> = {
  single: { nonDr: 1, dr: 0, needsPair: false, starts: 'all-non-dr' },
  singleWithBak: { nonDr: 1, dr: 1, needsPair: false, starts: 'all-non-dr' },
  double: { nonDr: 2, dr: 0, needsPair: true, starts: 'all-non-dr' },
  doubleWithBak: { nonDr: 2, dr: 1, needsPair: true, starts: 'all-non-dr' },
  managerSlave: { nonDr: 2, dr: 0, needsPair: true, starts: 'manager-only' },
  managerSlaveWithBak: { nonDr: 2, dr: 1, needsPair: true, starts: 'manager-only' },
};

/** The server's TWO set (docs/streamis-contract.md §7.3): the policies whose start waits for a consistency verdict. */
const SERVER_CHECKED: ReadonlySet<Policy> = new Set<Policy>(['double', 'doubleWithBak', 'managerSlave', 'managerSlaveWithBak']);

/** True for double and doubleWithBak: `launch` starts the job on both non-DR clusters. */
export function startsOnTwoClusters(policy: Policy): boolean {
  return POLICY_SHAPE[policy].nonDr === 2 && POLICY_SHAPE[policy].starts === 'all-non-dr';
}

/**
 * True when the server refuses to start an `aomp`-sourced job until `isHighAvailable` is true
 * (double*, managerSlave*); single* are skipped by the server, and so by `stms check`.
 */
export function serverChecksConsistency(policy: Policy): boolean {
  return SERVER_CHECKED.has(policy);
}

/** True for the …WithBak policies, the only ones that also release to a DR cluster. */
export function hasDrCluster(policy: Policy): boolean {
  return POLICY_SHAPE[policy].dr === 1;
}

/** True for double* and managerSlave*: the job lives on a declared pair of non-DR clusters. */
export function livesOnPair(policy: Policy): boolean {
  return POLICY_SHAPE[policy].needsPair;
}

/** True for managerSlave*: only the cluster whose getHAMsg says whetherManager=true runs it. */
export function startsOnManagerOnly(policy: Policy): boolean {
  return POLICY_SHAPE[policy].starts === 'manager-only';
}
