import { startsOnManagerOnly } from '../ha/policy-shape.js';
import { STATUS, statusName } from '../streamis/status-codes.js';
import { runConsistencyCheck, withdrawVerdict } from './consistency-step.js';
import { failureOf, type Phase } from './failure.js';
import type { InspectData } from '../streamis/index.js';
import type { ClusterFacts } from './job-facts.js';
import type { LatestSource } from '../streamis/latest-source.js';
import { resolveScope } from './job-scope.js';
import { describeInspect, onEach, summarizeInspect } from './launch-steps.js';
import type { LaunchRecord } from './launch-record.js';
import { executeOnce } from './start-once.js';
import { finishLaunch } from './launch-verdict.js';
import { readManagerFlags } from './manager-flags.js';
import { restartRolling } from './rollout/restart-rolling.js';
import { startWithRestore } from '../restore/restore-start.js';
import type { RestoreMode } from '../restore/restore-mode.js';
import type { Session } from './session.js';
import { planStarts } from './start-plan.js';
import { waitStep } from './wait-step.js';
import { jobName, newResult, type JobEvents, type JobFailure, type JobRef, type JobResult } from './types.js';

/**
 * `stms launch` for one job, in the order of the issue: consistency check, start targets,
 * double-run guard, inspect on every target before any start, start (or restart), wait until
 * running. A step that refuses ends the job before anything starts; once something started,
 * every cluster's outcome is kept and nothing is stopped behind the user's back.
 */

export interface LaunchOptions {
  wait: boolean;
  timeoutMs: number;
  restart: boolean;
  /** What a start restores from; restarts default to the savepoint their stop produced. */
  restore?: RestoreMode;
  /** Stability window of a restart (ms); 0: none. */
  stableMs?: number;
}

