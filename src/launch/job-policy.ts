import type { ClusterConfig } from '../config/load.js';
import { didYouMeanPolicy } from '../ha/policies.js';
import { DEFAULT_POLICY, isPolicy, type Policy } from '../ha/policies.js';
import { hasDrCluster, POLICY_SHAPE } from '../ha/policy-shape.js';
import { checkPolicyTargets } from '../ha/targets.js';
import type { JobFailure } from './types.js';

/**
 * The job's HA policy as the clusters hold it (config/json produce group, null -> single), and
 * which of the --clusters it concerns. Pure.
 */

export interface PolicyRead {
  cluster: string;
  /** The raw value of wds.streamis.app.highavailable.policy; null when not set. */
  raw: string | null;
}

export type PolicyResolution = { ok: true; policy: Policy } | { ok: false; failure: JobFailure; raw: string | null };

/** `reads`: the clusters that have the job. Different values are a consistency failure. */
export function resolvePolicy(name: string, reads: readonly PolicyRead[]): PolicyResolution {
  const byValue = new Map<string, string[]>();
  for (const read of reads) {
    const value = read.raw ?? DEFAULT_POLICY;
    byValue.set(value, [...(byValue.get(value) ?? []), read.cluster]);
  }
  if (byValue.size > 1) {
    const list = [...byValue].map(([p, on]) => `${p} on ${on.join(', ')}`).join('; ');
    return {
      ok: false,
      raw: null,
      failure: { code: 'CONSISTENCY', message: `${name} declares different HA policies: ${list}: release the same package to every cluster` },
    };
  }
  const [raw = DEFAULT_POLICY] = byValue.keys();
  if (!isPolicy(raw)) {
    const hint = didYouMeanPolicy(raw);
    return {
      ok: false,
      raw,
      failure: {
        code: 'HA_POLICY',
        message: `${name} declares HA policy "${raw}", which Streamis does not know${hint ? ` (did you mean ${hint}?)` : ''}: the server starts it like single but restarts it like a two-cluster job; fix wds.streamis.app.highavailable.policy in meta.json and release again`,
      },
    };
  }
  return { ok: true, policy: raw };
}

export interface RelevantClusters {
  /** Non-DR clusters the policy puts the job on (started, or compared). */
  nonDr: string[];
  /** DR clusters whose materials are compared (…WithBak only); never started. */
  dr: string[];
  /** The other --clusters: not the job's under this policy. */
  others: string[];
}

/**
 * Which of the given clusters the job lives on under its policy. Two-cluster policies take every
 * given non-DR cluster, so one that lacks the job is reported missing by the consistency check;
 * single* take the given non-DR cluster that has the job, so one job list can name both clusters
 * of a pair for jobs of every policy. A …WithBak job's DR cluster is compared when given; when
 * none is given its materials are simply not checked here (`stms audit` does).
 */
export function relevantClusters(
  name: string,
  policy: Policy,
  given: readonly ClusterConfig[],
  present: ReadonlySet<string>,
  pairs: ReadonlyArray<readonly [string, string]>,
): { ok: true; clusters: RelevantClusters } | { ok: false; failure: JobFailure } {
  const nonDrGiven = given.filter((c) => c.role !== 'dr');
  const nonDr = POLICY_SHAPE[policy].nonDr === 2 ? nonDrGiven : nonDrGiven.filter((c) => present.has(c.name));
  const dr = hasDrCluster(policy) ? given.filter((c) => c.role === 'dr') : [];
  const checked = checkPolicyTargets(policy, [...nonDr, ...dr], pairs);
  if (!checked.ok) {
    const problems = checked.problems.filter((p) => !(p.code === 'DR_COUNT' && dr.length === 0));
    if (problems.length > 0) {
      return { ok: false, failure: { code: 'HA_POLICY', message: `${name} (${policy}): ${problems.map((p) => p.message).join('; ')}`, details: { problems } } };
    }
  }
  const used = new Set([...nonDr, ...dr].map((c) => c.name));
  return {
    ok: true,
    clusters: { nonDr: nonDr.map((c) => c.name), dr: dr.map((c) => c.name), others: given.filter((c) => !used.has(c.name)).map((c) => c.name) },
  };
}
