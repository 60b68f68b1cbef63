import type { StandbyConfig } from '../config/load.js';
import { StmsError } from '../errors.js';
import { failureOf } from '../launch/failure.js';
import { declaredPolicy } from '../launch/job-facts.js';
import { summarizeInspect } from '../launch/launch-steps.js';
import { editEnabled, startRefusal } from '../launch/rollout/preflight.js';
import { watchStable } from '../launch/rollout/stability.js';
import type { Session } from '../launch/session.js';
import { jobName, newResult, type ClusterRecord, type JobEvents, type JobRef, type JobResult } from '../launch/types.js';
import { startWithRestore, undoLeftover, type RestoreTarget } from '../restore/restore-start.js';
import type { HdfsReader } from '../standby/hdfs-reader.js';
import { compareCopy, completeStates, type FlinkStateFound } from '../standby/job-states.js';
import { readJobStates } from '../standby/read-job-states.js';
import { hdfsUri } from '../standby/roots.js';
import { hasStandbyCopy } from '../standby/standby-verdict.js';
import { isRunning, statusName } from '../streamis/status-codes.js';
import { formatDuration } from '../util/duration.js';
import type { SwitchoverJournal } from './journal.js';

/**
 * One job's switchover from A (the old manager) to B (the new one), after the manager check
 * (manager-check.ts): read the job on B (and on A when it answers); refuse a job that is not
 * managerSlave…, that runs on both, whose standby copy is missing or older than the max age
 * (unless accepted), or that B would refuse to start (inspect's HA verdict, editEnable) — all
 * before anything is stopped. Then stop it on A with a savepoint when it runs there (planned),
 * start it on B from the newest complete state of B's copy root (or the path given) with the
 * same "start from this state" as upgrades (the savepoint path set, the start, the configuration
 * put back), and wait until it runs and stays up. Each step goes to the journal first.
 */

export interface SwitchoverRecord extends ClusterRecord {
  role: 'from' | 'to';
  status?: string | null;
  savepoint?: string | null;
  restoredFrom?: string | null;
}

export interface SwitchoverOptions {
  from: string;
  to: string;
  /** A did not answer the manager check: nothing is asked of it. */
  fromDown: boolean;
  reason: string | undefined;
  /** `--restore PATH` (an hdfs:// URI); undefined: the newest complete state of B's copy root. */
  restorePath: string | undefined;
  maxAgeMs: number;
  acceptAge: boolean;
  stableMs: number;
  timeoutMs: number;
  roots: StandbyConfig;
  reader(cluster: string): HdfsReader;
  journal: SwitchoverJournal;
  outsideWindow: string | undefined;
  now(): number;
}

interface JobOn {
  id: number;
  status: number;
  policy: string | null;
  editEnable: boolean;
}

