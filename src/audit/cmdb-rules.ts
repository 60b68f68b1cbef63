import { DEFAULT_POLICY } from '../ha/policies.js';
import type { AppView, AuditInput, Finding, FindingKind } from './types.js';

/**
 * The CMDB side of the audit (the seeds' scheduled inspection "高可用策略与cmdb登记的是否一致"):
 * every app on a cluster is registered, with the policy it declares, and, where the record lists
 * clusters, it is on exactly the registered clusters among those audited.
 * `absentReported`: clusters the HA rules already reported as missing the job.
 */
export function cmdbFindings(app: AppView, input: AuditInput, absentReported: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  const add = (kind: FindingKind, message: string, seen: { expected: string; found: string }, cluster?: string) =>
    findings.push({ kind, project: app.project, job: app.job, message, ...seen, ...(cluster ? { cluster } : {}) });
  const name = `${app.project}/${app.job}`;
  const presentOn = input.clusters.filter((c) => app.on.has(c.name)).map((c) => c.name);
  const record = app.record;

  if (!record) {
    add('cmdb-not-registered', `${name} is on ${presentOn.join(', ')} but not registered in the CMDB: register it (subsystem, owner, HA architecture, clusters)`, {
      expected: 'registered in the CMDB',
      found: `not registered; on ${presentOn.join(', ')}`,
    });
    return findings;
  }

  const declared = new Set(presentOn.map((n) => app.on.get(n)?.policy ?? DEFAULT_POLICY));
  const differing = [...declared].filter((p) => p !== record.haPolicy);
  if (differing.length > 0) {
    add('cmdb-policy-differs', `the CMDB registers ${name} with haPolicy "${record.haPolicy}" but the job declares "${differing.join('", "')}": update the CMDB record, or release the package with the registered policy`, {
      expected: `haPolicy ${record.haPolicy} (CMDB)`,
      found: `declared ${differing.join(', ')}`,
    });
  }

  const registered = new Set(record.clusters ?? []);
  if (registered.size === 0) return findings;
  const audited = new Set(input.clusters.map((c) => c.name));
  for (const n of presentOn.filter((n) => !registered.has(n))) {
    add('cmdb-clusters-differ', `${name} is on ${n}, which the CMDB does not register for it (registered: ${[...registered].join(', ')}): remove it there, or update the CMDB record`, { expected: `on ${[...registered].join(', ')} (CMDB)`, found: `also on ${n}` }, n);
  }
  for (const n of [...registered].filter((n) => audited.has(n) && !app.on.has(n) && !absentReported.has(n))) {
    add('cmdb-clusters-differ', `the CMDB registers ${name} on ${n}, but ${n} does not have it: release it there, or update the CMDB record`, { expected: `on ${n} (CMDB)`, found: `not on ${n}` }, n);
  }
  return findings;
}
