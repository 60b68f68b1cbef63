import { isCompleted, isRunning } from '../../streamis/status-codes.js';
import { error, generic, ok, rootCauseOfLinkis, springError, thrown, type Reply } from '../envelope.js';
import { canBeStarted, decideHighAvailable, type HaVariant } from '../ha-decision.js';
import type { SandboxRequest } from '../http/request.js';
import { parseJobContent } from '../job-content.js';
import { ALERT_USER_KEY, AUTO_RESTORE_KEY, confValue, POLICY_KEY, PRODUCT_KEY } from '../job-config.js';
import { restorePoint } from '../restore.js';
import { canOperate, type ClusterRuntime } from '../runtime.js';
import type { StoredJob } from '../state.js';
import { versionRowView } from '../views.js';

/** The HA verdict of §7.3 / §7.4 for a job on this cluster. */
export function highAvailableOf(rt: ClusterRuntime, job: StoredJob, variant: HaVariant) {
  return decideHighAvailable(
    {
      source: rt.store.latestVersion(job.id)?.source ?? null,
      policy: confValue(job.config, POLICY_KEY),
      highAvailableEnable: rt.switches.highAvailableEnable,
      enableInterfaceUpload: rt.switches.enableInterfaceUpload,
      sourceName: rt.switches.sourceName,
    },
    variant,
  );
}

/** PUT job/execute/inspect (§5.8): checks per id in order; only the last id's result is returned. */
export async function inspect(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  const m = req.fullPath;
  const ids = req.requiredNumberList('jobId', 'Integer');
  let reply = ok(m);
  for (const jobId of ids) {
    const job = rt.store.job(jobId);
    if (!job) return error(m, `Unknown StreamJob with id: ${jobId}(无法找到对应的流任务)`);
    if (!canOperate(rt, job, req.user)) return error(m, `Have no permission to inspect the StreamJob [${jobId}]`);
    if (!job.enable) return error(m, `The Job ${job.name}has been banned, cannot start,please enable job`);
    // Upload requires the produce group and saving fills its defaults, so it is always there.
    const users = job.config['wds.linkis.flink.produce']?.[ALERT_USER_KEY];
    if (users === undefined || users === '') return error(m, `The StreamJob alarm recipient is not configured (未配置有效的失败告警用户)  [${jobId}]`);
    if (users.split(',').every((u) => u.toLowerCase().includes('hduser'))) return error(m, `Please configure an alarm recipient other than hduser  [${jobId}]`);
    reply = ok(m, inspectionsOf(rt, job));
  }
  return reply;
}

function inspectionsOf(rt: ClusterRuntime, job: StoredJob): Record<string, unknown> {
  const store = rt.store;
  const data: Record<string, unknown> = {};
  const names: string[] = [];
  const now = store.latestVersion(job.id);
  const latestTask = store.latestTask(job.id);
  const last = latestTask ? store.versionByName(job.id, latestTask.version) : undefined;
  data.version = { now: now ? versionRowView(now) : null, ...(last ? { last: versionRowView(last) } : {}) };
  names.push('version');

  const restore = confValue(job.config, AUTO_RESTORE_KEY);
  // What a start now would restore from.
  const snapshotPath = restorePoint(job.config, store.tasksOf(job.id));
  if (snapshotPath) {
    data.snapshot = { path: snapshotPath };
    names.push('snapshot');
  }

  const running = latestTask && isRunning(latestTask.status);
  data.list = {
    list: [
      running
        ? { applicationId: latestTask.applicationId, applicationUrl: `http://127.0.0.1/proxy/${latestTask.applicationId}/`, applicationState: 'RUNNING', applicationName: `${job.projectName}.${job.name}`, yarnAppType: 'Apache Flink' }
        : { applicationId: null, applicationUrl: '无', applicationState: null },
    ],
  };
  names.push('list');

  const verdict = highAvailableOf(rt, job, 'inspect');
  if (!('npe' in verdict)) {
    data.highavailable = { highAvailable: verdict.highAvailable, msg: verdict.msg };
    names.push('highavailable');
  }
  if (!snapshotPath) {
    data.snapshot = { path: restore === 'ON' ? '获取到了空的快照地址' : '任务未开启快照，无需检查快照地址' };
    names.push('snapshot');
  }
  data.inspections = names;
  return data;
}

