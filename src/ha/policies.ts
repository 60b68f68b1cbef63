import { closest } from '../util/did-you-mean.js';

/**
 * The six HA policies, spelled exactly as the Streamis server compares them (case-sensitive
 * `equals`, docs/streamis-contract.md §8). A near miss such as `Double` is not a policy.
 */
export const POLICIES = [
  'single',
  'singleWithBak',
  'double',
  'doubleWithBak',
  'managerSlave',
  'managerSlaveWithBak',
] as const;

export type Policy = (typeof POLICIES)[number];

/** What the server assumes when a job declares no policy. */
export const DEFAULT_POLICY: Policy = 'single';

/** Policies whose materials also go to a DR cluster; the only ones a DR cluster accepts. */
export const WITH_BAK_POLICIES: readonly Policy[] = ['singleWithBak', 'doubleWithBak', 'managerSlaveWithBak'];

export function isPolicy(value: unknown): value is Policy {
  return typeof value === 'string' && (POLICIES as readonly string[]).includes(value);
}

export const CLUSTER_ROLES = ['primary', 'backup', 'dr'] as const;
export type ClusterRole = (typeof CLUSTER_ROLES)[number];

/**
 * The policy `text` most likely meant, or undefined. The server compares policy names
 * case-sensitively and treats a near miss as `single` for starts yet restarts it like a
 * two-cluster job, so a typo is an error and deserves a suggestion: case and
 * separators are forgiven first (`Double`, `manager-slave`), then small typos (`singel`).
 */
export function didYouMeanPolicy(text: string): Policy | undefined {
  return closest(text, POLICIES, { normalise: squashPolicy });
}

/** Lower case without spaces, dashes, dots or underscores. */
function squashPolicy(text: string): string {
  return text.toLowerCase().replace(/[\s_.-]+/g, '');
}
