import type { Output } from '../output.js';
import type { ClusterRecord, JobResult } from '../../launch/types.js';
import { jobName } from '../../launch/types.js';

/**
 * The savepoint paths of stop --snapshot, snapshot and launch --restart, one line each, for
 * copying into a restore. `field`: the record's path field (`path`, or `savepoint` for a restart);
 * `taken`: the outcome of a cluster where one was asked for, named even when the server gave none.
 */
export function printSavepoints(out: Output, results: ReadonlyArray<JobResult<ClusterRecord>>, options: { field?: string; taken?: string; note?: string } = {}): void {
  const field = options.field ?? 'path';
  const note = options.note ? ` (${options.note})` : '';
  for (const r of results) {
    for (const [cluster, record] of Object.entries(r.clusters)) {
      const path = record[field];
      if (typeof path === 'string' && path !== '') out.line(`savepoint ${jobName(r)} on ${cluster}${note}: ${path}`);
      else if (options.taken !== undefined && record.outcome === options.taken) out.line(`savepoint ${jobName(r)} on ${cluster}${note}: (the server gave no path)`);
    }
  }
}
