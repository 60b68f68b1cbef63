import type { StandbyConfig } from '../config/load.js';
import { failureOf } from '../launch/failure.js';
import { readJobFacts } from '../launch/job-facts.js';
import { resolvePolicy } from '../launch/job-policy.js';
import type { Session } from '../launch/session.js';
import { jobName, newResult, type ClusterRecord, type JobRef, type JobResult } from '../launch/types.js';
import { isRunning, statusName } from '../streamis/status-codes.js';
import type { HdfsReader } from './hdfs-reader.js';
import type { FlinkStateFound } from './job-states.js';
import { readJobStates } from './read-job-states.js';
import { standbyVerdict, hasStandbyCopy, type StateAge } from './standby-verdict.js';

/**
 * `stms standby` for one job (docs/commands/standby.md): where it runs (read from both clusters,
 * tolerating one that does not answer), its newest complete state on the manager's checkpoint
 * root and on the standby's copy root, and the verdict. Read-only. What it finds (stale, …) is
 * not a failure of the job: the command's exit says it once every job was looked at.
 */

export interface StandbyRecord extends ClusterRecord {
  role: 'manager' | 'standby';
  status: string | null;
  running: boolean;
  /** The newest complete state found there (the manager's own, or the standby's copy). */
  state: string | null;
  ageSeconds: number | null;
}

export interface StandbyJobOptions {
  manager: string;
  standby: string;
  roots: StandbyConfig;
  maxAgeMs: number;
  /** The HDFS reader of a cluster, shared by the jobs of the run. */
  reader(cluster: string): HdfsReader;
  now(): number;
}

export async function standbyJob(session: Session, ref: JobRef, options: StandbyJobOptions): Promise<JobResult<StandbyRecord>> {
  const result = newResult<StandbyRecord>(ref);
  const started = Date.now();
  const { manager, standby } = options;
  const name = jobName(ref);
  try {
    const facts = await readJobFacts(session, ref, { policy: true, tolerate: true });
    const present = [...facts.values()].filter((f) => f.present);
    const unread = [...facts.values()].find((f) => f.error !== undefined);
    if (present.length === 0) {
      result.outcome = unread ? 'failed' : 'missing';
      result.failure = unread ? failureOf(unread.error, 'read') : { code: 'CONSISTENCY', message: `${name} is not on ${manager} nor on ${standby}: check the project and job names` };
      return result;
    }
    const policy = resolvePolicy(name, present.map((f) => ({ cluster: f.cluster.name, raw: f.policyRaw ?? null })));
    if (!policy.ok) {
      result.outcome = 'failed';
      result.failure = policy.failure;
      return result;
    }
    result.policy = policy.policy;
    const record = (cluster: string, role: 'manager' | 'standby'): StandbyRecord => {
      const f = facts.get(cluster);
      const code = f?.row?.status ?? null;
      return {
        outcome: f?.error !== undefined ? 'unread' : f?.present ? 'present' : 'missing',
        role,
        status: code === null ? null : statusName(code),
        running: code !== null && isRunning(code),
        state: null,
        ageSeconds: null,
        ...(f?.error !== undefined ? { message: failureOf(f.error, 'read').message } : {}),
      };
    };
    result.clusters[manager] = record(manager, 'manager');
    result.clusters[standby] = record(standby, 'standby');
    const runsOn = [manager, standby].filter((c) => result.clusters[c]?.running);
    if (!hasStandbyCopy(policy.policy)) {
      for (const c of [manager, standby]) (result.clusters[c] as StandbyRecord).outcome = 'not-ha';
      result.outcome = 'not-ha';
      result.message = `policy ${policy.policy}: no standby copy is kept, skipped`;
      result.fields = { verdict: 'not-ha', runsOn };
      return result;
    }

    const readSource = async (): Promise<FlinkStateFound[] | undefined> => {
      try {
        return await readJobStates(options.reader(manager), options.roots.checkpointRoot, policy.policy, ref.project, ref.job);
      } catch (error) {
        // A manager whose HDFS does not answer: the copy is judged alone (it is what a switchover would use).
        const m = result.clusters[manager] as StandbyRecord;
        m.outcome = 'unread';
        m.message = failureOf(error, 'read').message;
        return undefined;
      }
    };
    const [source, copy] = await Promise.all([readSource(), readJobStates(options.reader(standby), options.roots.copyRoot, policy.policy, ref.project, ref.job)]);
    const verdict = standbyVerdict({ policy: policy.policy, source, copy, nowMs: options.now(), maxAgeMs: options.maxAgeMs });
    const m = result.clusters[manager] as StandbyRecord;
    const s = result.clusters[standby] as StandbyRecord;
    if (m.outcome !== 'unread') m.outcome = 'source';
    Object.assign(m, stateOf(verdict.source));
    Object.assign(s, stateOf(verdict.copy), { outcome: verdict.verdict, message: verdict.message });
    const where = runsOn.length === 0 ? 'it runs nowhere' : runsOn.includes(standby) ? `it runs on ${runsOn.join(' and ')}: a managerSlave job runs on the manager only` : `it runs on ${manager}`;
    result.outcome = verdict.verdict;
    result.message = `${verdict.message}; ${where}`;
    result.fields = {
      verdict: verdict.verdict,
      runsOn,
      manager: { cluster: manager, state: verdict.source?.path ?? null, ageSeconds: seconds(verdict.source?.ageMs) },
      standby: { cluster: standby, state: verdict.copy?.path ?? null, ageSeconds: seconds(verdict.copy?.ageMs), verified: verdict.verified, ...(verdict.comparison ? { comparison: verdict.comparison } : {}) },
      lagSeconds: seconds(verdict.lagMs ?? undefined),
      maxAgeSeconds: seconds(options.maxAgeMs),
    };
    return result;
  } catch (error) {
    result.outcome = 'failed';
    result.failure = failureOf(error, 'read');
    return result;
  } finally {
    result.elapsedMs = Date.now() - started;
  }
}

function stateOf(age: StateAge | null): Pick<StandbyRecord, 'state' | 'ageSeconds'> {
  return { state: age?.path ?? null, ageSeconds: seconds(age?.ageMs) };
}

function seconds(ms: number | undefined | null): number | null {
  return ms === undefined || ms === null ? null : Math.round(ms / 1000);
}
