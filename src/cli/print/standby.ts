import type { Output } from '../output.js';
import { exitStatusOf } from '../../errors.js';
import { jobName, type JobResult } from '../../launch/types.js';
import type { StandbyRecord } from '../../standby/standby-job.js';
import { formatDuration } from '../../util/duration.js';

/** `stms standby` for people: a row per job with its verdict, where it runs, the ages and the lag. */
export function printStandbyTable(out: Output, results: ReadonlyArray<JobResult<StandbyRecord>>, manager: string, standby: string): void {
  const age = (seconds: unknown) => (typeof seconds === 'number' ? formatDuration(seconds * 1000) : '-');
  const paint = (word: string) => (word === 'ready' ? out.c.green(word) : word === 'not-ha' ? word : out.c.red(word));
  const rows = results.map((r) => {
    const f = (r.fields ?? {}) as { runsOn?: string[]; lagSeconds?: number | null };
    const verdict = r.failure ? out.c.red(`${r.outcome} (exit ${exitStatusOf(r.failure.code)})`) : paint(r.outcome);
    return [
      jobName(r),
      r.policy ?? '-',
      verdict,
      f.runsOn && f.runsOn.length > 0 ? f.runsOn.join(',') : '-',
      age(r.clusters[manager]?.ageSeconds),
      age(r.clusters[standby]?.ageSeconds),
      age(f.lagSeconds),
      r.failure?.message ?? r.message ?? '',
    ];
  });
  out.table(['JOB', 'POLICY', 'STANDBY', 'RUNS ON', `${manager} STATE AGE`, `${standby} COPY AGE`, 'LAG', 'NOTE'], rows);
}
