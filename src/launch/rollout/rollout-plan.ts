import { UsageError } from '../../errors.js';
import type { RestoreMode } from '../../restore/restore-mode.js';
import type { StartAction } from '../start-plan.js';

/**
 * The order and the per-cluster steps of a rolling restart. Pure.
 *
 * Order: `--order` when given (exactly the clusters the job starts on), else the order of the
 * config pair holding them, else the order of --clusters. A cluster where the job runs (or is
 * starting) is restarted from the savepoint its stop produces; one where it should run and does
 * not is started restoring from what its configuration says (`latest`) unless --restore named
 * `none` or a path. A resumed rollout skips the clusters it finished, and starts a cluster it
 * already stopped from the savepoint recorded then, without stopping it again.
 */

export type RolloutPhase = 'pending' | 'stopped' | 'started' | 'done';

/** What the journal keeps per cluster, so `--resume` continues from the last step done. */
export interface RolloutClusterState {
  phase: RolloutPhase;
  action?: 'restart' | 'start';
  savepoint?: string | null;
  restoredFrom?: string | null;
  versionBefore?: string | null;
  versionAfter?: string | null;
  stable?: boolean;
  error?: string;
}

/** `no-savepoint`: a cluster stopped earlier without a savepoint, resumed without --restore none or a path. */
export type StepKind = 'skip-done' | 'stop-start' | 'start' | 'start-from-recorded' | 'watch' | 'no-savepoint';

export interface ClusterStep {
  cluster: string;
  kind: StepKind;
  action: 'restart' | 'start';
  /** How the start restores (absent for skip-done and watch). */
  restore?: RestoreMode;
}

export function rolloutOrder(targets: readonly string[], given: readonly string[] | undefined, pairs: ReadonlyArray<readonly [string, string]>, clusters: readonly string[]): string[] {
  if (given && given.length > 0) {
    const same = given.length === targets.length && targets.every((t) => given.includes(t));
    if (!same) throw new UsageError(`--order ${given.join(',')}: name exactly the clusters the job starts on (${targets.join(', ')}), each once`);
    return [...given];
  }
  const pair = pairs.find((p) => targets.every((t) => p.includes(t)));
  const reference = pair ? [...pair] : [...clusters];
  return [...targets].sort((a, b) => reference.indexOf(a) - reference.indexOf(b));
}

/**
 * `actions`: the start plan's word per target (restart: it runs or starts there; start: it does
 * not run there). `running`: whether the job runs there now (for a resumed cluster).
 */
export function rolloutSteps(
  order: readonly string[],
  actions: Readonly<Record<string, StartAction>>,
  mode: RestoreMode,
  previous: Readonly<Record<string, RolloutClusterState>> = {},
  running: Readonly<Record<string, boolean>> = {},
): ClusterStep[] {
  const startMode: RestoreMode = mode.kind === 'none' || mode.kind === 'path' ? mode : { kind: 'latest' };
  return order.map((cluster): ClusterStep => {
    const before = previous[cluster];
    const planned = actions[cluster] === 'start' ? 'start' : 'restart';
    const action = before?.action ?? planned;
    if (before?.phase === 'done') return { cluster, kind: 'skip-done', action };
    if (before && (before.phase === 'stopped' || before.phase === 'started')) {
      if (running[cluster]) return { cluster, kind: 'watch', action };
      if (action === 'start') return { cluster, kind: 'start', action, restore: startMode };
      if (mode.kind !== 'savepoint') return { cluster, kind: 'start', action, restore: mode };
      const recorded = before.savepoint;
      if (recorded) return { cluster, kind: 'start-from-recorded', action, restore: { kind: 'path', path: recorded } };
      return { cluster, kind: 'no-savepoint', action };
    }
    if (planned === 'start') return { cluster, kind: 'start', action, restore: startMode };
    return { cluster, kind: 'stop-start', action, restore: mode };
  });
}
