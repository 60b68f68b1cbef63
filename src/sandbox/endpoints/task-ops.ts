import { isCompleted, isRunning, STATUS_DESCRIPTION, type StatusCode } from '../../streamis/status-codes.js';
import { error, errorWithStack, generic, linkisMessage, ok, rootCauseOfLinkis, springError, thrown, type Reply } from '../envelope.js';
import type { SandboxRequest } from '../http/request.js';
import { toLong } from '../http/typed-body.js';
import { canOperate, type ClusterRuntime } from '../runtime.js';
import type { StoredJob } from '../state.js';
import { taskView } from '../views.js';

/** PUT job/status (§5.10): jobs that never ran are absent; no permission check. */
export async function status(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  const m = req.fullPath;
  const body = await req.json();
  // The body is bound as Map<String, List<Long>>: every value must be a list of numbers.
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return springError(m, 400, 'JSON parse error: Cannot deserialize value of type `java.util.LinkedHashMap` from Array value');
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (value !== null && (!Array.isArray(value) || value.some((v) => v !== null && toLong(v) === undefined))) {
      return springError(m, 400, `JSON parse error: Cannot deserialize value of type \`java.util.ArrayList<java.lang.Long>\` (through reference chain: java.util.LinkedHashMap["${key}"])`);
    }
  }
  const ids = ((body as Record<string, unknown[] | null>).id_list ?? []).map((v) => toLong(v));
  if (ids.length === 0) return error(m, 'The list of job id which to refresh the status cannot be null or empty');
  const result = [...new Set(ids)].flatMap((jobId) => {
    const task = jobId === undefined ? undefined : rt.store.latestTask(jobId);
    if (!task) return [];
    return [{ jobId, status: STATUS_DESCRIPTION[task.status as StatusCode] ?? String(task.status), statusCode: task.status, ...(task.errDesc ? { message: task.errDesc } : {}) }];
  });
  return ok(m, { result }, 'success');
}

/** GET job/stop (§5.11): synchronous; skipHookError must be sent. */
export async function stop(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  const m = req.fullPath;
  const snapshot = req.boolean('snapshot') === true;
  const skipHookError = req.boolean('skipHookError');
  const jobId = req.number('jobId');
  if (jobId === null) return thrown(m, 30301, 'jobId cannot be empty!', rt.server);
  const job = rt.store.job(jobId);
  if (!job) return error(m, `not exists job ${jobId}`);
  if (!canOperate(rt, job, req.user)) return error(m, `Have no permission to kill/stop StreamJob [${jobId}]`);
  if (!job.enable) return error(m, `Existing Job ${job.name}has been banned, cannot stop,please enable job`);
  if (!'flink.jar,flink.sql'.includes(job.jobType)) {
    // Jobs Streamis does not manage (spark.jar): the running task is just marked stopped.
    const task = rt.store.latestTask(jobId);
    if (task && isRunning(task.status)) rt.tasks.stop(task, job, false);
    await rt.store.persist();
    return ok(m);
  }
  // A null Boolean unboxed into the service's primitive parameter.
  if (skipHookError === null) return error(m, 'NullPointerException: ');
  const result = pause(rt, job, snapshot);
  if ('failure' in result) return error(m, rootCauseOfLinkis('JobExecuteErrorException', -1, `Fail to pause StreamJob(Task), message output: ${result.failure}`, rt.server));
  await rt.store.persist();
  return snapshot ? ok(m, { path: result.path }) : ok(m);
}

/** The scheduler's pause of one job: a completed task is left alone; no task at all fails. */
export function pause(rt: ClusterRuntime, job: StoredJob, snapshot: boolean): { path: string } | { failure: string } {
  const task = rt.store.latestTask(job.id);
  if (!task) return { failure: linkisMessage(-1, `Unable to find any StreamTask for job [id: ${job.id}, name: ${job.name}]`, rt.server) };
  if (isCompleted(task.status)) return { path: '' };
  return { path: rt.tasks.stop(task, job, snapshot) ?? '' };
}

/** PUT job/snapshot/{jobId} (§5.12): a savepoint of the running task. */
export async function snapshotNow(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  const m = req.fullPath;
  const jobId = req.pathNumber('jobId');
  const job = rt.store.job(jobId);
  if (!job) return error(m, `not exists job ${jobId}`);
  if (!'flink.jar,flink.sql'.includes(job.jobType)) return error(m, `Job ${job.name} is not supported to do snapshot.`);
  if (!canOperate(rt, job, req.user)) return error(m, `Have no permission to do snapshot for StreamJob [${jobId}]`);
  const task = rt.store.latestTask(jobId);
  if (!task) return ok(m, { path: null });
  if (!isRunning(task.status)) {
    const cause = `FlinkSavePointException: errCode: 30501 ,desc: Fail to trigger savepoint, the application ${task.applicationId} is not running`;
    return errorWithStack(m, `Fail to do a snapshot operation (快照生成失败), message: ${cause}`, cause);
  }
  const path = rt.tasks.takeSavepoint(task, job);
  await rt.store.persist();
  return ok(m, { path });
}

/** GET job/execute/errorMsg (§5.21): the latest task row. */
export async function errorMsg(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  const m = req.fullPath;
  const jobId = req.number('jobId');
  if (jobId === null) return thrown(m, 30301, 'jobId cannot be empty!', rt.server);
  const job = rt.store.job(jobId);
  if (!job) return generic(m, 'NullPointerException', null);
  if (!canOperate(rt, job, req.user)) return error(m, `Have no permission to get Job details of StreamJob [${jobId}]`);
  const task = rt.store.latestTask(jobId);
  return ok(m, { details: task ? taskView(task, job) : null });
}
