import type { CmdbRecord } from './types.js';
import type { Policy } from '../ha/policies.js';

/**
 * The CMDB check of `release` (docs/concepts.md "CMDB"; the last release check, after the package and
 * the HA policy): the app must be registered, with the package's policy and, when the record
 * lists clusters, exactly the release targets. Pure: the caller looks the record up and turns
 * problems into a CMDB error (exit 4).
 */

export type CmdbProblemCode = 'CMDB_NOT_REGISTERED' | 'CMDB_POLICY_DIFFERS' | 'CMDB_CLUSTERS_DIFFER';

export interface CmdbProblem {
  code: CmdbProblemCode;
  /** Says what differs, quoting both sides, and how to fix it. */
  message: string;
}

export interface CmdbApp {
  projectName: string;
  jobName: string;
  policy: Policy;
}

/**
 * `record`: what the CMDB answered (undefined: not registered). `targets`: the release's
 * --clusters. `where`: the backend's description (file or URL), for the messages.
 * A record whose `clusters` is absent or empty registers no clusters, so any targets pass.
 */
export function compareCmdb(record: CmdbRecord | undefined, app: CmdbApp, targets: readonly string[], where?: string): CmdbProblem[] {
  const name = `${app.projectName}/${app.jobName}`;
  const inCmdb = where ? `the CMDB (${where})` : 'the CMDB';
  if (!record) {
    return [
      {
        code: 'CMDB_NOT_REGISTERED',
        message: `${name} is not registered in ${inCmdb}: register the app (subsystem, owner, haPolicy ${app.policy}, clusters ${targets.join(', ') || '-'}) before releasing`,
      },
    ];
  }

  const problems: CmdbProblem[] = [];
  if (record.haPolicy !== app.policy) {
    problems.push({
      code: 'CMDB_POLICY_DIFFERS',
      message: `${inCmdb} registers ${name} with haPolicy "${record.haPolicy}" but the package declares "${app.policy}": update the CMDB record, or change wds.streamis.app.highavailable.policy in meta.json`,
    });
  }

  const registered = new Set(record.clusters ?? []);
  if (registered.size > 0) {
    const targetSet = new Set(targets);
    const missing = [...registered].filter((c) => !targetSet.has(c));
    const extra = [...targetSet].filter((c) => !registered.has(c));
    if (missing.length > 0 || extra.length > 0) {
      const parts = [missing.length ? `missing from --clusters: ${missing.join(', ')}` : '', extra.length ? `not registered: ${extra.join(', ')}` : ''].filter(Boolean);
      problems.push({
        code: 'CMDB_CLUSTERS_DIFFER',
        message: `${inCmdb} registers ${name} on ${[...registered].join(', ')} but --clusters targets ${[...targetSet].join(', ') || 'none'} (${parts.join('; ')}): change --clusters, or update the CMDB record`,
      });
    }
  }
  return problems;
}
