import { describeDuplicate } from '../../release/duplicates.js';
import type { Output } from '../output.js';
import { formatBytes } from '../../package/index.js';
import { formatDuration } from '../../util/duration.js';
import { printProblems } from './package.js';
import { resumeCommand, type ResumeArgs } from '../../release/document.js';
import type { ClusterProgress, ClusterResult, Refusal, ReleaseEvents, ReleaseReport, ReleaseStart } from '../../release/types.js';

/**
 * The human side of `stms release` (like taze's render.ts beside its check.ts): a header, one
 * progress line per cluster while uploading, a summary table and the journal path; for a partial
 * release, which clusters have the package and the command that finishes it.
 */

export function releaseEvents(out: Output): ReleaseEvents {
  return {
    onHashing: (read, total) => out.progress('package', `hashing and checking ${formatBytes(read)} of ${formatBytes(total)}`, { done: read >= total }),
    onStart: (start) => printHeader(out, start),
    onProgress: (cluster, progress) => out.progress(cluster, progressText(progress)),
    onClusterDone: (result) => out.progress(result.cluster, doneText(result), { done: true }),
  };
}

export function printHeader(out: Output, start: ReleaseStart): void {
  printProblems(out, start.warnings, 'diagnostic');
  out.line(`${start.resumed ? 'resuming' : 'release'} ${out.c.bold(start.releaseId)}  ${start.project}/${start.job}`);
  out.line(`  package  ${start.packageName}  md5 ${start.md5}`);
  out.line(`  policy   ${start.policy}`);
  out.line(`  targets  ${start.targets.join(', ')}`);
  out.line();
}

export function progressText(p: ClusterProgress): string {
  switch (p.phase) {
    case 'checking':
      return 'looking at the latest version';
    case 'uploading':
      return `uploading ${formatBytes(p.sent)} of ${formatBytes(p.total)}${p.total > 0 ? ` (${Math.floor((p.sent / p.total) * 100)}%)` : ''}`;
    case 'retrying':
      return `retry ${p.retry} of ${p.retries} in ${p.delayMs} ms after: ${p.reason}`;
    case 'verifying':
      // A single look has no window to show.
      return `looking whether the upload landed${p.limitMs > 0 ? ` (${formatDuration(p.elapsedMs)} of ${formatDuration(p.limitMs)})` : ''}`;
  }
}

function doneText(r: ClusterResult): string {
  const where = [r.jobId === undefined ? '' : `job ${r.jobId}`, r.version ?? ''].filter(Boolean).join(' ');
  return `${r.outcome}${where ? ` (${where})` : ''}${r.error ? `: ${r.error}` : ''}`;
}

export function printSummary(out: Output, report: ReleaseReport, resumeArgs: ResumeArgs): void {
  out.endProgress();
  out.line();
  const colour = (outcome: ClusterResult['outcome']) => (outcome === 'failed' ? out.c.red : outcome === 'interrupted' ? out.c.yellow : out.c.green)(outcome);
  out.table(
    ['cluster', 'outcome', 'jobId', 'version', 'note'],
    report.targets.map((name) => {
      const r = report.clusters[name] as ClusterResult;
      return [name, colour(r.outcome), r.jobId === undefined ? '-' : String(r.jobId), r.version ?? '-', r.error ?? r.note ?? ''];
    }),
  );
  out.line();
  for (const name of report.targets) {
    const duplicates = report.clusters[name]?.duplicates ?? [];
    if (duplicates.length > 0) {
      out.warn(`${name}: another copy of this package landed during the release: ${duplicates.map(describeDuplicate).join(', ')}; the job's latest version is ${report.clusters[name]?.version ?? 'unknown'}`);
    }
  }
  out.line(`journal ${report.journalPath}`);
  if (report.notDone.length === 0) return;
  if (report.done.length === 0) {
    // Not partial: nothing to finish, the same command starts over.
    out.error(`${report.interrupted ? 'interrupted' : 'release failed'}: no cluster has the package`);
    out.info('nothing was uploaded: run the release again');
    return;
  }
  const have = `${report.done.join(', ')} ${report.done.length === 1 ? 'has' : 'have'} the package`;
  const what = report.interrupted ? 'interrupted' : 'partial release';
  out.error(`${what}: ${have}; ${report.notDone.join(', ')} ${report.notDone.length === 1 ? 'does' : 'do'} not`);
  out.info(`finish it with: ${resumeCommand(report, resumeArgs)}`);
}

export function printRefusal(out: Output, refusal: Refusal): void {
  if (refusal.problems) printProblems(out, refusal.problems, 'diagnostic');
  if (refusal.reasons && refusal.reasons.length > 1) {
    out.error(`${refusal.code === 'CMDB' ? 'the CMDB check' : 'the HA policy check'} failed:`);
    for (const reason of refusal.reasons) out.info(`  - ${reason}`);
  } else {
    out.error(refusal.message);
  }
  if (refusal.hint) out.info(`${out.c.cyan('hint:')} ${refusal.hint}`);
}