export async function switchoverJob(session: Session, ref: JobRef, o: SwitchoverOptions, events: JobEvents = {}): Promise<JobResult<SwitchoverRecord>> {
  const result = newResult<SwitchoverRecord>(ref);
  const started = Date.now();
  const name = jobName(ref);
  const say = (cluster: string, text: string, done = false) => events.progress?.(ref, cluster, text, done);
  const journal = (change: Record<string, unknown>) => o.journal.record(name, change);
  const fields: Record<string, unknown> = { from: o.from, to: o.to, ranOn: null, savepoint: null, state: null, ...(o.reason ? { unplanned: true, reason: o.reason } : {}), ...(o.outsideWindow ? { outsideWindow: o.outsideWindow } : {}) };
  result.fields = fields;
  result.clusters[o.from] = { outcome: o.fromDown ? 'unreachable' : 'pending', role: 'from' };
  result.clusters[o.to] = { outcome: 'pending', role: 'to' };
  const a = result.clusters[o.from] as SwitchoverRecord;
  const b = result.clusters[o.to] as SwitchoverRecord;
  const refuse = (code: StmsError['code'], message: string) => {
    result.outcome = 'refused';
    for (const r of [a, b]) if (r.outcome === 'pending') r.outcome = 'untouched';
    result.failure = { code, message: `${name}: ${message}; nothing was changed` };
    return result;
  };
  try {
    const onB = await readJob(session, o.to, ref);
    const onA = o.fromDown ? undefined : await readJob(session, o.from, ref);
    if (!onB) return refuse('CONSISTENCY', `it is not on ${o.to}: release it there first`);
    b.status = statusName(onB.status);
    if (onA) a.status = statusName(onA.status);
    if (!hasStandbyCopy(onB.policy)) return refuse('HA_POLICY', `its policy is ${onB.policy ?? 'single'}: a switchover moves managerSlave jobs only`);
    if (onA && onA.policy !== onB.policy) return refuse('CONSISTENCY', `it declares policy ${onA.policy ?? 'single'} on ${o.from} and ${onB.policy ?? 'single'} on ${o.to}`);
    result.policy = onB.policy;
    const runsOnA = onA !== undefined && isRunning(onA.status);
    const runsOnB = isRunning(onB.status);
    fields.ranOn = runsOnA ? o.from : runsOnB ? o.to : o.fromDown ? 'unknown' : null;
    if (runsOnA && runsOnB) return refuse('HA_POLICY', `it runs on both ${o.from} and ${o.to}: stop the copy that must not run first`);
    if (runsOnB) {
      result.outcome = 'already-switched';
      a.outcome = a.outcome === 'pending' ? 'not-running' : a.outcome;
      b.outcome = 'running';
      result.message = `it already runs on ${o.to}`;
      await journal({ outcome: result.outcome });
      return result;
    }

    // The state B starts from, and everything that could refuse that start, before any stop.
    const state = await chooseState(o, ref, onB.policy, !o.fromDown);
    if ('refusal' in state) return refuse('CONSISTENCY', state.refusal);
    fields.state = { path: state.uri, ageSeconds: state.ageMs === null ? null : Math.round(state.ageMs / 1000), from: state.from };
    const target: RestoreTarget = { client: session.client(o.to), stateDir: session.config.stateDir, cluster: o.to, jobId: onB.id, project: ref.project, job: ref.job };
    const leftover = await undoLeftover(target);
    if (leftover?.error) return refuse('LAUNCH', `a savepoint path an interrupted run wrote into its configuration on ${o.to} could not be removed: ${leftover.error}`);
    const inspect = summarizeInspect(await session.client(o.to).inspect(onB.id));
    const refusal = startRefusal(o.to, name, inspect, onB.editEnable, true);
    if (refusal) return refuse(refusal.code, refusal.message.replace(/; nothing was stopped.*$/, ''));
    await journal({ from: o.from, to: o.to, state: fields.state, ranOn: fields.ranOn, ...(o.reason ? { unplanned: true, reason: o.reason } : {}) });

    if (runsOnA && onA) {
      say(o.from, 'stopping with a savepoint');
      let path: string | undefined;
      try {
        ({ path } = await session.client(o.from).stop({ jobId: onA.id, snapshot: true, skipHookError: false }));
      } catch (error) {
        const failure = failureOf(error, 'action');
        a.outcome = 'running';
        return refuse(failure.code === 'LAUNCH' ? 'REMOTE' : failure.code, `the stop with a savepoint on ${o.from} failed, it still runs there: ${failure.message}`);
      }
      a.outcome = 'stopped';
      a.savepoint = path && path.trim() !== '' ? path : null;
      fields.savepoint = a.savepoint;
      await journal({ stoppedOn: o.from, savepoint: a.savepoint });
      say(o.from, `stopped, savepoint ${a.savepoint ?? 'none'} (on ${o.from}'s HDFS)`, true);
    } else if (a.outcome === 'pending') {
      a.outcome = 'not-running';
    }

    const stoppedNote = a.outcome === 'stopped' ? `; it is stopped on ${o.from} (savepoint ${a.savepoint ?? 'none'})` : '';
    const fail = async (code: StmsError['code'], message: string) => {
      result.outcome = 'failed';
      result.failure = { code, message: `${name}: ${message}${stoppedNote}` };
      await journal({ outcome: 'failed', error: result.failure.message });
      return result;
    };
    say(o.to, `starting from ${state.uri}`);
    try {
      const startedOn = await startWithRestore(target, { kind: 'path', path: state.uri });
      b.restoredFrom = startedOn.restoredFrom;
      await journal({ startedOn: o.to, restoredFrom: startedOn.restoredFrom });
    } catch (error) {
      b.outcome = 'failed';
      const failure = failureOf(error, 'start');
      return await fail(failure.code, `the start on ${o.to} failed: ${failure.message}`);
    }
    const settled = await session.poller(o.to).wait(onB.id, Date.now() + o.timeoutMs, (code) => say(o.to, statusName(code)));
    b.status = statusName(settled.statusCode);
    if (settled.kind !== 'running') {
      b.outcome = 'failed';
      if (settled.kind === 'interrupted') return await fail('INTERRUPTED', `interrupted while waiting for it to run on ${o.to}`);
      return await fail('LAUNCH', `on ${o.to} it ${settled.kind === 'ended' ? `ended ${statusName(settled.statusCode)}${settled.message ? `: ${settled.message}` : ''}` : `is not running after ${formatDuration(o.timeoutMs)}`}`);
    }
    if (o.stableMs > 0) {
      say(o.to, `running; watching it for ${formatDuration(o.stableMs)}`);
      const verdict = await watchStable(session, o.to, onB.id, o.stableMs);
      if (!verdict.ok) {
        b.outcome = 'failed';
        return await fail('LAUNCH', `on ${o.to} it did not stay up for ${formatDuration(o.stableMs)}: ${verdict.reason}`);
      }
    }
    b.outcome = 'running';
    b.status = 'running';
    result.outcome = 'switched';
    result.message = `runs on ${o.to} from ${state.uri}${state.ageMs === null ? '' : ` (${formatDuration(state.ageMs)} old)`}`;
    say(o.to, 'running', true);
    await journal({ outcome: 'switched' });
    return result;
  } catch (error) {
    result.outcome = 'failed';
    result.failure = failureOf(error, 'read');
    for (const r of [a, b]) if (r.outcome === 'pending') r.outcome = 'untouched';
    return result;
  } finally {
    result.elapsedMs = Date.now() - started;
  }
}

