import type { FindingKind } from './types.js';

/**
 * How urgent each kind of finding is, for the report's readers (docs/concepts.md "The HA audit
 * report"). `high`: a job runs where it must not, or would not survive losing a cluster as
 * promised; `medium`: the materials or the verdict a failover relies on are wrong or unproven;
 * `low`: the records people and tools go by are wrong. Not an exit code: those stay in verdict.ts.
 */
export type Severity = 'high' | 'medium' | 'low';

export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];

export const SEVERITY_OF: Readonly<Record<FindingKind, Severity>> = {
  'duplicate-name': 'low',
  'unknown-policy': 'medium',
  'policy-differs-between-clusters': 'medium',
  'pair-materials-missing': 'medium',
  'pair-materials-differ': 'medium',
  'double-not-running-on-both': 'high',
  'running-twice': 'high',
  'manager-slave-off-manager': 'high',
  'running-on-dr': 'high',
  'dr-materials-missing': 'medium',
  'dr-materials-differ': 'medium',
  'cmdb-not-registered': 'low',
  'cmdb-policy-differs': 'low',
  'cmdb-clusters-differ': 'low',
  'savepoint-path-left': 'high',
  'verdict-accepted-missing': 'medium',
  'standby-state-stale': 'high',
};
