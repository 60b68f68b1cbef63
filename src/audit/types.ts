import type { CmdbRecord } from '../cmdb/types.js';
import type { ClusterRole } from '../ha/policies.js';

/**
 * What `stms audit` collects, and what it finds. The input is shaped after the calls a collector
 * makes per cluster: `job/list` (name, project, status), `job/execute/inspect` (the latest
 * version's source -> md5), `config/json/{id}` (the declared policy), `highAvailable/getHAMsg`
 * (whetherManager), plus the CMDB records of the apps in scope.
 */

export interface AuditJob {
  projectName: string;
  jobName: string;
  /** job/list `status`: the latest task of the current version, 0 when none. */
  statusCode: number;
  /** md5 in the latest version's source; null when absent or unreadable (hand upload). */
  md5: string | null;
  /** Raw `wds.streamis.app.highavailable.policy` of the job config; null when not declared. */
  policy: string | null;
  /** `wds.linkis.flink.savepoint.path` of the job config (the next start restores from it); null when unset. */
  savepointPath: string | null;
  /** The HA verdict in the latest version's source (`isHighAvailable`, `highAvailableMessage`); null when unreadable. */
  verdict?: { highAvailable: boolean; message: string | null } | null;
}

export interface AuditCluster {
  name: string;
  role: ClusterRole;
  /** getHAMsg `whetherManager`; undefined when it could not be read. */
  whetherManager?: boolean | undefined;
  jobs: AuditJob[];
}

export interface AuditInput {
  clusters: AuditCluster[];
  /** The config's pairs: which non-DR clusters back each other up. */
  pairs: ReadonlyArray<readonly [string, string]>;
  /** CMDB records of the apps in scope (every app, or those of --project). */
  cmdb: CmdbRecord[];
  /** Standby copies judged stale, incomplete or missing, when `hdfs` is configured; absent: not looked at. */
  standby?: StandbyState[];
}

/**
 * A managerSlave job whose state on the standby cluster's copy root would not do for a switchover
 * (docs/concepts.md "The HA audit report"): judged outside the audit, from the clusters' HDFS.
 */
export interface StandbyState {
  project: string;
  job: string;
  manager: string;
  standby: string;
  verdict: 'stale' | 'incomplete' | 'missing';
  /** Age of the newest complete copy in seconds; null when there is none. */
  ageSeconds: number | null;
  maxAgeSeconds: number;
  /** The newest complete copy (an hdfs:// path), when there is one. */
  copy?: string | undefined;
}

/** Stable kinds, in the order findings of one job are listed. Scripts match on them. */
export const FINDING_KINDS = [
  'duplicate-name',
  'unknown-policy',
  'policy-differs-between-clusters',
  'pair-materials-missing',
  'pair-materials-differ',
  'double-not-running-on-both',
  'running-twice',
  'manager-slave-off-manager',
  'running-on-dr',
  'dr-materials-missing',
  'dr-materials-differ',
  'cmdb-not-registered',
  'cmdb-policy-differs',
  'cmdb-clusters-differ',
  'savepoint-path-left',
  'verdict-accepted-missing',
  'standby-state-stale',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface Finding {
  kind: FindingKind;
  project: string;
  job: string;
  /** The cluster the finding is about, when it is about one. */
  cluster?: string;
  /** What is wrong, where, and what to do. */
  message: string;
  /** What the rule expected, in a few words (the report's "expected" column). */
  expected: string;
  /** What the clusters showed instead (the report's "found" column). */
  found: string;
}

/** One app (project/job) as seen across the audited clusters. */
export interface AppView {
  project: string;
  job: string;
  /** Cluster name -> the job's row there; absent when the cluster does not have the job. */
  on: Map<string, AuditJob>;
  record: CmdbRecord | undefined;
}
