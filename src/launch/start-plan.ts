import type { Policy } from '../ha/policies.js';
import { startTargets, type ManagerFlags } from '../ha/start-targets.js';
import { isRunning, STATUS, statusName } from '../streamis/status-codes.js';
import type { RelevantClusters } from './job-policy.js';
import type { JobFailure } from './types.js';

/**
 * What `launch` does on each cluster (steps 2, 3 and 5 of the issue): the start targets of the
 * policy table, the double-run guard, and per target whether to start, restart, leave a running
 * job alone, or only wait for a start already under way. Pure.
 */

export type StartAction = 'start' | 'restart' | 'already-running' | 'wait' | 'not-target';

export interface StartPlanInput {
  name: string;
  policy: Policy;
  clusters: RelevantClusters;
  /** getHAMsg whetherManager of the non-DR clusters (managerSlave* only). */
  managerFlags?: ManagerFlags;
  /** The job's current status code on each cluster that has it (0: never ran). */
  statusOf: Readonly<Record<string, number>>;
  restart: boolean;
}

export type StartPlan = { ok: true; actions: Record<string, StartAction>; targets: string[] } | { ok: false; failure: JobFailure };

/** Running, or about to: a job in Starting on a cluster counts as running there for the guard. */
function runsOrStarts(code: number | undefined): boolean {
  return code !== undefined && (isRunning(code) || code === STATUS.STARTING);
}

export function planStarts(input: StartPlanInput): StartPlan {
  const { name, policy, clusters, statusOf } = input;
  const chosen = startTargets(policy, clusters.nonDr, input.managerFlags);
  if ('refusal' in chosen) return { ok: false, failure: { code: 'HA_POLICY', message: `${name}: ${chosen.refusal}` } };
  const targets = new Set(chosen.targets);

  const elsewhere = [...clusters.nonDr, ...clusters.dr, ...clusters.others].filter((c) => !targets.has(c) && runsOrStarts(statusOf[c]));
  if (elsewhere.length > 0) {
    const where = elsewhere.map((c) => `${c} (${statusName(statusOf[c] ?? 0)})`).join(', ');
    const why = clusters.dr.some((c) => elsewhere.includes(c)) || clusters.others.some((c) => elsewhere.includes(c)) ? 'which is not one of its start targets' : 'where its policy says it must not run';
    return {
      ok: false,
      failure: {
        code: 'HA_POLICY',
        message: `${name} (${policy}) already runs on ${where}, ${why}; it starts on ${[...targets].join(', ')}: stop it there first (stms stop ${name} --clusters ${elsewhere.join(',')}), then launch again`,
      },
    };
  }

  const actions: Record<string, StartAction> = {};
  for (const cluster of [...clusters.nonDr, ...clusters.dr, ...clusters.others]) {
    const code = statusOf[cluster];
    if (!targets.has(cluster)) actions[cluster] = 'not-target';
    else if (code !== undefined && isRunning(code)) actions[cluster] = input.restart ? 'restart' : 'already-running';
    else if (code === STATUS.STARTING) actions[cluster] = 'wait';
    else actions[cluster] = 'start';
  }
  return { ok: true, actions, targets: chosen.targets };
}
