import { STATUS_DESCRIPTION, isCompleted, type StatusCode } from '../../streamis/status-codes.js';
import { error, generic, ok, thrown, type Reply } from '../envelope.js';
import type { SandboxRequest } from '../http/request.js';
import { canOperate, type ClusterRuntime } from '../runtime.js';
import type { StoredJob, StoredTask, StoredVersion } from '../state.js';

/** GET job/progress (docs/streamis-contract.md §5.14): the latest task of one version and its status integer. */
export async function progress(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  const m = req.fullPath;
  const jobId = req.number('jobId');
  if (jobId === null) return thrown(m, 30301, 'jobId cannot be empty!', rt.server);
  const job = rt.store.job(jobId);
  if (!job) return error(m, `not exists job ${jobId}`);
  if (!'flink.jar,flink.sql'.includes(job.jobType)) return error(m, `Job ${job.name} is not supported to get progress.`);
  if (!canOperate(rt, job, req.user)) return error(m, `Have no permission to view the progress of StreamJob [${jobId}]`);
  const version = oneVersion(rt, job, req.string('version'));
  if ('tooMany' in version) return generic(m, 'TooManyResultsException', `Expected one result (or null) to be returned by selectOne(), but found: ${version.tooMany}`);
  const task = version.found ? rt.store.tasksOf(job.id).filter((t) => t.jobVersionId === version.found?.id).at(-1) : undefined;
  return ok(m, { taskId: task?.id ?? null, progress: task?.status ?? null });
}

/** GET job/execute/history (§5.21): the tasks of one version, newest first, one page of them. */
export async function executeHistory(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  const m = req.fullPath;
  const jobId = req.number('jobId');
  const name = req.string('version');
  const pageNow = req.number('pageNow', 'Integer') ?? 1;
  const pageSize = req.number('pageSize', 'Integer') ?? 20;
  if (jobId === null) return thrown(m, 30301, 'jobId cannot be empty!', rt.server);
  if (name === undefined || name.trim() === '') return thrown(m, 30301, 'version cannot be empty!', rt.server);
  const job = rt.store.job(jobId);
  // The permission check dereferences the missing job.
  if (!job) return generic(m, 'NullPointerException', null);
  if (!canOperate(rt, job, req.user)) return error(m, `Have no permission to get Job details of StreamJob [${jobId}]`);
  const version = rt.store.versionByName(job.id, name);
  const tasks = version ? rt.store.tasksOf(job.id).filter((t) => t.jobVersionId === version.id).reverse() : [];
  const from = Math.max(0, (pageNow - 1) * pageSize);
  const page = pageSize > 0 ? tasks.slice(from, from + pageSize) : tasks;
  return ok(m, { details: page.map((t) => historyRow(t, job, version as StoredVersion)), totalPage: tasks.length });
}

/** `StreamTaskListVo`: stopCause is the task's error text. */
function historyRow(task: StoredTask, job: StoredJob, version: StoredVersion): Record<string, unknown> {
  const ended = isCompleted(task.status) ? task.lastUpdateTime : null;
  return {
    taskId: task.id,
    jobVersionId: task.jobVersionId,
    jobName: job.name,
    creator: task.submitUser,
    version: task.version,
    status: STATUS_DESCRIPTION[task.status as StatusCode] ?? String(task.status),
    startTime: task.startTime,
    endTime: ended,
    runTime: runTime((ended ?? Date.now()) - task.startTime),
    stopCause: task.errDesc,
    versionContent: version.jobContent,
    jobStartConfig: null,
  };
}

/** `version` blank: the lookup matches every version, which fails once there are two. */
function oneVersion(rt: ClusterRuntime, job: StoredJob, name: string | undefined): { found: StoredVersion | undefined } | { tooMany: number } {
  if (name !== undefined && name.trim() !== '') return { found: rt.store.versionByName(job.id, name) };
  const all = rt.store.versionsOf(job.id);
  return all.length > 1 ? { tooMany: all.length } : { found: all[0] };
}

/** How long a task ran, as `1h 2m 3s`. */
function runTime(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m ${s % 60}s`;
}
