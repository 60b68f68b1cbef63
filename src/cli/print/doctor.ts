import type { CmdbReachability } from '../../cmdb/reachable.js';
import type { ClusterPreflight, PreflightResult } from '../../streamis/preflight.js';
import type { Output } from '../output.js';

/** The human side of `stms doctor`: one row per cluster, the CMDB line, then every problem. */

export function printDoctor(out: Output, result: PreflightResult, cmdb: CmdbReachability, project: string | undefined): void {
  const yes = (v: boolean | null, good = true) => (v === null ? '-' : v === good ? out.c.green(v ? 'yes' : 'no') : out.c.red(v ? 'yes' : 'no'));
  const header = ['cluster', 'reachable', 'token', 'server name', 'haName', 'manager', ...(project === undefined ? [] : [`edit ${project}`]), 'clock skew'];
  out.table(
    header,
    Object.values(result.clusters).map((c) => [
      c.cluster,
      yes(c.reachable),
      c.tokenAccepted === null ? '-' : c.tokenAccepted ? out.c.green('accepted') : out.c.red('rejected'),
      c.clusterName ?? '-',
      haNameCell(out, c),
      c.whetherManager === null ? '-' : c.whetherManager ? 'yes' : 'no',
      ...(project === undefined ? [] : [yes(c.editPrivilege)]),
      skewCell(out, c),
    ]),
  );
  out.line();
  out.line(`CMDB  ${cmdbLine(out, cmdb)}`);
  for (const c of Object.values(result.clusters)) {
    for (const problem of c.problems) out.error(problem);
    for (const warning of c.warnings) out.warn(warning);
  }
  for (const problem of cmdb.problems) out.error(problem);
}

function haNameCell(out: Output, c: ClusterPreflight): string {
  if (c.haName === null) return '(not set)';
  if (c.nameMatches === null) return c.haName;
  return c.nameMatches ? out.c.green(c.haName) : out.c.red(`${c.haName} (differs)`);
}

function skewCell(out: Output, c: ClusterPreflight): string {
  if (c.clockSkewMs === null) return '-';
  const text = `${c.clockSkewMs >= 0 ? '+' : ''}${(c.clockSkewMs / 1000).toFixed(1)} s`;
  return c.warnings.length > 0 ? out.c.yellow(text) : text;
}

function cmdbLine(out: Output, cmdb: CmdbReachability): string {
  if (!cmdb.configured) return 'not configured (release and audit need one)';
  if (cmdb.reachable) return `${out.c.green('readable')}  ${cmdb.source}  ${cmdb.apps} app${cmdb.apps === 1 ? '' : 's'}`;
  return `${out.c.red('unreachable')}  ${cmdb.source}`;
}
