import type { Session } from '../launch/session.js';
import type { JobRef } from '../launch/types.js';
import type { ReleaseJournal } from '../release/journal-model.js';
import { readClusterVersions, type ClusterVersions } from './server-versions.js';

/** `stms history <project/job> --clusters …`: the job's versions on every cluster, read in parallel. */
export async function serverHistory(session: Session, ref: JobRef, journals: readonly ReleaseJournal[]): Promise<Record<string, ClusterVersions>> {
  const names = session.clusters.map((c) => c.name);
  const read = await Promise.all(names.map((name) => readClusterVersions(session.client(name), ref.project, ref.job, journals)));
  return Object.fromEntries(read.map((r) => [r.cluster, r]));
}

/** One version's md5 where the clusters agree on it; used by `rollback --to vNNNNN`. */
export function md5OfVersion(history: Record<string, ClusterVersions>, version: string): { md5: string | null; found: string[]; differ: boolean; facts: ClusterVersions['versions'][number] | undefined } {
  const rows = Object.values(history).flatMap((c) => c.versions.filter((v) => v.version === version).map((v) => ({ cluster: c.cluster, row: v })));
  const known = [...new Set(rows.map((r) => r.row.md5).filter((m): m is string => m !== null))];
  return { md5: known.length === 1 ? (known[0] as string) : null, found: rows.map((r) => r.cluster), differ: known.length > 1, facts: rows.find((r) => r.row.md5 !== null)?.row };
}
