import { isFinished } from '../../streamis/status-codes.js';
import { error, errorWithStack, linkisMessage, ok, type Reply } from '../envelope.js';
import type { SandboxRequest } from '../http/request.js';
import { bindTypedBody } from '../http/typed-body.js';
import { confValue, POLICY_KEY } from '../job-config.js';
import { canOperate, type ClusterRuntime } from '../runtime.js';
import { canBeStarted } from '../ha-decision.js';
import type { StoredJob } from '../state.js';
import { highAvailableOf, launch } from './start.js';
import { pause } from './task-ops.js';

const BULK_FIELDS = { bulkSubject: 'List<Long>', bulkSubjectType: 'String' } as const;
const BULK_ALIASES = { bulk_sbj: 'bulkSubject', sbj_type: 'bulkSubjectType' };

let scheduleSeq = 0;

/** POST job/bulk/execution (§5.15): every job is validated before any starts; the launch is async. */
export async function bulkExecution(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  const m = req.fullPath;
  const body = bindTypedBody(m, await req.json(), { className: 'com.webank.wedatasphere.streamis.jobmanager.vo.JobBulkRequest', fields: BULK_FIELDS, aliases: BULK_ALIASES });
  const ids = ((body.bulkSubject as Array<number | null> | null) ?? []).filter((id): id is number => id !== null);
  if (ids.length === 0) return error(m, 'The list of jobId/taskId cannot be empty for bulk execution');
  const prefix = 'Fail to bulk execute job/task(批量执行任务/作业失败), message: ';
  const type = (body.bulkSubjectType as string | null | undefined) ?? 'JOB';
  let jobs: Array<StoredJob | undefined>;
  if (type === 'JOB') {
    const checked: StoredJob[] = [];
    for (const id of ids) {
      const job = rt.store.job(id);
      if (!job) return errorWithStack(m, `${prefix}null`, 'java.lang.NullPointerException');
      if (!canOperate(rt, job, req.user)) {
        const text = linkisMessage(-1, `Have no permission to execute StreamJob [${id}]`, rt.server);
        return errorWithStack(m, `${prefix}${text}`, `JobExecuteErrorException: ${text}`);
      }
      const verdict = highAvailableOf(rt, job, 'execute');
      if ('npe' in verdict) return errorWithStack(m, `${prefix}null`, 'java.lang.NullPointerException');
      if (!verdict.highAvailable) return error(m, 'The master and backup cluster materials do not match, please check the material');
      if (!job.enable) return error(m, `The Job ${job.name}has been banned, cannot start,please enable job`);
      if (!canBeStarted(confValue(job.config, POLICY_KEY), rt.whetherManager)) {
        return error(m, `current Job ${job.name} is in managerSlave mode,please check whether it runs on manager cluster`);
      }
      checked.push(job);
    }
    jobs = checked;
  } else {
    // Any other subject type makes the ids task ids, without permission checks.
    jobs = ids.map((taskId) => {
      const task = rt.store.task(taskId);
      return task ? rt.store.job(task.jobId) : undefined;
    });
  }
  const results = [];
  for (const [i, job] of jobs.entries()) {
    const jobId = type === 'JOB' ? ids[i] : 0;
    const taskId = type === 'JOB' ? 0 : ids[i];
    const scheduleId = `${type === 'JOB' ? `executeJob-${jobId}` : `executeTask-${taskId}`}_${++scheduleSeq}`;
    const failure = job ? await launch(rt, req.user, job) : `Unable to find the StreamTask [${taskId}]`;
    results.push({ jobId, taskId, scheduleId, scheduleState: failure === undefined ? 'Running' : 'Failed', ...(failure ? { message: failure } : {}), progress: 0 });
  }
  return ok(m, bulkResult(results), 'success');
}

