import type { Output } from '../output.js';
import type { SelectedJob } from '../../selection/select.js';
import { plural } from '../../package/problem-text.js';

/** `--dry-run` of a --project selection, for people: a row per selected job. */
export function printSelection(out: Output, selected: readonly SelectedJob[]): void {
  out.table(
    ['PROJECT', 'JOB', 'LABELS', 'CLUSTERS'],
    selected.map((j) => [j.project, j.job, j.labels.length > 0 ? j.labels.join(',') : '-', j.clusters.join(',')]),
  );
  out.line(`${plural(selected.length, 'job')} selected; --dry-run: nothing was done`);
}
