import os from 'node:os';
import { isCompleted } from '../../streamis/status-codes.js';
import { gsonValue } from '../gson.js';
import { error, generic, ok, springError, thrown, type Reply } from '../envelope.js';
import type { SandboxRequest } from '../http/request.js';
import { bindTypedBody } from '../http/typed-body.js';
import { parseJobContent } from '../job-content.js';
import { PRODUCT_KEY } from '../job-config.js';
import { storedConfig } from '../../meta/stored-config.js';
import { canOperate, hasProjectPrivilege, type ClusterRuntime } from '../runtime.js';
import { rewriteSource } from '../source-rewrite.js';
import type { StoredVersion } from '../state.js';
import { rollVersion } from '../versions.js';

/**
 * POST job/updateContent (§5.7). Without `args` (branch A) the latest version's source gets the
 * HA verdict in place; with `args` (branch B) a new version is made with source `update args`.
 */
export async function updateContent(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  const m = req.fullPath;
  const body = bindTypedBody(m, await req.json(), {
    className: 'com.webank.wedatasphere.streamis.jobmanager.vo.UpdateContentRequest',
    fields: { jobId: 'Long', version: 'String', args: 'List<String>', highAvailable: 'boolean', highAvailableMessage: 'String' },
  });
  const jobId = body.jobId as number | null | undefined;
  const job = jobId === null || jobId === undefined ? undefined : rt.store.job(jobId);
  if (!job) return generic(m, 'NullPointerException', null);
  if (!canOperate(rt, job, req.user)) return error(m, `Have no permission to update job details of StreamJob [${jobId}]`);
  if (!job.enable) return error(m, `Existing Job ${job.name}has been banned, cannot update,please enable job`);
  const latest = rt.store.latestVersion(job.id);
  if (!latest) return generic(m, 'NullPointerException', null);
  const args = body.args as Array<string | null> | null | undefined;
  if (args !== null && args !== undefined) {
    const text = `[${args.map((a) => a ?? 'null').join(', ')}]`;
    if (text.length > 2000) return error(m, 'args length is too long, please less than 2000');
  }
  const checked = await parseJobContent(rt.store, job, latest);
  if (!checked.ok) return thrown(m, checked.code, checked.desc, rt.server);

  if (args === null || args === undefined) {
    const rewritten = rewriteSource(latest.source, body.highAvailable === true, (body.highAvailableMessage as string | null | undefined) ?? null);
    if (!rewritten.ok) return generic(m, 'NullPointerException', null);
    latest.source = rewritten.source;
    await rt.store.persist();
    return ok(m, { jobContent: checked.content });
  }

  // manageArgs: a Gson round trip of the content (numbers become doubles, key order kept).
  const content = JSON.parse(latest.jobContent) as Record<string, unknown>;
  content.args = args;
  const next: StoredVersion = {
    ...latest,
    id: rt.store.nextId('version'),
    version: rollVersion(latest.version),
    source: 'update args',
    jobContent: gsonValue(content),
    comment: `用户${latest.createBy}修改args`,
    createTime: Date.now(),
    files: latest.files.map((f) => ({ ...f })),
  };
  rt.store.data.versions.push(next);
  const task = rt.store.latestTask(job.id);
  if (!task || isCompleted(task.status)) job.currentVersion = next.version;
  await rt.store.persist();
  const parsed = await parseJobContent(rt.store, job, next);
  return parsed.ok ? ok(m, { jobContent: parsed.content }) : thrown(m, parsed.code, parsed.desc, rt.server);
}

/** GET config/json/{jobId} (§5.20): the stored groups, every value a string, and `editEnable`. */
export async function getConfig(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  const m = req.fullPath;
  const jobId = req.pathNumber('jobId');
  const job = rt.store.job(jobId);
  if (!job) return error(m, 'Fail to view StreamJob configuration(查看任务配置失败), message: null');
  if (!canOperate(rt, job, req.user)) return error(m, `Have no permission to get Job details of StreamJob [${jobId}]`);
  // No project templates in the sandbox, so no `template` key.
  return ok(m, { ...structuredClone(job.config), editEnable: rt.switches.configEditEnable }, 'success');
}

/** wds.streamis.developer: users who may save any job's configuration (a substring test on the joined list). */
const DEVELOPERS = 'enjoyyin,davidhua';

/** POST config/json/{jobId} (§5.20): full replacement of the job's configuration. */
export async function saveConfig(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  const m = req.fullPath;
  const jobId = req.pathNumber('jobId');
  const body = await req.json();
  // Bound as Map<String, Object> before the controller runs.
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return springError(m, 400, 'JSON parse error: Cannot deserialize value of type `java.util.LinkedHashMap<java.lang.String,java.lang.Object>` from non-object value');
  }
  if (!rt.switches.configEditEnable) return error(m, 'job config cannot be changed,please contact the admin for advice');
  const produce = (body as Record<string, unknown>)['wds.linkis.flink.produce'];
  const product = produce && typeof produce === 'object' ? (produce as Record<string, unknown>)[PRODUCT_KEY] : undefined;
  if (typeof product === 'string' && product.trim() !== '' && !/^[A-Za-z0-9_]+$/.test(product)) {
    return error(m, 'The product name of the job is not configured correctly, please check');
  }
  const job = rt.store.job(jobId);
  if (!job) return error(m, 'Fail to save StreamJob configuration(保存/更新任务配置失败), message: null');
  // Only the creator, a developer or EDIT privilege: the authority.visible users are not enough here.
  if (job.createBy !== req.user && !DEVELOPERS.includes(req.user) && !hasProjectPrivilege(rt, job.projectName)) {
    return error(m, `Fail to save StreamJob configuration(保存/更新任务配置失败), message: Have no permission to save StreamJob [${jobId}] configuration`);
  }
  if (!job.enable) return error(m, `current Job ${job.name} has been banned, please enable job`);
  job.config = storedConfig(body as Record<string, unknown>);
  await rt.store.persist();
  return ok(m, {}, 'success');
}

/** GET highAvailable/getHAMsg (§5.18): the cluster name and whether it is the manager cluster. */
export async function haMessage(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  return ok(req.fullPath, { clusterName: rt.name, clusterIp: os.hostname(), whetherManager: rt.whetherManager }, 'success');
}

/** GET highAvailable/username (§5.19). */
export async function username(_rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  return ok(req.fullPath, { userName: req.user, proxyUser: null }, 'success');
}
