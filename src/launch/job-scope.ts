import type { Policy } from '../ha/policies.js';
import { readJobFacts, type ClusterFacts } from './job-facts.js';
import { relevantClusters, resolvePolicy, type RelevantClusters } from './job-policy.js';
import type { Session } from './session.js';
import { jobName, type JobFailure, type JobRef } from './types.js';

/**
 * The first steps of check and launch: find the job on each cluster, read the policy it
 * declares there, and work out which --clusters it lives on. A job on none of them, a policy
 * that differs between clusters, an unknown policy or clusters that do not fit the policy end
 * the job here.
 */

export type JobScope =
  | { ok: true; facts: Map<string, ClusterFacts>; policy: Policy; clusters: RelevantClusters }
  | { ok: false; facts: Map<string, ClusterFacts>; policy: string | null; failure: JobFailure; outcome: 'missing' | 'inconsistent' | 'refused' };

/** `latest`: also read each cluster's latest source alongside (launch uses it either way). */
export async function resolveScope(session: Session, ref: JobRef, options: { latest?: boolean } = {}): Promise<JobScope> {
  const name = jobName(ref);
  const facts = await readJobFacts(session, ref, { policy: true, latest: options.latest === true });
  const present = [...facts.values()].filter((f) => f.present);
  if (present.length === 0) {
    const where = session.clusters.map((c) => c.name).join(', ');
    return { ok: false, facts, policy: null, outcome: 'missing', failure: { code: 'CONSISTENCY', message: `${name} is not on any of ${where}: release it first (stms release), or check the project and job names` } };
  }
  const policy = resolvePolicy(name, present.map((f) => ({ cluster: f.cluster.name, raw: f.policyRaw ?? null })));
  if (!policy.ok) return { ok: false, facts, policy: policy.raw, failure: policy.failure, outcome: policy.failure.code === 'CONSISTENCY' ? 'inconsistent' : 'refused' };
  const relevant = relevantClusters(name, policy.policy, session.clusters, new Set(present.map((f) => f.cluster.name)), session.config.pairs);
  if (!relevant.ok) return { ok: false, facts, policy: policy.policy, failure: relevant.failure, outcome: 'refused' };
  return { ok: true, facts, policy: policy.policy, clusters: relevant.clusters };
}
