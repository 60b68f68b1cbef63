import { SEVERITIES, SEVERITY_OF, type Severity } from '../audit/severity.js';
import { FINDING_KINDS, type AuditInput, type Finding, type FindingKind } from '../audit/types.js';
import { attr } from './junit.js';

/**
 * `stms audit --html`: the audit as one page for the morning mail (docs/concepts.md "The HA audit
 * report"). Self-contained: inline CSS and nothing else, no script, font, image or link to load,
 * and a Content-Security-Policy that forbids them should a value ever slip through. Severity is a
 * word in every row and heading, colour only repeats it. Every value from a cluster, the CMDB or
 * the config is escaped. Pure: findings in, HTML text out.
 */

export interface AuditReport {
  input: AuditInput;
  findings: readonly Finding[];
  projects: readonly string[];
  generatedAt: Date;
}

/** Section headings, in the order of FINDING_KINDS; the report shows every kind, found or not. */
export const KIND_TITLES: Readonly<Record<FindingKind, string>> = {
  'duplicate-name': 'Same job name more than once in one cluster',
  'unknown-policy': 'Unknown HA policy',
  'policy-differs-between-clusters': 'HA policy differs between clusters',
  'pair-materials-missing': 'Materials missing on the pair cluster',
  'pair-materials-differ': 'Materials differ between the pair',
  'double-not-running-on-both': 'double jobs not running on both clusters',
  'running-twice': 'Jobs running on both clusters that should run on one (managerSlave, single)',
  'manager-slave-off-manager': 'managerSlave jobs running on the standby cluster',
  'running-on-dr': 'Jobs running on a DR cluster',
  'dr-materials-missing': 'DR materials missing',
  'dr-materials-differ': 'DR materials differ from the primary',
  'cmdb-not-registered': 'Not registered in the CMDB',
  'cmdb-policy-differs': 'CMDB policy disagrees',
  'cmdb-clusters-differ': 'CMDB clusters disagree',
  'savepoint-path-left': 'Savepoint path left in the configuration',
  'verdict-accepted-missing': 'Verdicts accepted with a cluster missing',
  'standby-state-stale': 'Stale standby state (HDFS)',
};

const STYLE = `
body{font-family:sans-serif;margin:1.5em;color:#111;background:#fff;max-width:78em}
h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.15em;margin:1.6em 0 .4em;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;margin:.4em 0}th,td{border:1px solid #999;padding:.25em .45em;text-align:left;vertical-align:top;overflow-wrap:break-word}
th{background:#eee}td.n{text-align:right}td:nth-child(-n+2),td:last-child{white-space:nowrap}
.sev{white-space:nowrap;font-weight:bold;text-transform:uppercase;padding:0 .3em;border:1px solid #111}
.sev-high{background:#fdd}.sev-medium{background:#fec}.sev-low{background:#eef}
.none{color:#444;font-style:italic}.meta{color:#333}
`;

export function renderAuditHtml(report: AuditReport): string {
  const { input, findings } = report;
  const title = `stms HA audit: ${findings.length === 0 ? 'no findings' : `${findings.length} finding${findings.length === 1 ? '' : 's'}`}`;
  const byKind = new Map<FindingKind, Finding[]>(FINDING_KINDS.map((k) => [k, []]));
  for (const f of findings) byKind.get(f.kind)?.push(f);
  const where = presence(input);

  const parts = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${esc(title)}</h1>`,
    `<p class="meta">Generated ${esc(report.generatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'))} for ${esc(report.projects.length === 1 ? 'project' : 'projects')} ${esc(report.projects.join(', ') || '(none)')} on ${esc(input.clusters.map((c) => c.name).join(', '))}.</p>`,
    ...summary(input, byKind),
    ...FINDING_KINDS.map((kind) => section(kind, byKind.get(kind) ?? [], where, input.standby !== undefined)),
    '</body>',
    '</html>',
    '',
  ];
  return parts.join('\n');
}

function summary(input: AuditInput, byKind: ReadonlyMap<FindingKind, readonly Finding[]>): string[] {
  const clusters = input.clusters.map((c) => {
    const manager = c.whetherManager === undefined ? 'unknown' : c.whetherManager ? 'yes' : 'no';
    return `<tr><td>${esc(c.name)}</td><td>${esc(c.role)}</td><td>${c.role === 'dr' ? '-' : manager}</td><td class="n">${c.jobs.length}</td></tr>`;
  });
  const severities = SEVERITIES.map((s) => {
    const n = [...byKind].filter(([k]) => SEVERITY_OF[k] === s).reduce((sum, [, f]) => sum + f.length, 0);
    return `<tr><td>${severityWord(s)}</td><td class="n">${n}</td></tr>`;
  });
  const kinds = FINDING_KINDS.map((k) => `<tr><td><a href="#kind-${k}">${esc(KIND_TITLES[k])}</a> <code>${k}</code></td><td>${severityWord(SEVERITY_OF[k])}</td><td class="n">${byKind.get(k)?.length ?? 0}</td></tr>`);
  return [
    '<h2 id="summary">Summary</h2>',
    '<table><thead><tr><th>Cluster</th><th>Role</th><th>Manager</th><th>Jobs audited</th></tr></thead><tbody>',
    ...clusters,
    '</tbody></table>',
    '<table><thead><tr><th>Severity</th><th>Findings</th></tr></thead><tbody>',
    ...severities,
    '</tbody></table>',
    '<table><thead><tr><th>Kind</th><th>Severity</th><th>Findings</th></tr></thead><tbody>',
    ...kinds,
    '</tbody></table>',
  ];
}

function section(kind: FindingKind, findings: readonly Finding[], where: ReadonlyMap<string, string[]>, standbyJudged: boolean): string {
  const head = `<section id="kind-${kind}" data-kind="${kind}" data-count="${findings.length}">\n<h2>${esc(KIND_TITLES[kind])} (${severityWord(SEVERITY_OF[kind])}, ${findings.length})</h2>`;
  if (findings.length === 0) {
    const none = kind === 'standby-state-stale' && !standbyJudged ? 'Not judged: no cluster has hdfs configured.' : 'None.';
    return `${head}\n<p class="none">${none}</p>\n</section>`;
  }
  const rows = findings.map((f) => {
    const clusters = f.cluster ?? where.get(`${f.project}\u0000${f.job}`)?.join(', ') ?? '';
    return `<tr><td>${esc(`${f.project}/${f.job}`)}</td><td>${esc(clusters)}</td><td>${esc(f.expected)}</td><td>${esc(f.found)}</td><td>${esc(f.message)}</td><td>${severityWord(SEVERITY_OF[f.kind])}</td></tr>`;
  });
  return [head, '<table><thead><tr><th>Job</th><th>Clusters</th><th>Expected</th><th>Found</th><th>Details and what to do</th><th>Severity</th></tr></thead><tbody>', ...rows, '</tbody></table>', '</section>'].join('\n');
}

/** The clusters that have each job, for findings about the job rather than one cluster. */
function presence(input: AuditInput): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const c of input.clusters) {
    for (const j of c.jobs) {
      const key = `${j.projectName}\u0000${j.jobName}`;
      where.set(key, [...(where.get(key) ?? []), c.name]);
    }
  }
  return where;
}

function severityWord(s: Severity): string {
  return `<span class="sev sev-${s}">${s}</span>`;
}

/** Text and attribute values alike: the same escaping as the JUnit report, which also drops what markup cannot carry. */
function esc(value: string): string {
  return attr(value);
}