export async function launchJob(session: Session, ref: JobRef, options: LaunchOptions, events: JobEvents = {}): Promise<JobResult<LaunchRecord>> {
  const result = newResult<LaunchRecord>(ref);
  const started = Date.now();
  const say = (cluster: string, text: string, done = false) => events.progress?.(ref, cluster, text, done);
  const record = (cluster: string) => result.clusters[cluster] as LaunchRecord;
  // Every server refusal during a launch is a launch failure (7); only unreachable clusters and
  // 5xx are remote failures (5), wherever they happen.
  const phase: Phase = 'start';
  try {
    const scope = await resolveScope(session, ref, { latest: true });
    for (const facts of scope.facts.values()) result.clusters[facts.cluster.name] = baseRecord(facts);
    result.policy = scope.policy;
    if (!scope.ok) {
      // The job's outcome says why (missing, inconsistent, refused); a cluster that has it was refused.
      return finishLaunch(result, { failure: scope.failure, pendingAs: 'refused', outcome: scope.outcome, nothingStarted: true });
    }
    const { policy, clusters, facts } = scope;
    for (const c of [...clusters.dr, ...clusters.others]) record(c).outcome = 'not-target';

    // 1. Consistency: a mismatch starts nothing anywhere.
    const compared = [...clusters.nonDr, ...clusters.dr];
    const { verdict, sources } = await runConsistencyCheck(session, policy, compared, facts);
    for (const c of compared) record(c).check = verdict.clusters[c] ?? 'skipped';
    result.message = verdict.message;
    if (verdict.outcome === 'inconsistent' || verdict.outcome === 'missing') {
      return finishLaunch(result, { failure: { code: 'CONSISTENCY', message: `${jobName(ref)}: ${verdict.message}` }, pendingAs: 'refused', outcome: verdict.outcome, nothingStarted: true });
    }

    // --restart: one cluster at a time, each from the savepoint its own stop produced.
    if (options.restart) {
      const restore = options.restore ?? { kind: 'savepoint' as const };
      return await restartRolling(session, ref, result, { restore, stableMs: options.stableMs ?? 0, timeoutMs: options.timeoutMs }, events);
    }

    // 2-3. Start targets and the double-run guard.
    const managerFlags = startsOnManagerOnly(policy) ? await readManagerFlags(session, clusters.nonDr) : undefined;
    const statusOf = Object.fromEntries([...facts.values()].filter((f) => f.row).map((f) => [f.cluster.name, f.row?.status ?? 0]));
    const plan = planStarts({ name: jobName(ref), policy, clusters, statusOf, restart: options.restart, ...(managerFlags ? { managerFlags } : {}) });
    if (!plan.ok) return finishLaunch(result, { failure: plan.failure, pendingAs: 'refused', nothingStarted: true });
    const targetsOf = (...actions: string[]) => Object.entries(plan.actions).filter(([, a]) => actions.includes(a)).map(([c]) => c);
    for (const c of targetsOf('not-target')) record(c).outcome = 'not-target';
    for (const c of targetsOf('already-running')) {
      Object.assign(record(c), { outcome: 'already-running', statusCode: statusOf[c], status: statusName(statusOf[c] ?? 0) });
      say(c, `already running (${statusName(statusOf[c] ?? 0)})`, true);
    }

    // 4. Inspect every cluster about to start before starting any.
    const toStart = targetsOf('start', 'restart');
    const jobIdOf = (c: string) => facts.get(c)?.row?.id as number;
    const written = new Set(verdict.writes.map((w) => w.cluster));
    const inspected = await onEach(toStart, async (c) => summarizeInspect(await inspectBeforeStart(session, c, jobIdOf(c), written.has(c) ? undefined : facts.get(c)?.latest)));
    const refusals = [];
    for (const step of inspected) {
      if (!step.ok) {
        refusals.push(step.failure);
        Object.assign(record(step.cluster), { outcome: 'refused', message: step.failure.message });
        continue;
      }
      record(step.cluster).inspect = step.value;
      events.progress?.(ref, step.cluster, describeInspect(step.value), false, true);
      const checked = sources[step.cluster]?.version;
      if (written.has(step.cluster) && checked && step.value.version && step.value.version !== checked) {
        // updateContent wrote our verdict to whatever version was latest by then (docs/streamis-contract.md §5.7).
        const withdrawn = await withdrawVerdict(session, step.cluster, jobIdOf(step.cluster), step.value.version, checked);
        const message = `${step.cluster}: ${step.value.version} was uploaded while ${checked} was being checked, so it was never compared; ${withdrawn}: run stms launch again`;
        refusals.push({ code: 'CONSISTENCY' as const, message });
        Object.assign(record(step.cluster), { outcome: 'refused', message });
      } else if (step.value.highAvailable === false) {
        const message = `${step.cluster}: the server's HA check refuses the start: ${step.value.highAvailableMessage ?? '(no message)'}`;
        refusals.push({ code: 'LAUNCH' as const, message });
        Object.assign(record(step.cluster), { outcome: 'refused', message });
      }
    }
    if (refusals.length > 0) return finishLaunch(result, { failures: refusals, pendingAs: 'refused', nothingStarted: true });

    // 5. Restart (savepoint, stop) then start, on every target at once. A cluster whose stop
    // failed keeps running what it ran; the others are started, so none is left stopped by us.
    const failures: JobFailure[] = [];
    const stopped = await onEach(targetsOf('restart'), async (c) => (await session.client(c).stop({ jobId: jobIdOf(c), snapshot: true, skipHookError: false })).path);
    for (const s of stopped) {
      if (s.ok) {
        record(s.cluster).restarted = true;
        if (s.value) record(s.cluster).savepoint = s.value;
        say(s.cluster, `stopped for restart${s.value ? `, savepoint ${s.value}` : ''}`);
        continue;
      }
      const message = `stop before restart failed: ${s.failure.message}`;
      failures.push({ ...s.failure, message: `${s.cluster}: ${message}` });
      Object.assign(record(s.cluster), { outcome: 'failed', message });
    }
    const startNow = toStart.filter((c) => record(c).outcome !== 'failed');
    const restore = options.restore;
    const executed = await onEach(startNow, async (c) => {
      // --restore none or a path: written into the job's configuration for this start only.
      if (restore && (restore.kind === 'none' || restore.kind === 'path')) {
        await startWithRestore({ client: session.client(c), stateDir: session.config.stateDir, cluster: c, jobId: jobIdOf(c), project: ref.project, job: ref.job }, restore);
        return { recovered: false };
      }
      return await executeOnce(session.client(c), jobIdOf(c), {
        settleMs: session.config.timeouts.settleMs,
        signal: session.signal,
        onLooking: (reason) => say(c, `the answer to the start was lost (${reason}); looking whether the job started`, true),
      });
    });
    for (const e of executed) {
      if (e.ok) {
        const note = e.value.recovered ? 'the answer to the start was lost; its new task shows it started' : undefined;
        Object.assign(record(e.cluster), { outcome: 'started', statusCode: STATUS.STARTING, status: statusName(STATUS.STARTING), ...(note ? { message: note } : {}) });
        say(e.cluster, note ? `started (${note})` : 'started', !options.wait);
      } else {
        failures.push(e.failure);
        Object.assign(record(e.cluster), { outcome: e.failure.code === 'LAUNCH' ? 'refused' : 'failed', message: e.failure.message });
        say(e.cluster, `start failed: ${e.failure.message}`, true);
      }
    }
    for (const c of targetsOf('wait')) Object.assign(record(c), { outcome: 'started', statusCode: STATUS.STARTING, status: statusName(STATUS.STARTING), message: 'was already starting' });

    // 6. Wait until running; the job's slot goes to the next job meanwhile.
    const waiting = Object.entries(result.clusters).filter(([, r]) => r.outcome === 'started').map(([cluster]) => ({ cluster, jobId: jobIdOf(cluster) }));
    if (options.wait && waiting.length > 0) {
      events.releaseSlot?.();
      failures.push(...(await waitStep(session, result, waiting, options.timeoutMs, say)));
    }
    return finishLaunch(result, { failures, pendingAs: 'failed' });
  } catch (error) {
    return finishLaunch(result, { failure: failureOf(error, phase), pendingAs: 'failed' });
  } finally {
    result.elapsedMs = Date.now() - started;
  }
}

/**
 * What inspect says now. Where the check wrote no verdict, the inspect read with the policy is
 * still what the server would answer (nothing was changed since), so it is not asked twice.
 */
async function inspectBeforeStart(session: Session, cluster: string, jobId: number, earlier: Promise<LatestSource> | undefined): Promise<InspectData> {
  const latest = earlier ? await earlier : undefined;
  if (latest?.inspect) return latest.inspect;
  if (latest?.refusal) throw latest.refusal;
  return session.client(cluster).inspect(jobId);
}

function baseRecord(facts: ClusterFacts): LaunchRecord {
  if (!facts.row) return { outcome: facts.present ? 'pending' : 'missing' };
  return { outcome: 'pending', jobId: facts.row.id, version: facts.row.lastVersion ?? null };
}
