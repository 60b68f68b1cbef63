import type { Output } from '../output.js';
import type { ClusterVersions } from '../../history/server-versions.js';

/**
 * `stms history <job> --clusters …` for people: per cluster, its versions newest first with the
 * source record's deploy user, md5 and release id, the running one marked, and where a version
 * did not come from stms.
 */
export function printServerHistory(out: Output, job: string, clusters: Record<string, ClusterVersions>): void {
  for (const c of Object.values(clusters)) {
    out.line(`${out.c.bold(c.cluster)}  ${job}${c.found ? `  job ${c.jobId}  current ${c.currentVersion ?? '-'}  ${c.status ?? 'never started'}` : ''}`);
    if (!c.found) {
      out.line('  the job is not on this cluster');
      out.line();
      continue;
    }
    out.table(
      ['', 'version', 'time', 'deploy user', 'md5', 'release', 'note'],
      c.versions.map((v) => [
        v.running ? out.c.green('▶') : v.current ? '·' : '',
        v.version,
        v.releaseTime ?? '-',
        v.deployUser ?? '-',
        v.md5 ?? '-',
        v.releaseId ?? '-',
        note(v),
      ]),
    );
    out.line();
  }
  out.info('▶ runs, · current version; md5 and release from the version\'s source record, or from a local journal where the server does not return it');
}

function note(v: ClusterVersions['versions'][number]): string {
  const parts: string[] = [];
  if (v.running) parts.push('running');
  else if (v.current) parts.push('current');
  if (v.rollbackOf) parts.push(`rollback of ${v.rollbackOf}`);
  if (v.origin === 'foreign') parts.push('not released by stms (web page or another tool)');
  if (v.origin === 'none') parts.push('no source record (uploaded from the web page)');
  if (v.origin === 'unknown') parts.push('source not returned by the server');
  if (v.from === 'journal') parts.push('from the local journal');
  return parts.join('; ');
}