/** POST job/bulk/pause (§5.16): synchronous; per-job failures land in Failed. */
export async function bulkPause(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  const m = req.fullPath;
  const body = bindTypedBody(m, await req.json(), {
    className: 'com.webank.wedatasphere.streamis.jobmanager.vo.JobBulkPauseRequest',
    fields: { ...BULK_FIELDS, snapshot: 'boolean', skipHookError: 'boolean' },
    aliases: BULK_ALIASES,
  });
  const ids = ((body.bulkSubject as Array<number | null> | null) ?? []).filter((id): id is number => id !== null);
  if (ids.length === 0) return error(m, 'The list of jobId/taskId cannot be empty for bulk pause');
  const type = (body.bulkSubjectType as string | null | undefined) ?? 'JOB';
  const snapshot = body.snapshot === true;
  const jobs: Array<StoredJob | undefined> = [];
  for (const id of ids) {
    const job = type === 'JOB' ? rt.store.job(id) : rt.store.job(rt.store.task(id)?.jobId ?? -1);
    if (type === 'JOB') {
      if (!job) return errorWithStack(m, 'Fail to bulk pause job/task(批量停止任务/作业失败), message: null', 'java.lang.NullPointerException');
      if (!job.enable) return error(m, `Job ${job.name}has been banned, cannot stop,please enable job`);
    }
    jobs.push(job);
  }
  const results = jobs.map((job, i) => {
    const jobId = type === 'JOB' ? ids[i] : 0;
    const taskId = type === 'JOB' ? 0 : ids[i];
    const scheduleId = `${type === 'JOB' ? `pauseJob-${jobId}` : `pauseTask-${taskId}`}_${++scheduleSeq}`;
    const outcome = job ? pause(rt, job, snapshot) : { failure: `Unable to find the StreamTask [${taskId}]` };
    const failed = 'failure' in outcome;
    return {
      jobId,
      taskId,
      ...(!failed && outcome.path ? { snapshotPath: outcome.path } : {}),
      scheduleId,
      scheduleState: failed ? 'Failed' : 'Succeed',
      ...(failed ? { message: outcome.failure } : {}),
      progress: failed ? 0 : 1,
    };
  });
  await rt.store.persist();
  return ok(m, bulkResult(results), 'success');
}

function bulkResult(results: Array<Record<string, unknown> & { scheduleState: string }>): Record<string, unknown> {
  const failed = results.filter((r) => r.scheduleState === 'Failed');
  const success = results.filter((r) => r.scheduleState !== 'Failed');
  return { total: results.length, result: { Success: { data: success, count: success.length }, Failed: { data: failed, count: failed.length } } };
}

/** POST job/ban and job/enable (§5.17): a bare JSON array of ids, all checked before any change. */
export async function banOrEnable(rt: ClusterRuntime, req: SandboxRequest, enable: boolean): Promise<Reply> {
  const m = req.fullPath;
  const body = await req.json();
  const bound = bindTypedBody(m, { ids: body }, { className: 'java.util.ArrayList', fields: { ids: 'List<Long>' } });
  const ids = (bound.ids as Array<number | null> | null) ?? [];
  if (ids.length > 100) return error(m, 'The number of the jobs has exceeded 100, please check!');
  if (ids.length === 0) return error(m, enable ? 'there is no job to be activated, please check' : 'there is no job to be banned, please check');
  const jobs: StoredJob[] = [];
  for (const id of ids) {
    const job = id === null ? undefined : rt.store.job(id);
    if (!job) return error(m, `not exists job ${id}`);
    if (!canOperate(rt, job, req.user)) return error(m, `Have no permission to ban StreamJob [${id}] configuration`);
    if (enable && job.enable) return error(m, `Present job [${id}] can not be activated, please check`);
    if (!enable) {
      const task = rt.store.latestTask(job.id);
      if (!job.enable || (task && !isFinished(task.status))) return error(m, `Job [${id}] can not be banned, please check`);
    }
    jobs.push(job);
  }
  for (const job of jobs) job.enable = enable;
  await rt.store.persist();
  return ok(m, {}, 'success');
}
