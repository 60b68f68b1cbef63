import { formatLocalDateTime } from '../util/local-time.js';
import { isCompleted } from '../streamis/status-codes.js';
import type { ClusterStore, StoredJob, StoredTask, StoredVersion } from './state.js';

/** The JSON the real server returns for its entities (field names from the Java VOs). */

/** `StreamJob` (job/jobInfo). `status` is never updated by the server: always 0. */
export function jobInfoView(job: StoredJob): Record<string, unknown> {
  return {
    id: job.id,
    workspaceName: null,
    name: job.name,
    projectName: job.projectName,
    jobType: job.jobType,
    createBy: job.createBy,
    label: job.label,
    description: job.description,
    submitUser: job.submitUser,
    createTime: job.createTime,
    enable: job.enable,
    currentVersion: job.currentVersion,
    status: 0,
  };
}

/** `StreamJobVersion` (inspect's version.now / version.last). */
export function versionRowView(version: StoredVersion): Record<string, unknown> {
  return {
    id: version.id,
    jobId: version.jobId,
    version: version.version,
    source: version.source,
    manageMode: null,
    jobContent: version.jobContent,
    comment: version.comment,
    createTime: version.createTime,
    createBy: version.createBy,
  };
}

/** `VersionDetailVo`: id is the job's id and createBy the job's creator, as in the real mapper. */
export function versionDetailView(job: StoredJob, version: StoredVersion): Record<string, unknown> {
  return {
    id: job.id,
    version: version.version,
    description: job.description,
    releaseTime: formatDateTime(version.createTime),
    createBy: job.createBy,
    projectId: null,
    projectName: job.projectName,
  };
}

/** `QueryJobListVo` (job/list). */
export function listRowView(store: ClusterStore, job: StoredJob): Record<string, unknown> {
  const versions = store.versionsOf(job.id);
  const current = versions.find((v) => v.version === job.currentVersion);
  const latest = store.latestVersion(job.id);
  return {
    id: job.id,
    name: job.name,
    workspaceName: null,
    projectId: null,
    projectName: job.projectName,
    jobType: job.jobType,
    manageMode: job.config['wds.linkis.flink.produce']?.['linkis.ec.app.manage.mode'] ?? null,
    label: job.label,
    createBy: job.createBy,
    createTime: job.createTime,
    status: listStatus(store, job),
    version: job.currentVersion,
    enable: job.enable,
    lastVersion: latest?.version ?? null,
    lastVersionTime: current?.createTime ?? null,
    versionForwards: current ? versions.filter((v) => v.id > current.id).length : 0,
    description: job.description,
  };
}

/** The list's status: the latest task of the current version, 0 when there is none. */
export function listStatus(store: ClusterStore, job: StoredJob): number {
  let best: StoredTask | undefined;
  for (const t of store.data.tasks) if (t.jobId === job.id && t.version === job.currentVersion && (!best || t.id > best.id)) best = t;
  return best?.status ?? 0;
}

/** `StreamTask` (job/execute/errorMsg). */
export function taskView(task: StoredTask, job: StoredJob): Record<string, unknown> {
  return {
    id: task.id,
    jobVersionId: task.jobVersionId,
    jobId: task.jobId,
    jobType: job.jobType,
    submitUser: task.submitUser,
    startTime: task.startTime,
    lastUpdateTime: task.lastUpdateTime,
    linkisJobId: task.linkisJobId,
    linkisJobInfo: JSON.stringify({ applicationId: task.applicationId, name: `${job.projectName}.${job.name}`, status: isCompleted(task.status) ? 'Finished' : 'Running' }),
    errDesc: task.errDesc,
    version: task.version,
    status: task.status,
    serverInstance: null,
    jobStartConfig: null,
    solution: null,
    templateId: null,
  };
}

/** `yyyy-MM-dd HH:mm:ss` in local time, as the server's SQL formats release times. */
export function formatDateTime(ms: number): string {
  return formatLocalDateTime(new Date(ms));
}
