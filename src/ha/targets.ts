import { WITH_BAK_POLICIES, type ClusterRole, type Policy } from './policies.js';
import { POLICY_SHAPE } from './policy-shape.js';

/**
 * The HA policy against the release targets (docs/concepts.md "HA policies"): how many non-DR and DR
 * clusters each policy takes, that two non-DR clusters form a declared pair, that DR clusters are
 * only for …WithBak, and that every target accepts the policy. Pure: the caller turns problems
 * into an HA_POLICY error (exit 4).
 */

/** Stable codes; tests and scripts match on them. */
export type PolicyProblemCode =
  | 'DUPLICATE_TARGET'
  | 'DR_NOT_ALLOWED'
  | 'POLICY_NOT_ACCEPTED'
  | 'NON_DR_COUNT'
  | 'DR_COUNT'
  | 'NOT_A_PAIR';

export interface PolicyProblem {
  code: PolicyProblemCode;
  /** Says what is wrong and what to change. */
  message: string;
  /** The cluster the problem is about, when it is about one. */
  cluster?: string;
}

/**
 * The fields of a cluster the check reads; the config's ClusterConfig satisfies it. Spelled out
 * here so the HA rules stay below the config loader, which uses them.
 */
export interface TargetCluster {
  name: string;
  role: ClusterRole;
  policies: readonly Policy[];
}

export type PolicyTargetsResult<C extends TargetCluster> =
  | { ok: true; nonDr: C[]; dr: C[] }
  | { ok: false; problems: PolicyProblem[] };

const COUNT_WORD = ['no', 'exactly one', 'exactly two'] as const;

/** Checks `targets` (in --clusters order) against `policy`; on success splits them by role. */
export function checkPolicyTargets<C extends TargetCluster>(policy: Policy, targets: readonly C[], pairs: ReadonlyArray<readonly [string, string]>): PolicyTargetsResult<C> {
  const problems: PolicyProblem[] = [];
  const shape = POLICY_SHAPE[policy];
  const seen = new Set<string>();
  const unique: C[] = [];
  for (const cluster of targets) {
    if (seen.has(cluster.name)) {
      problems.push({ code: 'DUPLICATE_TARGET', cluster: cluster.name, message: `${cluster.name} is listed twice in --clusters: name each cluster once` });
      continue;
    }
    seen.add(cluster.name);
    unique.push(cluster);
  }

  const nonDr = unique.filter((c) => c.role !== 'dr');
  const dr = unique.filter((c) => c.role === 'dr');
  const withBak = WITH_BAK_POLICIES.includes(policy);

  for (const cluster of unique) {
    if (cluster.role === 'dr' && !withBak) {
      problems.push({
        code: 'DR_NOT_ALLOWED',
        cluster: cluster.name,
        message: `${cluster.name} is a DR cluster; only ${WITH_BAK_POLICIES.join(', ')} may target it: drop ${cluster.name} from --clusters or change the policy`,
      });
    } else if (!cluster.policies.includes(policy)) {
      problems.push({
        code: 'POLICY_NOT_ACCEPTED',
        cluster: cluster.name,
        message: `${cluster.name} does not accept policy ${policy} (it accepts: ${cluster.policies.join(', ') || 'none'}): add ${policy} to clusters.${cluster.name}.policies in the config, or target another cluster`,
      });
    }
  }

  if (nonDr.length !== shape.nonDr) {
    const what = shape.nonDr === 2 ? 'exactly two non-DR clusters that form a declared pair' : 'exactly one non-DR cluster';
    problems.push({ code: 'NON_DR_COUNT', message: `${policy} takes ${what}, got ${nonDr.length}${listed(nonDr)}: ${countFix(nonDr.length, shape.nonDr, 'non-DR')}` });
  }
  if (withBak && dr.length !== shape.dr) {
    problems.push({ code: 'DR_COUNT', message: `${policy} takes ${COUNT_WORD[shape.dr]} DR cluster, got ${dr.length}${listed(dr)}: ${countFix(dr.length, shape.dr, 'DR (role: dr)')}` });
  }

  const [first, second] = nonDr;
  if (shape.needsPair && nonDr.length === 2 && first && second && !isPair(first.name, second.name, pairs)) {
    problems.push({
      code: 'NOT_A_PAIR',
      message: `${policy} needs two clusters that form a declared pair; ${first.name} and ${second.name} are not a pair: pairs: ${formatPairs(pairs)}; target a declared pair, or declare [${first.name}, ${second.name}] under pairs in the config`,
    });
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, nonDr, dr };
}

/** True when `a` and `b` are declared as a pair, in either order. */
export function isPair(a: string, b: string, pairs: ReadonlyArray<readonly [string, string]>): boolean {
  return pairs.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

/** The partners of `cluster` among the declared pairs. */
export function partnersOf(cluster: string, pairs: ReadonlyArray<readonly [string, string]>): string[] {
  return pairs.flatMap(([x, y]) => (x === cluster ? [y] : y === cluster ? [x] : []));
}

function listed(clusters: readonly TargetCluster[]): string {
  return clusters.length > 0 ? ` (${clusters.map((c) => c.name).join(', ')})` : '';
}

function countFix(got: number, want: number, kind: string): string {
  if (got < want) return `add ${want - got === 1 ? 'a' : want - got} ${kind} cluster${want - got === 1 ? '' : 's'} to --clusters or change the policy`;
  return `drop ${got - want} ${kind} cluster${got - want === 1 ? '' : 's'} from --clusters or change the policy`;
}

function formatPairs(pairs: ReadonlyArray<readonly [string, string]>): string {
  return `[${pairs.map(([a, b]) => `[${a}, ${b}]`).join(', ')}]`;
}
