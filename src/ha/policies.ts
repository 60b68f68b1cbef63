/**
 * The six HA policies, spelled exactly as the Streamis server compares them (case-sensitive
 * `equals`, streamis-api.md §8). A near miss such as `Double` is not a policy.
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
