import type { ReleaseJournal } from '../release/journal-model.js';
import type { StreamisClient } from '../streamis/client.js';
import { readLatestSource } from '../streamis/latest-source.js';
import type { VersionDetail } from '../streamis/schemas.js';
import { isRunning, statusName } from '../streamis/status-codes.js';
import { factsFromJournals, factsFromSource, UNKNOWN_FACTS, type VersionFacts } from './version-record.js';

/**
 * The versions of one job on one cluster, newest first, with what each one's source record says.
 * The server returns a version's source for flink.jar jobs (`job/jobContent?version=`) and, for
 * every job type, for the latest version only (`job/execute/inspect`); other versions are
 * described from the local journals when one recorded them.
 */

export interface ServerVersion extends VersionFacts {
  version: string;
  releaseTime: string | null;
  /** The job's current version (`job/list` `version`). */
  current: boolean;
  /** The current version while the job's latest task runs. */
  running: boolean;
}

export interface ClusterVersions {
  cluster: string;
  /** False when the job is not on this cluster. */
  found: boolean;
  jobId: number | null;
  jobType: string | null;
  currentVersion: string | null;
  status: string | null;
  /** The version that runs, or null. */
  running: string | null;
  versions: ServerVersion[];
}

const PAGE_SIZE = 100;

export async function readClusterVersions(client: StreamisClient, project: string, job: string, journals: readonly ReleaseJournal[]): Promise<ClusterVersions> {
  const cluster = client.cluster;
  const task = await client.findJob(project, job);
  if (!task) return { cluster, found: false, jobId: null, jobType: null, currentVersion: null, status: null, running: null, versions: [] };
  const details = await allVersions(client, task.id);
  const runs = task.status !== null && task.status !== undefined && isRunning(task.status);
  const current = task.version ?? null;
  const own = journals.filter((j) => j.project === project && j.job === job);
  const latest = await readLatestSource(client, task.id, task.jobType);
  const latestVersion = latest.version ?? details[0]?.version ?? null;

  const versions: ServerVersion[] = [];
  for (const detail of details) {
    let facts: VersionFacts | undefined;
    if (task.jobType === 'flink.jar') {
      const content = await client.jobContent(task.id, detail.version);
      const source = content.jobContent?.source;
      facts = factsFromSource(typeof source === 'string' ? source : null);
    } else if (detail.version === latestVersion && latest.read) {
      facts = factsFromSource(latest.source ?? null);
    }
    facts ??= factsFromJournals(own, cluster, detail.version) ?? UNKNOWN_FACTS;
    versions.push({ version: detail.version, releaseTime: detail.releaseTime ?? null, ...facts, current: detail.version === current, running: runs && detail.version === current });
  }
  return {
    cluster,
    found: true,
    jobId: task.id,
    jobType: task.jobType ?? null,
    currentVersion: current,
    status: task.status === null || task.status === undefined || task.status === 0 ? null : statusName(task.status),
    running: runs ? current : null,
    versions,
  };
}

/** Every version, newest version string first (the server's order). */
async function allVersions(client: StreamisClient, jobId: number): Promise<VersionDetail[]> {
  const out: VersionDetail[] = [];
  for (let pageNow = 1; ; pageNow++) {
    const page = await client.versions(jobId, { pageNow, pageSize: PAGE_SIZE });
    out.push(...page.versions);
    if (page.versions.length === 0 || out.length >= page.totalPage) return out;
  }
}
