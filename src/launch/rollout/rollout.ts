import { errorMessage, StmsError } from '../../errors.js';
import { startsOnManagerOnly } from '../../ha/policy-shape.js';
import { failureOf } from '../failure.js';
import { resolveScope } from '../job-scope.js';
import { readManagerFlags } from '../manager-flags.js';
import { summarizeInspect, type InspectSummary } from '../launch-steps.js';
import type { Session } from '../session.js';
import { planStarts } from '../start-plan.js';
import { jobName, type JobFailure, type JobRef } from '../types.js';
import { startWithRestore, undoLeftover, type RestoreTarget } from '../../restore/restore-start.js';
import { describeRestore, type RestoreMode } from '../../restore/restore-mode.js';
import { isRunning, STATUS, statusName } from '../../streamis/status-codes.js';
import { formatDuration } from '../../util/duration.js';
import { editEnabled, startRefusal } from './preflight.js';
import { rolloutOrder, rolloutSteps, type ClusterStep, type RolloutClusterState } from './rollout-plan.js';
import { watchStable } from './stability.js';

/**
 * The rolling restart of one job (used by `upgrade`, and by whatever else restarts a job on its
 * clusters one at a time, such as a rollback): on each cluster in turn, stop with a savepoint,
 * start restoring from exactly that savepoint, wait until it runs and stays up for the stability
 * window, then the next cluster. Everything that could refuse a start is checked on every
 * cluster before the first stop. The first step that fails ends the rollout: the result says per
 * cluster what runs and which savepoint was taken, and `record` has kept every step, so a resume
 * (`previous`) continues from the last one done.
 */

export interface RolloutOptions {
  session: Session;
  ref: JobRef;
  /** How the restarts restore (`savepoint`: from the savepoint each stop produced). */
  restore: RestoreMode;
  /** Stability window after running (ms); 0: none. */
  stableMs: number;
  /** How long a start may take to reach running (ms). */
  timeoutMs: number;
  /** `--order`: the clusters in the order to restart; default the config pair's order. */
  order?: readonly string[];
  /** The state folder: the journal of configuration edits in flight lives there. */
  stateDir: string;
  /** A resumed rollout: what the journal recorded per cluster. */
  previous?: Readonly<Record<string, RolloutClusterState>>;
  /** Persists one cluster's state before the rollout goes on (the journal). */
  record?(cluster: string, state: RolloutClusterState): Promise<void>;
}

export interface RolloutEvents {
  progress?(cluster: string, text: string, done?: boolean): void;
}

export interface RolloutClusterResult extends RolloutClusterState {
  /** The status word when the rollout ended (`running`, `stopped`, `failure` …). */
  status?: string;
  /** The status code the job had there before the rollout (0: never ran). */
  statusBefore?: number;
  message?: string;
}

export interface RolloutResult {
  project: string;
  job: string;
  policy: string | null;
  /** The clusters in the order they were (to be) restarted. */
  order: string[];
  clusters: Record<string, RolloutClusterResult>;
  /** The cluster where the rollout stopped, when a step failed. */
  stoppedAt?: string;
  failure?: JobFailure;
}

