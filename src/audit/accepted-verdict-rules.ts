import { readAcceptedMissing } from '../consistency/accepted-missing.js';
import type { AuditInput, Finding } from './types.js';

/**
 * A verdict written by `stms check --accept-missing` lets the job start though one cluster was
 * never compared: listed every day until a normal check (both clusters answering) replaces it.
 */
export function acceptedVerdictFindings(input: AuditInput): Finding[] {
  const findings: Finding[] = [];
  for (const cluster of input.clusters) {
    for (const job of cluster.jobs) {
      if (job.verdict?.highAvailable !== true) continue;
      const accepted = readAcceptedMissing(job.verdict.message);
      if (!accepted) continue;
      const name = `${job.projectName}/${job.jobName}`;
      findings.push({
        kind: 'verdict-accepted-missing',
        project: job.projectName,
        job: job.jobName,
        cluster: cluster.name,
        message: `${name} on ${cluster.name} may start on a verdict written without ${accepted.missing} (reason: ${accepted.reason}; accepted by ${accepted.acceptedBy}): once ${accepted.missing} answers, release the same package there and run stms check on both`,
        expected: 'a verdict comparing both clusters (stms check)',
        found: `accepted without ${accepted.missing} by ${accepted.acceptedBy}: ${accepted.reason}`,
      });
    }
  }
  return findings;
}
