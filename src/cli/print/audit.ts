import type { Output } from '../output.js';
import type { Finding } from '../../audit/types.js';
import { plural } from '../../package/problem-text.js';

/** The audit for people: a table of findings, or one line saying what was looked at. */
export function printFindings(out: Output, findings: readonly Finding[], scope: { jobs: number; projects: readonly string[]; clusters: readonly string[] }): void {
  const looked = `${plural(scope.jobs, 'job')} of ${plural(scope.projects.length, 'project')} on ${scope.clusters.join(', ')}`;
  if (findings.length === 0) {
    out.line(`${out.c.green('no findings')}: ${looked}`);
    return;
  }
  out.table(
    ['KIND', 'JOB', 'CLUSTER', 'FINDING'],
    findings.map((f) => [f.kind, `${f.project}/${f.job}`, f.cluster ?? '-', f.message]),
  );
  out.line(`${out.c.red(plural(findings.length, 'finding'))}: ${looked}`);
}
