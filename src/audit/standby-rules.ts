import { formatDuration } from '../util/duration.js';
import type { AuditInput, Finding } from './types.js';

/**
 * managerSlave jobs whose state on the standby cluster would not do for a switchover, as judged
 * from the clusters' HDFS before the audit (input.standby; absent when `hdfs` is not configured).
 */
export function standbyFindings(input: AuditInput): Finding[] {
  return (input.standby ?? []).map((s) => {
    const age = s.ageSeconds === null ? 'no complete copy' : `newest complete copy ${formatDuration(s.ageSeconds * 1000)} old${s.copy ? ` (${s.copy})` : ''}`;
    return {
      kind: 'standby-state-stale' as const,
      project: s.project,
      job: s.job,
      cluster: s.standby,
      message: `${s.project}/${s.job} (managerSlave, manager ${s.manager}): its state on standby ${s.standby} is ${s.verdict}: ${age}; a switchover would replay or lose that much: check the copy job (stms standby)`,
      expected: `a complete copy on ${s.standby} at most ${formatDuration(s.maxAgeSeconds * 1000)} old`,
      found: `${s.verdict}: ${age}`,
    };
  });
}
