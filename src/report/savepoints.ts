import type { Output } from '../cli/output.js';
import type { ActionRecord } from '../launch/running-action.js';
import { jobName, type JobResult } from '../launch/types.js';

/** The savepoint paths of stop --snapshot and snapshot, one line each, for copying into a restore. */
export function printSavepoints(out: Output, results: ReadonlyArray<JobResult<ActionRecord>>): void {
  for (const r of results) {
    for (const [cluster, record] of Object.entries(r.clusters)) {
      if (record.path) out.line(`savepoint ${jobName(r)} on ${cluster}: ${record.path}`);
      else if (record.outcome === 'snapshot') out.line(`savepoint ${jobName(r)} on ${cluster}: (the server gave no path)`);
    }
  }
}
