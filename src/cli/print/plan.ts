import type { Output } from '../output.js';
import { printProblems } from './package.js';
import type { ClusterPlan } from '../../plan/compare.js';
import type { MetaChange } from '../../deployed/diff.js';
import type { PlanReport } from '../../plan/plan.js';

/** The human side of `stms plan`: the header, then per cluster what a release would do and change. */
export function printPlan(out: Output, report: PlanReport): void {
  printProblems(out, report.warnings, 'diagnostic');
  out.line(`plan  ${report.project}/${report.job}  (nothing is uploaded)`);
  out.line(`  package  ${report.packageName}  md5 ${report.md5}`);
  out.line(`  policy   ${report.policy}`);
  out.line(`  targets  ${report.targets.join(', ')}`);
  for (const name of report.targets) printCluster(out, report.clusters[name] as ClusterPlan);
  out.line();
  const by = (outcome: ClusterPlan['outcome']) => report.targets.filter((t) => report.clusters[t]?.outcome === outcome);
  const parts = [
    by('would-upload').length ? `would upload to ${by('would-upload').join(', ')}` : '',
    by('unchanged').length ? `unchanged on ${by('unchanged').join(', ')}` : '',
    by('failed').length ? `cannot read ${by('failed').join(', ')}` : '',
  ].filter(Boolean);
  out.line(parts.join('; '));
}

function printCluster(out: Output, p: ClusterPlan): void {
  out.line();
  const colour = p.outcome === 'failed' ? out.c.red : p.outcome === 'unchanged' ? out.c.green : out.c.yellow;
  const d = p.deployed;
  const now = d ? `deployed ${d.version ?? '?'} (job ${d.jobId})${d.md5 ? `, md5 ${d.md5}` : ''}${d.deployUser ? ` by ${d.deployUser}` : ''}${d.releaseId ? `, release ${d.releaseId}` : ''}` : 'not deployed yet: a new job';
  out.line(`${out.c.bold(p.cluster)}  ${colour(p.outcome)}  ${p.error ?? now}`);
  for (const note of p.notes) out.line(out.c.dim(`  note: ${note}`));
  if (p.outcome === 'failed') return;
  if (!d) {
    // Every key of a new job is "added": the list says nothing a person needs; --json keeps it.
    const levels = [1, 2, 3].map((level) => `${p.changes.filter((c) => c.level === level).length} at level ${level}`);
    out.line(`  ${p.changes.length} keys (${levels.join(', ')}); \`stms render <package> --cluster ${p.cluster}\` shows them`);
    return;
  }
  if (p.changes.length === 0) {
    out.line(`  no change in meta.json${p.outcome === 'would-upload' && d ? ' (the files or the source record differ)' : ''}`);
    return;
  }
  out.table(
    ['  change', 'level', 'key', 'before -> after'],
    p.changes.map((c) => [`  ${c.change}`, String(c.level), c.pointer, values(c)]),
  );
}

function values(c: MetaChange): string {
  const show = (v: unknown) => {
    const text = JSON.stringify(v);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  };
  if (c.change === 'added') return show(c.after);
  if (c.change === 'removed') return `${show(c.before)} (removed)`;
  return `${show(c.before)} -> ${show(c.after)}`;
}
