import type { Output } from '../output.js';
import type { StatusRecord } from '../../launch/status-job.js';
import { jobName, type JobResult } from '../../launch/types.js';

/** `stms status` for people: a row per job and cluster. */
export function printStatusTable(out: Output, results: ReadonlyArray<JobResult<StatusRecord>>, clusters: readonly string[]): void {
  const rows: string[][] = [];
  for (const r of results) {
    for (const cluster of clusters) {
      const s = r.clusters[cluster];
      if (!s || s.outcome !== 'present') {
        rows.push([jobName(r), cluster, r.policy ?? '-', s?.outcome ?? '-', '', '', '', '', s?.message ?? '']);
        continue;
      }
      const status = s.statusCode === 5 ? out.c.green(s.status ?? '') : s.statusCode === 6 ? out.c.red(s.status ?? '') : (s.status ?? '-');
      rows.push([
        jobName(r),
        cluster,
        r.policy ?? '-',
        `${status} (${s.statusCode})`,
        s.version ?? '-',
        s.md5 ?? '-',
        s.md5Matches === null ? '-' : s.md5Matches ? 'yes' : out.c.red('no'),
        s.highAvailable === null ? '-' : s.highAvailable ? 'yes' : 'no',
        s.message ?? '',
      ]);
    }
  }
  out.table(['JOB', 'CLUSTER', 'POLICY', 'STATUS', 'VERSION', 'MD5', 'MD5 MATCH', 'HA', 'NOTE'], rows);
}
