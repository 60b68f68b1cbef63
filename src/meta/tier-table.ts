import { GROUP, KEY } from './keys.js';
import type { Tier } from './types.js';

/**
 * The built-in tier table, after the Streamis meta.json template (docs/concepts.md "Tiers", and the
 * field notes' annotated template). Patterns are JSON Pointers whose tokens may be `*` (any key)
 * or end in `*` (any key with that prefix). Keys below a listed pointer inherit its level; keys
 * in no row are level 1. The config's `tiers` sit on top of this table.
 *
 * Level 1: the same on every cluster, a literal. Level 2: may differ per job and cluster, the
 * shape must not. Level 3: differs per IDC, must be a variable.
 */
export interface TierRow {
  pattern: string;
  level: Tier;
  why: string;
}

const resource = `/jobConfig/${GROUP.resource}`;
const custom = `/jobConfig/${GROUP.custom}`;
const produce = `/jobConfig/${GROUP.produce}`;
const authority = `/jobConfig/${GROUP.authority}`;

export const BUILT_IN_TIERS: readonly TierRow[] = [
  { pattern: '/projectName', level: 1, why: 'identifies the job on every cluster' },
  { pattern: '/jobName', level: 1, why: 'identifies the job on every cluster' },
  { pattern: '/jobType', level: 1, why: 'a re-upload must keep the job type' },
  { pattern: '/tags', level: 2, why: 'labels may differ per cluster' },
  { pattern: '/description', level: 2, why: 'free text' },
  // Decided here (the template is silent): free text, or ignored / overwritten by the server.
  { pattern: '/comment', level: 2, why: 'the version comment is free text' },
  { pattern: '/workspaceName', level: 2, why: 'ignored by the server' },
  { pattern: '/metaInfo', level: 2, why: 'overwritten by the server' },
  { pattern: '/jobContent/type', level: 1, why: 'decides where the SQL comes from' },
  { pattern: '/jobContent/sql', level: 1, why: 'the program itself' },
  { pattern: '/jobContent/file', level: 1, why: 'the program itself' },
  { pattern: '/jobContent/resourceId', level: 1, why: 'the program itself' },
  { pattern: '/jobContent/version', level: 1, why: 'the program itself' },
  { pattern: '/jobContent/main.class.jar', level: 1, why: 'the program itself' },
  { pattern: '/jobContent/main.class', level: 1, why: 'the program itself' },
  { pattern: '/jobContent/hdfs.jars', level: 1, why: 'libraries of the program' },
  { pattern: '/jobContent/dependency.jars', level: 1, why: 'files of the package, the same everywhere' },
  { pattern: '/jobContent/resources', level: 1, why: 'files of the package, the same everywhere' },
  { pattern: '/jobContent/args', level: 3, why: 'addresses and topics differ per IDC' },
  { pattern: resource, level: 1, why: 'resources are the same on every cluster' },
  { pattern: `${resource}/${KEY.yarnQueue}`, level: 3, why: 'each IDC has its own YARN queue' },
  { pattern: `${custom}/classloader.*`, level: 1, why: 'changes how the program runs' },
  { pattern: `${custom}/stream.log.filter.*`, level: 1, why: 'log filters are the same everywhere' },
  { pattern: `${custom}/demo.log.tps.rate`, level: 2, why: 'tuned per cluster' },
  { pattern: `${custom}/security.kerberos.*`, level: 2, why: 'keytabs and principals differ per cluster' },
  { pattern: `${custom}/${KEY.javaOpts}`, level: 3, why: 'JVM options carry IDC-specific values' },
  { pattern: produce, level: 1, why: 'production switches and the HA policy are the same everywhere' },
  { pattern: authority, level: 2, why: 'who may see the job can differ per cluster' },
];