export async function runRollout(options: RolloutOptions, events: RolloutEvents = {}): Promise<RolloutResult> {
  const { session, ref } = options;
  const name = jobName(ref);
  const say = (cluster: string, text: string, done = false) => events.progress?.(cluster, text, done);
  const result: RolloutResult = { project: ref.project, job: ref.job, policy: null, order: [], clusters: {} };
  const state = (cluster: string) => result.clusters[cluster] as RolloutClusterResult;
  const save = async (cluster: string, change: Partial<RolloutClusterResult>) => {
    Object.assign(state(cluster), change);
    const { status: _status, message: _message, statusBefore: _before, ...kept } = state(cluster);
    await options.record?.(cluster, kept);
  };

  let current: string | undefined;
  try {
    const scope = await resolveScope(session, ref);
    result.policy = scope.policy;
    if (!scope.ok) return { ...result, failure: scope.failure };
    const { facts, policy, clusters } = scope;
    const managerFlags = startsOnManagerOnly(policy) ? await readManagerFlags(session, clusters.nonDr) : undefined;
    const statusOf = Object.fromEntries([...facts.values()].filter((f) => f.row).map((f) => [f.cluster.name, f.row?.status ?? 0]));
    const plan = planStarts({ name, policy, clusters, statusOf, restart: true, ...(managerFlags ? { managerFlags } : {}) });
    if (!plan.ok) return { ...result, failure: plan.failure };
    const order = rolloutOrder(plan.targets, options.order, session.config.pairs, session.clusters.map((c) => c.name));
    result.order = order;
    const running = Object.fromEntries(order.map((c) => [c, isRunning(statusOf[c] ?? 0)]));
    const steps = rolloutSteps(order, plan.actions, options.restore, options.previous, running);
    const jobIdOf = (c: string) => facts.get(c)?.row?.id as number;
    const target = (c: string): RestoreTarget => ({ client: session.client(c), stateDir: options.stateDir, cluster: c, jobId: jobIdOf(c), project: ref.project, job: ref.job });
    for (const step of steps) {
      const before = options.previous?.[step.cluster];
      result.clusters[step.cluster] = { ...(before ?? { phase: 'pending' }), action: step.action, status: statusName(statusOf[step.cluster] ?? 0), statusBefore: statusOf[step.cluster] ?? 0 };
      delete state(step.cluster).error;
    }

    // A savepoint path an interrupted run left in a configuration goes first: it would make the
    // checks below (and any start) restore from a stale savepoint.
    for (const c of order) {
      current = c;
      const undone = await undoLeftover(target(c));
      if (undone?.error) throw new StmsError('LAUNCH', `${c}: the configuration edit an interrupted run left on ${name} could not be undone: ${undone.error}`);
      if (undone && undone.undone.length > 0) say(c, `undid the configuration edit an interrupted run left (${undone.undone.join(', ')})`);
    }
    current = undefined;

    // Every cluster that will start the job, checked before anything is stopped.
    const inspected: Record<string, InspectSummary> = {};
    const refusals: Array<{ cluster: string; failure: JobFailure }> = [];
    for (const step of steps.filter((s) => s.kind !== 'skip-done' && s.kind !== 'watch')) {
      const c = step.cluster;
      try {
        const [inspect, config] = await Promise.all([session.client(c).inspect(jobIdOf(c)), session.client(c).jobConfig(jobIdOf(c))]);
        inspected[c] = summarizeInspect(inspect);
        // What runs there before any step: the version of its latest task, when that task is up.
        if (state(c).versionBefore === undefined) state(c).versionBefore = isRunning(statusOf[c] ?? 0) ? inspected[c].lastVersion : null;
        const needsEdit = step.kind === 'stop-start' ? step.restore?.kind !== 'latest' : step.restore !== undefined && step.restore.kind !== 'latest';
        const refusal = startRefusal(c, name, inspected[c], editEnabled(config), needsEdit);
        if (refusal) refusals.push({ cluster: c, failure: refusal });
      } catch (error) {
        const failure = failureOf(error, 'start');
        refusals.push({ cluster: c, failure: { ...failure, message: `${c}: ${failure.message}; nothing was stopped` } });
      }
      if (step.kind === 'no-savepoint') {
        refusals.push({ cluster: c, failure: { code: 'LAUNCH', message: `${c}: ${name} was stopped by an earlier run without a savepoint; start it with --restore none or --restore <hdfs:// path>` } });
      }
    }
    if (refusals.length > 0) {
      // The HA verdict first: it is what the user must fix before anything else (exit 4).
      const worst = (refusals.find((r) => r.failure.code === 'HA_POLICY') ?? refusals[0])?.failure as JobFailure;
      for (const r of refusals) state(r.cluster).message = r.failure.message;
      return { ...result, failure: { ...worst, message: refusals.map((r) => r.failure.message).join('; ') } };
    }

    for (const step of steps) {
      current = step.cluster;
      if (step.kind === 'skip-done') {
        say(step.cluster, 'done by an earlier run', true);
        continue;
      }
      const failure = await rollOne(options, step, inspected[step.cluster], jobIdOf(step.cluster), target(step.cluster), state(step.cluster), save, (text, done) => say(step.cluster, text, done));
      if (failure) {
        result.stoppedAt = step.cluster;
        return { ...result, failure };
      }
    }
    current = undefined;
    return result;
  } catch (error) {
    const failure = failureOf(error, 'start');
    if (current) {
      result.stoppedAt = current;
      if (result.clusters[current]) state(current).message = failure.message;
    }
    return { ...result, failure };
  }
}

