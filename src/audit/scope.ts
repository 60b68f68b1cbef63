import type { CmdbRecord } from '../cmdb/types.js';
import type { SelectionCriteria } from '../selection/criteria.js';
import type { SelectedJob } from '../selection/select.js';

/**
 * The CMDB records an audit judges (docs/commands/audit.md): those of the audited projects and,
 * when `--name-like` narrows the jobs, those whose job name contains it, as job/list matches
 * names. The CMDB knows no labels: with `--label` only the records of the selected jobs are in
 * scope, so an app registered but on no cluster is not reported then. Pure.
 */
export function cmdbInScope(records: readonly CmdbRecord[], criteria: SelectionCriteria, selected: readonly SelectedJob[]): CmdbRecord[] {
  const projects = new Set(criteria.projects);
  const inProjects = records.filter((r) => projects.has(r.projectName));
  if (criteria.label !== undefined) {
    const chosen = new Set(selected.map((j) => `${j.project}/${j.job}`));
    return inProjects.filter((r) => chosen.has(`${r.projectName}/${r.jobName}`));
  }
  const nameLike = criteria.nameLike;
  return nameLike === undefined ? inProjects : inProjects.filter((r) => r.jobName.includes(nameLike));
}
