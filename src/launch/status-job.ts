import { parseSource, type JobTask } from '../streamis/index.js';
import { STATUS, statusName } from '../streamis/status-codes.js';
import { failureOf, worstFailure } from './failure.js';
import { readJobFacts } from './job-facts.js';
import { readLatestSource } from '../streamis/latest-source.js';
import { md5Matches, policyLabel } from './md5-matches.js';
import type { Session } from './session.js';
import { jobName, newResult, type ClusterRecord, type JobFailure, type JobRef, type JobResult } from './types.js';

/**
 * `stms status` for one job: per cluster the status of its latest task (job/status), the latest
 * version and its md5 (from the source record), whether that md5 matches the other clusters, and
 * the server's HA verdict. Reads only.
 */

export interface StatusRecord extends ClusterRecord {
  outcome: 'present' | 'missing' | 'failed';
  status: string | null;
  statusCode: number | null;
  version: string | null;
  md5: string | null;
  md5Matches: boolean | null;
  highAvailable: boolean | null;
  highAvailableMessage?: string | null;
}

const ABSENT = { status: null, statusCode: null, version: null, md5: null, md5Matches: null, highAvailable: null } as const;

export async function statusJob(session: Session, ref: JobRef): Promise<JobResult<StatusRecord>> {
  const result = newResult<StatusRecord>(ref);
  const started = Date.now();
  // One cluster that cannot be read does not hide the others: during an outage of one IDC,
  // status is how people see what still runs on the other.
  const failures: JobFailure[] = [];
  const failed = (cluster: string, error: unknown) => {
    const failure = failureOf(error, 'read');
    failures.push(failure);
    result.clusters[cluster] = { outcome: 'failed', ...ABSENT, message: failure.message };
  };
  try {
    const facts = await readJobFacts(session, ref, { policy: true, tolerate: true });
    const present = [...facts.values()].filter((f) => f.present && f.row);
    result.policy = policyLabel(present.map((f) => f.policyRaw));
    for (const f of facts.values()) {
      if (f.error !== undefined) failed(f.cluster.name, f.error);
      else if (!f.present) result.clusters[f.cluster.name] = { outcome: 'missing', ...ABSENT };
    }
    if (present.length === 0 && failures.length === 0) {
      result.outcome = 'missing';
      result.failure = { code: 'CONSISTENCY', message: `${jobName(ref)} is not on any of ${session.clusters.map((c) => c.name).join(', ')}: check the project and job names` };
      return result;
    }
    await Promise.all(
      present.map(async ({ cluster, row }) => {
        if (!row) return;
        try {
          result.clusters[cluster.name] = await readStatus(session, cluster.name, row);
        } catch (error) {
          failed(cluster.name, error);
        }
      }),
    );
    // With a cluster unread, whether the md5 matches everywhere is not known.
    const read = present.filter((f) => result.clusters[f.cluster.name]?.outcome === 'present');
    const matches = md5Matches(new Map(read.map((f) => [f.cluster.name, result.clusters[f.cluster.name]?.md5 ?? null])));
    for (const [cluster, match] of matches) (result.clusters[cluster] as StatusRecord).md5Matches = failures.length > 0 ? null : match;
    const worst = worstFailure(failures);
    if (worst) {
      result.failure = { ...worst, message: failures.map((f) => f.message).join('; ') };
      result.outcome = 'failed';
    } else {
      result.outcome = 'ok';
    }
  } catch (error) {
    result.failure = failureOf(error, 'read');
    result.outcome = 'failed';
  } finally {
    result.elapsedMs = Date.now() - started;
  }
  // Keep the --clusters order in the document.
  result.clusters = Object.fromEntries(session.clusters.map((c) => [c.name, result.clusters[c.name] ?? { outcome: 'failed', ...ABSENT }]));
  return result;
}

/** One cluster's row: status of the latest task, the latest version's md5 and the HA verdict. */
async function readStatus(session: Session, cluster: string, row: JobTask): Promise<StatusRecord> {
  const client = session.client(cluster);
  const [status, latest] = await Promise.all([session.poller(cluster).read(row.id), readLatestSource(client, row.id, row.jobType)]);
  const parsed = parseSource(latest.source);
  const code = status?.statusCode ?? STATUS.NOT_STARTED;
  const verdict = latest.inspect?.highavailable;
  return {
    outcome: 'present',
    jobId: row.id,
    status: statusName(code),
    statusCode: code,
    version: latest.version ?? row.lastVersion ?? null,
    md5: parsed.ok ? (parsed.record.md5 ?? null) : null,
    md5Matches: null,
    // The server's verdict when inspect gave one, else the flag in the source record.
    highAvailable: verdict ? verdict.highAvailable : latest.read && parsed.ok ? parsed.record.isHighAvailable : null,
    highAvailableMessage: verdict ? (verdict.msg ?? null) : parsed.ok ? (parsed.record.highAvailableMessage ?? null) : null,
    ...(latest.refusal ? { message: `inspect refused: ${latest.refusal.message}` } : {}),
  };
}
