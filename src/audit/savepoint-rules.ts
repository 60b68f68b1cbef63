import type { AuditInput, Finding } from './types.js';

/**
 * A savepoint path in a job's configuration makes every later start restore from it, the
 * server's auto-restart included: stms writes one only for the start it makes and takes it out
 * right after, so one that stays is either an interrupted stms run (its next run removes it) or
 * set by hand, and in both cases a restart next week would rewind the job to that state.
 */
export function savepointFindings(input: AuditInput): Finding[] {
  const findings: Finding[] = [];
  for (const cluster of input.clusters) {
    for (const job of cluster.jobs) {
      if (job.savepointPath === null) continue;
      findings.push({
        kind: 'savepoint-path-left',
        project: job.projectName,
        job: job.jobName,
        cluster: cluster.name,
        message: `${job.projectName}/${job.jobName} on ${cluster.name} has wds.linkis.flink.savepoint.path = ${job.savepointPath} in its configuration: every start, the server's auto-restart included, restores from it; remove it unless that restore is meant (an interrupted stms run removes its own on its next run)`,
        expected: 'no wds.linkis.flink.savepoint.path in the configuration',
        found: job.savepointPath,
      });
    }
  }
  return findings;
}
