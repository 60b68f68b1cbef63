import type { Policy } from '../ha/policies.js';
import { resolvePolicy } from '../launch/job-policy.js';
import { hasDrCluster, livesOnPair, startsOnManagerOnly, startsOnTwoClusters } from '../ha/policy-shape.js';
import { partnersOf } from '../ha/targets.js';
import { isRunning, statusName } from '../streamis/status-codes.js';
import type { AppView, AuditCluster, AuditInput, Finding, FindingKind } from './types.js';

type AddFinding = (kind: FindingKind, message: string, seen: { expected: string; found: string }, cluster?: string) => void;

/**
 * The HA findings of one app: where its materials are and where it runs, against its policy.
 * `absentReported` names the clusters already reported as missing the job, so the CMDB rules
 * do not report the same absence twice.
 */
export function haFindings(app: AppView, input: AuditInput): { findings: Finding[]; absentReported: Set<string> } {
  const findings: Finding[] = [];
  const absentReported = new Set<string>();
  const add: AddFinding = (kind, message, seen, cluster) => findings.push({ kind, project: app.project, job: app.job, message, ...seen, ...(cluster ? { cluster } : {}) });
  const name = `${app.project}/${app.job}`;
  const clusters = new Map(input.clusters.map((c) => [c.name, c]));
  const present = input.clusters.filter((c) => app.on.has(c.name));
  if (present.length === 0) return { findings, absentReported };
  const status = (c: AuditCluster) => app.on.get(c.name)?.statusCode ?? 0;
  const running = present.filter((c) => isRunning(status(c)));

  for (const c of running.filter((c) => c.role === 'dr')) add('running-on-dr', `${name} is running on DR cluster ${c.name}: DR clusters hold materials only; stop it there`, { expected: `materials only on ${c.name}`, found: `running on ${c.name}` }, c.name);

  // The same reading of the declared policy as check and launch, so the audit says what they would.
  const resolved = resolvePolicy(name, present.map((c) => ({ cluster: c.name, raw: app.on.get(c.name)?.policy ?? null })));
  if (!resolved.ok) {
    const declared = present.map((c) => `${c.name}: ${app.on.get(c.name)?.policy ?? 'none'}`).join(', ');
    const differs = resolved.failure.code === 'CONSISTENCY';
    add(differs ? 'policy-differs-between-clusters' : 'unknown-policy', resolved.failure.message, { expected: differs ? 'the same policy on every cluster' : 'a known HA policy', found: declared });
    return { findings, absentReported };
  }
  const policy: Policy = resolved.policy;
  const nonDr = present.filter((c) => c.role !== 'dr');
  const md5 = (c: AuditCluster) => app.on.get(c.name)?.md5 ?? null;

  if (livesOnPair(policy)) {
    // The pair is where the job is plus the declared partners of those clusters, when audited.
    const expected = new Set(nonDr.map((c) => c.name));
    for (const c of nonDr) {
      const partners = partnersOf(c.name, input.pairs);
      const [partner] = partners;
      if (partners.length === 1 && partner && clusters.get(partner)) expected.add(partner);
    }
    for (const missing of [...expected].filter((n) => !app.on.has(n))) {
      absentReported.add(missing);
      add('pair-materials-missing', `${name} (${policy}) is on ${nonDr.map((c) => c.name).join(', ')} but not on its pair cluster ${missing}: release it to both`, { expected: `on ${[...expected].join(', ')}`, found: `not on ${missing}` }, missing);
    }
    const sums = new Set(nonDr.map(md5));
    if (nonDr.length > 1 && sums.size > 1) {
      add('pair-materials-differ', `${name} (${policy}) has different materials on its pair: ${nonDr.map((c) => `${c.name}: ${md5(c) ?? 'no md5 (not released by stms)'}`).join(', ')}: release the same package to both`, {
        expected: 'the same md5 on both',
        found: nonDr.map((c) => `${c.name}: ${md5(c) ?? 'none'}`).join(', '),
      });
    }
  }

  if (startsOnTwoClusters(policy) && running.some((c) => c.role !== 'dr')) {
    for (const c of nonDr.filter((c) => !isRunning(status(c)))) {
      add('double-not-running-on-both', `${name} (${policy}) runs on ${running.filter((r) => r.role !== 'dr').map((r) => r.name).join(', ')} but is ${statusName(status(c))} on ${c.name}: start it there (stms launch)`, { expected: `running on ${nonDr.map((n) => n.name).join(', ')}`, found: `${statusName(status(c))} on ${c.name}` }, c.name);
    }
  }

  const runningNonDr = running.filter((c) => c.role !== 'dr');
  if (!startsOnTwoClusters(policy) && runningNonDr.length > 1) {
    add('running-twice', `${name} (${policy}) should run on one cluster but runs on ${runningNonDr.map((c) => c.name).join(', ')}: stop it on all but one`, { expected: 'running on one cluster', found: `running on ${runningNonDr.map((c) => c.name).join(', ')}` });
  }
  if (startsOnManagerOnly(policy)) {
    for (const c of runningNonDr.filter((c) => c.whetherManager === false)) {
      add('manager-slave-off-manager', `${name} (${policy}) runs on ${c.name}, which is not the manager cluster (getHAMsg whetherManager=false): stop it there and start it on the manager`, { expected: 'running on the manager cluster only', found: `running on ${c.name} (whetherManager=false)` }, c.name);
    }
  }

  if (hasDrCluster(policy)) drFindings(app, input, nonDr.map(md5), add, absentReported);
  return { findings, absentReported };
}

/** …WithBak: the DR cluster (registered in the CMDB, else any audited one) holds the same materials. */
function drFindings(app: AppView, input: AuditInput, nonDrSums: Array<string | null>, add: AddFinding, absentReported: Set<string>): void {
  const name = `${app.project}/${app.job}`;
  const audited = input.clusters.filter((c) => c.role === 'dr').map((c) => c.name);
  if (audited.length === 0) return;
  const registered = audited.filter((n) => app.record?.clusters?.includes(n));
  const expected = registered.length > 0 ? registered : audited;
  const present = expected.filter((n) => app.on.has(n));
  if (present.length === 0) {
    const only = expected.length === 1 ? expected[0] : undefined;
    if (only) absentReported.add(only);
    add('dr-materials-missing', `${name} is missing on its DR cluster (${expected.join(' or ')}): release it there too`, { expected: `on ${expected.join(' or ')}`, found: 'on no DR cluster' }, only);
    return;
  }
  const sums = new Set(nonDrSums.filter((s) => s !== null));
  const [reference] = sums;
  if (sums.size !== 1 || reference === undefined) return; // nothing single to compare with
  for (const n of present) {
    const sum = app.on.get(n)?.md5 ?? null;
    if (sum !== reference) add('dr-materials-differ', `${name} on DR cluster ${n} has md5 ${sum ?? 'unknown (not released by stms)'}, the other clusters ${reference}: release the same package to ${n}`, { expected: `md5 ${reference}`, found: `md5 ${sum ?? 'unknown'}` }, n);
  }
}