/** One cluster's stop, start, wait and window. Returns the failure that ends the rollout. */
async function rollOne(
  options: RolloutOptions,
  step: ClusterStep,
  inspect: InspectSummary | undefined,
  jobId: number,
  target: RestoreTarget,
  record: RolloutClusterResult,
  save: (cluster: string, change: Partial<RolloutClusterResult>) => Promise<void>,
  say: (text: string, done?: boolean) => void,
): Promise<JobFailure | undefined> {
  const { session } = options;
  const c = step.cluster;
  const name = jobName(options.ref);
  const fail = async (failure: JobFailure, status: string): Promise<JobFailure> => {
    await save(c, { error: failure.message });
    Object.assign(record, { status, message: failure.message });
    say(`failed: ${failure.message}`, true);
    return failure;
  };

  if (step.kind !== 'watch') {
    let savepoint: string | undefined;
    if (step.kind === 'stop-start') {
      let path: string | undefined;
      try {
        ({ path } = await session.client(c).stop({ jobId, snapshot: true, skipHookError: false }));
      } catch (error) {
        const failure = failureOf(error, 'action');
        // The server failed the stop (exit 5); the job runs as before there.
        const code = failure.code === 'LAUNCH' ? 'REMOTE' : failure.code;
        return fail({ ...failure, code, message: `${c}: the stop with a savepoint failed, ${name} still runs there as before: ${failure.message}` }, 'running');
      }
      savepoint = path && path.trim() !== '' ? path : undefined;
      await save(c, { phase: 'stopped', savepoint: savepoint ?? null });
      say(`stopped, savepoint ${savepoint ?? 'none'}`);
      if (!savepoint && options.restore.kind === 'savepoint') {
        return fail(
          {
            code: 'LAUNCH',
            message: `${c}: the stop returned no savepoint path, so ${name} is left stopped there: start it with stms upgrade … --resume (or stms launch) and --restore none (a fresh start) or --restore <hdfs:// path>`,
          },
          'stopped',
        );
      }
    }
    const restore = step.restore ?? options.restore;
    try {
      const started = await startWithRestore(target, restore, savepoint);
      await save(c, { phase: 'started', restoredFrom: started.restoredFrom, versionAfter: inspect?.version ?? null });
      const undoNote = started.undo?.error ? `; the savepoint path could not be removed from its configuration yet (${started.undo.error}), the next run removes it` : '';
      say(`started (${describeRestore(restore)}${started.restoredFrom ? `: ${started.restoredFrom}` : ''})${undoNote}`);
    } catch (error) {
      const failure = failureOf(error, 'start');
      const left = step.kind === 'stop-start' || record.phase === 'stopped' ? `; ${name} is stopped there (savepoint ${record.savepoint ?? 'none'})` : '';
      return fail({ ...failure, message: `${c}: the start failed: ${failure.message}${left}` }, 'stopped');
    }

    const deadline = Date.now() + options.timeoutMs;
    const settled = await session.poller(c).wait(jobId, deadline, (code) => say(statusName(code)));
    if (settled.kind === 'interrupted') return fail({ code: 'INTERRUPTED', message: `interrupted while waiting for ${name} to run on ${c}` }, statusName(settled.statusCode));
    if (settled.kind !== 'running') {
      const why = await serverError(session, c, jobId, settled.kind === 'ended' ? settled.message : undefined);
      const what = settled.kind === 'ended' ? `ended ${statusName(settled.statusCode)} instead of running` : `is not running after ${formatDuration(options.timeoutMs)} (still ${statusName(settled.statusCode)})`;
      return fail({ code: 'LAUNCH', message: `${c}: ${name} ${what}${why ? `: ${why}` : ''}` }, statusName(settled.statusCode));
    }
    say('running');
  }

  if (options.stableMs > 0) {
    say(`running; watching it for ${formatDuration(options.stableMs)}`);
    const verdict = await watchStable(session, c, jobId, options.stableMs);
    if (!verdict.ok) {
      await save(c, { stable: false });
      return fail({ code: 'LAUNCH', message: `${c}: ${name} did not stay up for ${formatDuration(options.stableMs)}: ${verdict.reason}` }, statusName(verdict.statusCode));
    }
  }
  await save(c, { phase: 'done', stable: true });
  record.status = statusName(STATUS.RUNNING);
  say(options.stableMs > 0 ? `running, stable for ${formatDuration(options.stableMs)}` : 'running', true);
  return undefined;
}

async function serverError(session: Session, cluster: string, jobId: number, fallback: string | undefined): Promise<string | undefined> {
  try {
    return (await session.client(cluster).errorMessage(jobId))?.errDesc ?? fallback;
  } catch (error) {
    return fallback ?? `(the error could not be read: ${errorMessage(error)})`;
  }
}