/** POST job/execute (§5.9): the preconditions in the server's order, then a synchronous launch. */
export async function execute(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  const m = req.fullPath;
  const body = await req.json();
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return springError(m, 400, 'JSON parse error: Cannot deserialize value of type `java.util.LinkedHashMap<java.lang.String,java.lang.Object>` from non-object value');
  }
  const raw = (body as Record<string, unknown>).jobId;
  if (raw === undefined || raw === null) return thrown(m, 30301, 'jobId cannot be empty!', rt.server);
  const text = typeof raw === 'string' ? raw : typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : JSON.stringify(raw);
  if (!/^[+-]?\d+$/.test(text)) return generic(m, 'NumberFormatException', `For input string: "${text}"`);
  const jobId = Number(text);
  const job = rt.store.job(jobId);
  if (!job) return error(m, `not exists job ${jobId}`);
  return startChecked(rt, req.user, job, m);
}

async function startChecked(rt: ClusterRuntime, user: string, job: StoredJob, m: string): Promise<Reply> {
  if (!'flink.jar,flink.sql'.includes(job.jobType)) return error(m, `Job ${job.name} is not supported to execute.`);
  if (!canOperate(rt, job, user)) return error(m, `Have no permission to execute StreamJob [${job.id}]`);
  const verdict = highAvailableOf(rt, job, 'execute');
  if ('npe' in verdict) return generic(m, 'NullPointerException', null);
  if (!verdict.highAvailable) return error(m, `The master and backup cluster materials forJob ${job.name}do not match, please check the material`);
  if (!job.enable) return error(m, `Job ${job.name}has been banned, cannot start,please enable job`);
  if (!canBeStarted(confValue(job.config, POLICY_KEY), rt.whetherManager)) {
    return error(m, `current Job ${job.name} is in managerSlave mode,please check whether it runs on manager cluster`);
  }
  const product = confValue(job.config, PRODUCT_KEY);
  if (product !== null && product.trim() !== '' && !/^[A-Za-z0-9_]+$/.test(product)) {
    return error(m, 'The product name of the job is not configured correctly, please check');
  }
  const launched = await launch(rt, user, job);
  if (launched !== undefined) return error(m, rootCauseOfLinkis('JobExecuteErrorException', -1, `Fail to execute StreamJob(Task), message output: ${launched}`, rt.server));
  return ok(m);
}

/**
 * `createTask` + launch: the latest version (by id) becomes current and gets a Starting task.
 * Returns the scheduler's error output when the start fails at once, undefined when it is under way.
 */
export async function launch(rt: ClusterRuntime, user: string, job: StoredJob): Promise<string | undefined> {
  const store = rt.store;
  const version = store.latestVersion(job.id);
  if (!version) return rootCauseOfLinkis('JobTaskErrorException', -1, `No versions can be found for job [id: ${job.id}, name: ${job.name}]`, rt.server);
  const latest = store.latestTask(job.id);
  if (latest && !isCompleted(latest.status)) {
    return rootCauseOfLinkis('JobTaskErrorException', -1, `Unable to create new task, StreamTask [${latest.id}] is still not completed for job [id: ${job.id}, name: ${job.name}]`, rt.server);
  }
  job.currentVersion = version.version;
  // Decided before the new task exists, from the configuration as it is now.
  const task = rt.tasks.createTask(job, version, user, restorePoint(job.config, store.tasksOf(job.id)), job.config);
  // The launch resolves the job content (main jar, SQL file); a failure ends the task at once.
  const content = await parseJobContent(store, job, version);
  if (!content.ok) {
    const output = rootCauseOfLinkis('JobExecuteErrorException', content.code, content.desc, rt.server);
    rt.tasks.failNow(task, output);
    await store.persist();
    return output;
  }
  await store.persist();
  return undefined;
}
