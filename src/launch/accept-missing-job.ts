import type { ClusterConfig } from '../config/load.js';
import { acceptedMissingVerdict, type AcceptedMissing } from '../consistency/accepted-missing.js';
import { baseRecord, recordReadFailure, recordVerdict, type CheckRecord } from './check-job.js';
import { runConsistencyCheck } from './consistency-step.js';
import { readJobFacts } from './job-facts.js';
import { relevantClusters, resolvePolicy } from './job-policy.js';
import type { Session } from './session.js';
import { jobName, newResult, type JobRef, type JobResult } from './types.js';

/**
 * `stms check --accept-missing A --reason "…"` for one job (docs/commands/check.md): the session
 * holds the clusters that answer; A was found not answering before any job ran. The job's policy
 * must place it on A too (A is one of the clusters its verdict compares); the others are compared
 * among themselves and get a verdict naming A, the reason and the deploy user.
 */

export async function acceptMissingJob(session: Session, ref: JobRef, missing: ClusterConfig, accepted: AcceptedMissing): Promise<JobResult<CheckRecord>> {
  const result = newResult<CheckRecord>(ref);
  const started = Date.now();
  const name = jobName(ref);
  try {
    const facts = await readJobFacts(session, ref, { policy: true });
    for (const f of facts.values()) result.clusters[f.cluster.name] = baseRecord(f);
    result.clusters[missing.name] = { outcome: 'not-answering' };
    const present = [...facts.values()].filter((f) => f.present);
    const fail = (outcome: string, failure: NonNullable<JobResult['failure']>) => {
      result.outcome = outcome;
      result.failure = failure;
      for (const record of Object.values(result.clusters)) if (record.outcome === 'pending') record.outcome = outcome as CheckRecord['outcome'];
      return result;
    };
    if (present.length === 0) {
      return fail('missing', { code: 'CONSISTENCY', message: `${name} is not on ${session.clusters.map((c) => c.name).join(', ')}: nothing to accept there` });
    }
    const policy = resolvePolicy(name, present.map((f) => ({ cluster: f.cluster.name, raw: f.policyRaw ?? null })));
    if (!policy.ok) return fail(policy.failure.code === 'CONSISTENCY' ? 'inconsistent' : 'refused', policy.failure);
    result.policy = policy.policy;
    // The clusters the policy places the job on, the missing one included.
    const relevant = relevantClusters(name, policy.policy, [...session.clusters, missing], new Set(present.map((f) => f.cluster.name)), session.config.pairs);
    if (!relevant.ok) return fail('refused', relevant.failure);
    const compared = [...relevant.clusters.nonDr, ...relevant.clusters.dr];
    if (!compared.includes(missing.name)) {
      return fail('refused', { code: 'USAGE', message: `${name} (${policy.policy}): its verdict does not compare ${missing.name}, so there is nothing to accept without it: run stms check without --accept-missing` });
    }
    const answering = compared.filter((c) => c !== missing.name);
    const outcome = await runConsistencyCheck(session, policy.policy, answering, facts, (p, read) => acceptedMissingVerdict(p, accepted, read));
    recordVerdict(result, answering, relevant.clusters.others, outcome);
    if (outcome.verdict.outcome === 'consistent') result.outcome = 'accepted';
  } catch (error) {
    recordReadFailure(result, error);
  } finally {
    result.elapsedMs = Date.now() - started;
  }
  return result;
}
