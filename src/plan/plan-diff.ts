import type { PlanCluster, PlanFile, PlanJob } from './plan-file.js';

/**
 * What moved between a plan and the same plan made again now, pure. Every difference is its own
 * entry and its own line: a reviewer approved the plan, so applying it must stop when any of
 * them is there (PLAN_STALE, exit 10). `then` (what upgrade does after the release) counts only
 * for `upgrade --plan`: `release --plan` starts and stops nothing.
 */

export interface PlanDifference {
  /** `project/job`; null for what the whole plan shares (config clusters, targets, vars). */
  job: string | null;
  cluster?: string;
  field: 'configClusters' | 'targets' | 'vars' | 'package' | 'packageMd5' | 'deployed' | 'metaMd5' | 'action' | 'then';
  planned: unknown;
  now: unknown;
  /** The line a person reads. */
  text: string;
}

export interface DiffOptions {
  /** Compare what upgrade does after the release (`upgrade --plan`). */
  then: boolean;
}

/** The parts every job shares. `now` is what the same inputs give today. */
export function diffPlanInputs(planned: Pick<PlanFile, 'config' | 'targets' | 'vars'>, now: Pick<PlanFile, 'config' | 'targets' | 'vars'>): PlanDifference[] {
  const out: PlanDifference[] = [];
  if (!sameList(planned.config.clusters, now.config.clusters)) {
    out.push({
      job: null,
      field: 'configClusters',
      planned: planned.config.clusters,
      now: now.config.clusters,
      text: `config clusters: ${list(now.config.clusters)} where the plan has ${list(planned.config.clusters)} (is the same config file in use?)`,
    });
  }
  const unknown = planned.targets.filter((t) => !now.config.clusters.includes(t));
  if (unknown.length > 0) {
    out.push({ job: null, field: 'targets', planned: planned.targets, now: planned.targets.filter((t) => !unknown.includes(t)), text: `targets: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a cluster of the config in use` });
  }
  if ((planned.vars?.md5 ?? null) !== (now.vars?.md5 ?? null) || (planned.vars?.file ?? null) !== (now.vars?.file ?? null)) {
    const show = (v: PlanFile['vars']) => (v ? `${v.file} (md5 ${v.md5})` : 'none');
    const text =
      planned.vars && now.vars && planned.vars.file === now.vars.file
        ? `vars file ${planned.vars.file}: md5 ${now.vars.md5} where the plan has ${planned.vars.md5}`
        : planned.vars && !now.vars
          ? `vars file ${planned.vars.file}: cannot be read now; the plan has md5 ${planned.vars.md5}`
          : `vars file: ${show(now.vars)} where the plan has ${show(planned.vars)}`;
    out.push({ job: null, field: 'vars', planned: planned.vars, now: now.vars, text });
  }
  return out;
}

/** One job of the plan against the same job planned now. */
export function diffPlanJob(planned: PlanJob, now: PlanJob, options: DiffOptions): PlanDifference[] {
  const name = `${planned.project}/${planned.job}`;
  const out: PlanDifference[] = [];
  if (planned.package !== now.package) {
    out.push({ job: name, field: 'package', planned: planned.package, now: now.package, text: `job ${name}: the package is ${now.package} where the plan has ${planned.package}` });
  }
  if (planned.packageMd5 !== now.packageMd5) {
    out.push({ job: name, field: 'packageMd5', planned: planned.packageMd5, now: now.packageMd5, text: `package ${planned.package}: md5 ${now.packageMd5} where the plan has ${planned.packageMd5}` });
  }
  const nowName = `${now.project}/${now.job}`;
  if (nowName !== name) {
    out.push({ job: name, field: 'package', planned: name, now: nowName, text: `package ${planned.package}: it is job ${nowName} now where the plan has ${name}` });
    // Another job: its clusters say nothing about the planned one.
    return out;
  }
  for (const [cluster, was] of Object.entries(planned.clusters)) {
    const is = now.clusters[cluster];
    if (is) out.push(...diffCluster(name, cluster, was, is, options));
  }
  return out;
}

function diffCluster(job: string, cluster: string, was: PlanCluster, is: PlanCluster, options: DiffOptions): PlanDifference[] {
  const out: PlanDifference[] = [];
  if (!sameDeployed(was.deployed, is.deployed)) {
    out.push({ job, cluster, field: 'deployed', planned: was.deployed, now: is.deployed, text: `job ${job} on ${cluster}: deployed ${deployedText(is.deployed)} where the plan saw ${deployedText(was.deployed)}` });
  }
  if (was.metaMd5 !== is.metaMd5) {
    out.push({ job, cluster, field: 'metaMd5', planned: was.metaMd5, now: is.metaMd5, text: `job ${job}: meta.json for ${cluster} differs (md5 ${is.metaMd5} where the plan has ${was.metaMd5})` });
  }
  if (was.action !== is.action) {
    const said = (a: PlanCluster['action']) => (a === 'upload' ? 'upload' : 'leave it unchanged');
    out.push({ job, cluster, field: 'action', planned: was.action, now: is.action, text: `job ${job} on ${cluster}: a release would ${said(is.action)} where the plan says ${said(was.action)}` });
  }
  if (options.then && was.then !== is.then) {
    out.push({ job, cluster, field: 'then', planned: was.then, now: is.then, text: `job ${job} on ${cluster}: upgrade would ${thenText(is.then)} where the plan says ${thenText(was.then)}` });
  }
  return out;
}

function sameDeployed(a: PlanCluster['deployed'], b: PlanCluster['deployed']): boolean {
  return (a === null && b === null) || (a !== null && b !== null && a.version === b.version && a.md5 === b.md5);
}

function deployedText(d: PlanCluster['deployed']): string {
  if (d === null) return 'nothing (no such job)';
  return `version ${d.version ?? '(none)'} (md5 ${d.md5 ?? 'unknown: no source record'})`;
}

function thenText(then: PlanCluster['then']): string {
  return then === 'none' ? 'neither start nor restart it' : `${then} it`;
}

/** The same names in any order: reordering a config's clusters changes nothing a release does. */
function sameList(a: readonly string[], b: readonly string[]): boolean {
  const sorted = [...b].sort();
  return a.length === b.length && [...a].sort().every((x, i) => x === sorted[i]);
}

function list(names: readonly string[]): string {
  return names.length > 0 ? names.join(', ') : '(none)';
}

/** The refusal's text: the count, then each difference on its own line. */
export function staleMessage(file: string, differences: readonly PlanDifference[]): string {
  const count = `${differences.length} difference${differences.length === 1 ? '' : 's'}`;
  return [`the plan ${file} is stale (${count} since it was made); nothing was uploaded:`, ...differences.map((d) => `  ${d.text}`)].join('\n');
}
