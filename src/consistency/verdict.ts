import type { Policy } from '../ha/policies.js';
import { serverChecksConsistency } from '../ha/policy-shape.js';
import { parseSource } from '../streamis/source.js';

/**
 * The consistency verdict of one job (docs/concepts.md "Consistency check"): the latest version's
 * source on each target cluster is compared on md5, deployUser and pkgName; the verdict is then
 * written to every cluster that has the job through `job/updateContent` (docs/streamis-contract.md §5.7).
 * A job whose clusters disagree never gets `highAvailable: true`, so the server will not start it.
 */

/** The fields compared, in the order messages name them. */
export const COMPARED_FIELDS = ['md5', 'deployUser', 'pkgName'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface ClusterSource {
  cluster: string;
  /** False when the job does not exist on that cluster. */
  present: boolean;
  /** The latest version's raw source (inspect `version.now.source`); null when stored as null. */
  source: string | null | undefined;
}

/** `accepted`: judged with the other cluster missing (accepted-missing.ts). */
export type ClusterVerdict = 'consistent' | 'inconsistent' | 'missing' | 'skipped' | 'accepted';

export interface ConsistencyVerdict {
  outcome: 'consistent' | 'inconsistent' | 'skipped' | 'missing';
  clusters: Record<string, ClusterVerdict>;
  /** Only the fields whose values differ (or are absent somewhere), per cluster that has the job. */
  differences: Array<{ field: ComparedField; values: Record<string, string | null> }>;
  /** Cluster -> why its source could not be compared (hand upload, args edited, not JSON). */
  unreadable: Record<string, string>;
  message: string;
  /** What to send to `job/updateContent` on each cluster that has the job; empty when skipped. */
  writes: Array<{ cluster: string; highAvailable: boolean; highAvailableMessage: string }>;
}

const PASS = '一致性检查通过 / consistent';
const FAIL = '一致性检查不通过 / inconsistent';

export function consistencyVerdict(policy: Policy, perCluster: readonly ClusterSource[]): ConsistencyVerdict {
  const names = perCluster.map((c) => c.cluster);
  if (!serverChecksConsistency(policy)) {
    return skippedVerdict(names, `${policy} is a single-cluster policy: the server skips the consistency check, and so does stms`);
  }

  const present = perCluster.filter((c) => c.present);
  const missing = perCluster.filter((c) => !c.present).map((c) => c.cluster);
  const compared = compareSources(present);
  const { values, differences, unreadable } = compared;
  const reasons: string[] = [];
  if (missing.length > 0) reasons.push(`the job is missing on ${missing.join(', ')}: release it there first`);
  if (perCluster.length < 2) reasons.push(`${policy} runs on two clusters, but only ${names.join(', ') || 'none'} ${names.length === 1 ? 'was' : 'were'} checked: pass both with --clusters`);
  reasons.push(...compared.reasons);

  const ok = reasons.length === 0;
  const first = values.get(present[0]?.cluster ?? '') ?? {};
  const message = ok
    ? `${PASS}: md5 ${first.md5}, deployUser ${first.deployUser}, pkgName ${first.pkgName} are the same on ${names.join(', ')}`
    : `${FAIL}: ${reasons.join('; ')}`;
  const outcome = ok ? 'consistent' : missing.length > 0 ? 'missing' : 'inconsistent';
  const clusters = Object.fromEntries(perCluster.map((c): [string, ClusterVerdict] => [c.cluster, !c.present ? 'missing' : ok ? 'consistent' : 'inconsistent']));
  // With fewer than two clusters we know too little to overwrite an earlier verdict.
  const writes = perCluster.length < 2 ? [] : present.map((c) => ({ cluster: c.cluster, highAvailable: ok, highAvailableMessage: message }));
  return { outcome, clusters, differences, unreadable, message, writes };
}

export interface SourceComparison {
  /** The compared fields of each cluster's source ({} when unreadable). */
  values: Map<string, Partial<Record<ComparedField, string>>>;
  differences: ConsistencyVerdict['differences'];
  unreadable: Record<string, string>;
  /** Why the sources do not agree, one sentence each; empty when they do. */
  reasons: string[];
}

/** md5, deployUser and pkgName of the given clusters' sources (each has the job), compared. */
export function compareSources(present: readonly ClusterSource[]): SourceComparison {
  const unreadable: Record<string, string> = {};
  const values = new Map<string, Partial<Record<ComparedField, string>>>();
  for (const entry of present) {
    const read = parseSource(entry.source);
    if (read.ok) values.set(entry.cluster, read.record);
    else {
      unreadable[entry.cluster] = read.reason;
      values.set(entry.cluster, {});
    }
  }

  const differences: ConsistencyVerdict['differences'] = [];
  for (const field of COMPARED_FIELDS) {
    const perField = Object.fromEntries(present.map((c) => [c.cluster, values.get(c.cluster)?.[field] ?? null]));
    const distinct = new Set(Object.values(perField));
    // An absent field is a difference even when every cluster lacks it: nothing proves equality.
    if (distinct.size > 1 || distinct.has(null)) differences.push({ field, values: perField });
  }

  const reasons: string[] = [];
  for (const [cluster, reason] of Object.entries(unreadable)) reasons.push(`${cluster}: ${reason}`);
  for (const d of differences) {
    // Unreadable sources are explained above; name the field only where readable ones disagree.
    const readable = Object.entries(d.values).filter(([c]) => !(c in unreadable));
    const distinct = new Set(readable.map(([, v]) => v));
    if (distinct.size > 1) reasons.push(`${d.field} differs (${readable.map(([c, v]) => `${c}: ${v ?? 'absent'}`).join(', ')})`);
    else if (distinct.has(null)) reasons.push(`${d.field} is absent from the source on ${readable.map(([c]) => c).join(', ')}`);
  }
  return { values, differences, unreadable, reasons };
}

/** Nothing to judge or write (a single-cluster policy): every cluster `skipped`. */
export function skippedVerdict(names: readonly string[], message: string): ConsistencyVerdict {
  return { outcome: 'skipped', clusters: Object.fromEntries(names.map((n) => [n, 'skipped'])), differences: [], unreadable: {}, message, writes: [] };
}
