import { FINDING_KINDS, type AppView, type AuditInput, type Finding } from './types.js';
import { cmdbFindings } from './cmdb-rules.js';
import { duplicateNameFindings } from './duplicate-names.js';
import { haFindings } from './ha-rules.js';
import { savepointFindings } from './savepoint-rules.js';
import { acceptedVerdictFindings } from './accepted-verdict-rules.js';
import { standbyFindings } from './standby-rules.js';

/**
 * `stms audit` (docs/concepts.md Commands): same-name jobs in one cluster, double jobs not running on
 * both, managerSlave jobs off the manager, DR materials missing or different, CMDB disagreements,
 * verdicts accepted with a cluster missing, stale standby state (when judged).
 * Pure over collected data; findings come sorted by project, job, kind, cluster.
 */
export function auditFindings(input: AuditInput): Finding[] {
  const findings = [...duplicateNameFindings(input.clusters), ...savepointFindings(input), ...acceptedVerdictFindings(input), ...standbyFindings(input)];
  for (const app of appViews(input)) {
    const ha = haFindings(app, input);
    findings.push(...ha.findings, ...cmdbFindings(app, input, ha.absentReported));
  }
  return findings.sort(compareFindings);
}

/** Every app seen on an audited cluster or registered in the CMDB, in a stable order. */
export function appViews(input: AuditInput): AppView[] {
  const apps = new Map<string, AppView>();
  const view = (project: string, job: string): AppView => {
    const key = `${project}\u0000${job}`;
    let app = apps.get(key);
    if (!app) {
      app = { project, job, on: new Map(), record: undefined };
      apps.set(key, app);
    }
    return app;
  };
  for (const cluster of input.clusters) {
    for (const row of cluster.jobs) {
      const app = view(row.projectName, row.jobName);
      if (!app.on.has(cluster.name)) app.on.set(cluster.name, row);
    }
  }
  for (const record of input.cmdb) view(record.projectName, record.jobName).record ??= record;
  return [...apps.values()];
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.project, b.project) ||
    cmp(a.job, b.job) ||
    FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind) ||
    cmp(a.cluster ?? '', b.cluster ?? '') ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
