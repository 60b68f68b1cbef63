import type { ClusterConfig, Config } from '../config/load.js';
import type { Policy } from '../ha/policies.js';
import { startsOnManagerOnly } from '../ha/policy-shape.js';
import { relevantClusters } from '../launch/job-policy.js';
import { readManagerFlags } from '../launch/manager-flags.js';
import { createSession } from '../launch/session.js';
import { planStarts, type StartAction } from '../launch/start-plan.js';
import type { Redactor } from '../util/redact.js';
import type { PlanThen } from './plan-file.js';

/**
 * What `upgrade` would do on each target after its release, as its rollout decides it: the start
 * plan of the job's policy over the targets (every target has the job once released), with the
 * status of the job's latest task on each cluster now and, for managerSlave*, which cluster says
 * it is the manager. A target the job starts on is `restart`ed where the job runs (or is
 * starting) and `start`ed where it does not; every other target is `none` (a DR cluster, the
 * slave of a managerSlave job). When upgrade would refuse to start the job at all (it runs where
 * its policy says it must not), every target is `none` and `refusal` says why.
 */

export interface UpgradeThen {
  then: Record<string, PlanThen>;
  refusal: string | null;
}

export interface ThenFacts {
  name: string;
  policy: Policy;
  targets: readonly ClusterConfig[];
  pairs: ReadonlyArray<readonly [string, string]>;
  /** The status code of the job's latest task per target that has the job (0: never ran). */
  statusOf: Readonly<Record<string, number>>;
  managerFlags?: Readonly<Record<string, boolean | undefined>>;
}

/** Pure: the start plan of `upgrade` turned into one word per target. */
export function thenOf(facts: ThenFacts): UpgradeThen {
  const none = (refusal: string): UpgradeThen => ({ then: Object.fromEntries(facts.targets.map((t) => [t.name, 'none' as const])), refusal });
  const present = new Set(facts.targets.map((t) => t.name));
  const relevant = relevantClusters(facts.name, facts.policy, facts.targets, present, facts.pairs);
  if (!relevant.ok) return none(relevant.failure.message);
  const plan = planStarts({ name: facts.name, policy: facts.policy, clusters: relevant.clusters, statusOf: facts.statusOf, restart: true, ...(facts.managerFlags ? { managerFlags: facts.managerFlags } : {}) });
  if (!plan.ok) return none(plan.failure.message);
  return { then: Object.fromEntries(facts.targets.map((t) => [t.name, word(plan.actions[t.name])])), refusal: null };
}

/** The rollout restarts every start target except one where the job does not run (rollout-plan.ts). */
function word(action: StartAction | undefined): PlanThen {
  if (action === undefined || action === 'not-target') return 'none';
  return action === 'start' ? 'start' : 'restart';
}

export interface ThenRequest {
  config: Config;
  targets: readonly ClusterConfig[];
  project: string;
  job: string;
  policy: Policy;
  signal: AbortSignal;
  trace?: ((line: string) => void) | undefined;
  secrets?: Redactor | undefined;
}

/** Reads the job's status on each target (and the manager flags when the policy needs them). */
export async function readUpgradeThen(req: ThenRequest): Promise<UpgradeThen> {
  const session = createSession(req.config, req.targets, { signal: req.signal, trace: req.trace, secrets: req.secrets });
  try {
    const rows = await Promise.all(req.targets.map(async (t) => [t.name, await session.client(t.name).findJob(req.project, req.job)] as const));
    const statusOf = Object.fromEntries(rows.flatMap(([name, row]) => (row ? [[name, row.status ?? 0]] : [])));
    const nonDr = req.targets.filter((t) => t.role !== 'dr').map((t) => t.name);
    const managerFlags = startsOnManagerOnly(req.policy) ? await readManagerFlags(session, nonDr) : undefined;
    return thenOf({ name: `${req.project}/${req.job}`, policy: req.policy, targets: req.targets, pairs: req.config.pairs, statusOf, ...(managerFlags ? { managerFlags } : {}) });
  } finally {
    await session.close();
  }
}
