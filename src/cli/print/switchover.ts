import type { Output } from '../output.js';
import { exitStatusOf } from '../../errors.js';
import { jobName, type JobResult } from '../../launch/types.js';
import type { SwitchoverRecord } from '../../switchover/switchover-job.js';

/** `stms switchover` for people: per job where it ran, the savepoint taken on the old manager, the state the new one started from, and the outcome. */
export function printSwitchoverTable(out: Output, results: ReadonlyArray<JobResult<SwitchoverRecord>>): void {
  const rows = results.map((r) => {
    const f = (r.fields ?? {}) as { ranOn?: string | null; savepoint?: string | null; state?: { path: string; ageSeconds: number | null } | null };
    const outcome = r.failure ? out.c.red(`${r.outcome} (exit ${exitStatusOf(r.failure.code)})`) : r.outcome === 'switched' ? out.c.green(r.outcome) : r.outcome;
    const state = f.state ? `${f.state.path}${f.state.ageSeconds === null ? '' : ` (${f.state.ageSeconds}s old)`}` : '-';
    return [jobName(r), f.ranOn ?? '-', f.savepoint ?? '-', state, outcome];
  });
  out.table(['JOB', 'RAN ON', 'SAVEPOINT (OLD MANAGER)', 'STARTED FROM', 'RESULT'], rows);
}