async function readJob(session: Session, cluster: string, ref: JobRef): Promise<JobOn | undefined> {
  const client = session.client(cluster);
  const row = await client.findJob(ref.project, ref.job);
  if (!row) return undefined;
  const config = await client.jobConfig(row.id);
  return { id: row.id, status: row.status ?? 0, policy: declaredPolicy(config), editEnable: editEnabled(config) };
}

type ChosenState = { uri: string; ageMs: number | null; from: 'standby-copy' | 'restore' } | { refusal: string };

/** The newest complete copy on B that matches its source on A (when A answers), within the max age. */
async function chooseState(o: SwitchoverOptions, ref: JobRef, policy: string | null, compare: boolean): Promise<ChosenState> {
  if (o.restorePath !== undefined) return { uri: o.restorePath, ageMs: null, from: 'restore' };
  const copies = completeStates(await readJobStates(o.reader(o.to), o.roots.copyRoot, policy, ref.project, ref.job));
  let sources: FlinkStateFound[] | undefined;
  if (compare) {
    try {
      sources = await readJobStates(o.reader(o.from), o.roots.checkpointRoot, policy, ref.project, ref.job);
    } catch {
      sources = undefined;
    }
  }
  const usable = copies.find((copy) => {
    const source = sources?.find((s) => s.key === copy.key && s.complete);
    return !source || compareCopy(copy, source) === undefined;
  });
  if (!usable) {
    return { refusal: copies.length === 0 ? `${o.to}'s standby copy holds no complete checkpoint or savepoint: pass --restore <hdfs:// path> to start from another state` : `every complete copy on ${o.to} differs from its source on ${o.from} (a half-finished copy): pass --restore <hdfs:// path>` };
  }
  const source = sources?.find((s) => s.key === usable.key && s.complete);
  const ageMs = Math.max(0, o.now() - (source?.time ?? usable.time));
  if (ageMs > o.maxAgeMs && !o.acceptAge) {
    return { refusal: `the newest usable standby copy ${usable.path} is ${formatDuration(ageMs)} old, more than --max-age ${formatDuration(o.maxAgeMs)}: starting from it replays or loses that much; pass --accept-age to start from it anyway` };
  }
  return { uri: hdfsUri(usable.path), ageMs, from: 'standby-copy' };
}
