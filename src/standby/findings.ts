import type { ErrorCode } from '../errors.js';
import { jobName, type ClusterRecord, type JobResult } from '../launch/types.js';

/** What `stms standby` found that must be acted on before an outage: a stale, incomplete or missing copy (exit 6). Pure. */
export function findingsOf(results: ReadonlyArray<JobResult<ClusterRecord>>): { code: ErrorCode; message: string } | undefined {
  const bad = results.filter((r) => !r.failure && ['stale', 'incomplete', 'missing'].includes(String(r.fields?.verdict)));
  if (bad.length === 0) return undefined;
  const listed = bad.slice(0, 5).map((r) => `${jobName(r)} ${String(r.fields?.verdict)}`).join(', ');
  const more = bad.length > 5 ? ` and ${bad.length - 5} more` : '';
  return { code: 'CONSISTENCY', message: `${bad.length} of ${results.length} managerSlave job standby copies are not ready: ${listed}${more}` };
}
