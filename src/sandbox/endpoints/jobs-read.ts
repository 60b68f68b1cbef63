import { error, generic, ok, thrown, type Reply } from '../envelope.js';
import type { SandboxRequest } from '../http/request.js';
import { parseJobContent } from '../job-content.js';
import { canOperate, hasProjectPrivilege, type ClusterRuntime } from '../runtime.js';
import { greatestVersion } from '../versions.js';
import { jobInfoView, listRowView, listStatus, versionDetailView } from '../views.js';

/** GET job/list (docs/streamis-contract.md §5.2). */
export async function list(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  const m = req.fullPath;
  const pageNow = req.number('pageNow', 'Integer') ?? 1;
  const pageSize = req.number('pageSize', 'Integer') ?? 20;
  const projectName = req.string('projectName');
  const jobName = req.string('jobName');
  const jobStatus = req.number('jobStatus', 'Integer');
  const jobCreator = req.string('jobCreator');
  const label = req.string('label');
  const enable = req.boolean('enable');
  const jobType = req.string('jobType');
  if (projectName === undefined || projectName.trim() === '') return error(m, 'Project name cannot be empty(项目名不能为空，请指定)');
  if (jobName !== undefined && jobName.trim() !== '' && !(/^[A-Za-z0-9_,.]+$/.test(jobName) && jobName.length < 2000)) {
    return error(m, `查询仅支持大小写字母、数字、下划线、小数点、逗号，且长度小于2000[${jobName}]`);
  }
  // Only jobs in projects where the user has a privilege row.
  if (!hasProjectPrivilege(rt, projectName)) return ok(m, { tasks: [], totalPage: 0 });
  const store = rt.store;
  // Without a comma the name is a substring match; with one, an exact match of the listed names.
  const names = jobName?.includes(',') ? jobName.split(',').filter((n) => n.trim() !== '') : undefined;
  const rows = store.data.jobs
    .filter((j) => j.projectName === projectName)
    .filter((j) => (jobName === undefined || jobName.trim() === '' ? true : names ? names.includes(j.name) : j.name.includes(jobName)))
    .filter((j) => jobStatus === null || listStatus(store, j) === jobStatus)
    .filter((j) => jobCreator === undefined || jobCreator === '' || j.createBy === jobCreator)
    .filter((j) => label === undefined || label === '' || (j.label ?? '').includes(label))
    .filter((j) => enable === null || j.enable === enable)
    .filter((j) => jobType === undefined || j.jobType === jobType)
    .map((j) => ({ job: j, started: store.latestTask(j.id)?.startTime ?? -1 }))
    .sort((a, b) => b.started - a.started || b.job.id - a.job.id);
  const from = Math.max(0, (pageNow - 1) * pageSize);
  const page = pageSize > 0 ? rows.slice(from, from + pageSize) : rows;
  return ok(m, { tasks: page.map((r) => listRowView(store, r.job)), totalPage: rows.length });
}

/** GET job/{jobId}/versions (§5.3): newest version string first. */
export async function versions(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  const m = req.fullPath;
  const jobId = req.pathNumber('jobId', 'Integer');
  const pageNow = req.number('pageNow', 'Integer') ?? 1;
  const pageSize = req.number('pageSize', 'Integer') ?? 20;
  const job = rt.store.job(jobId);
  if (!job) return error(m, `Unknown StreamJob with id: ${jobId}(无法找到对应的流任务)`);
  if (!canOperate(rt, job, req.user)) return error(m, `Have no permission to get Job details of StreamJob [${jobId}]`);
  const all = rt.store.versionsOf(jobId).sort((a, b) => (a.version < b.version ? 1 : a.version > b.version ? -1 : 0));
  const from = Math.max(0, (pageNow - 1) * pageSize);
  return ok(m, { versions: all.slice(from, from + pageSize).map((v) => versionDetailView(job, v)), totalPage: all.length });
}

/** GET job/version (§5.4). */
export async function version(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  const m = req.fullPath;
  const jobId = req.number('jobId');
  const name = req.string('version');
  if (jobId === null) return thrown(m, 30301, 'jobId cannot be empty!', rt.server);
  if (name === undefined || name === '') return thrown(m, 30301, 'version cannot be empty!', rt.server);
  const job = rt.store.job(jobId);
  // The permission check dereferences the missing job.
  if (!job) return generic(m, 'NullPointerException', null);
  if (!canOperate(rt, job, req.user)) return error(m, `Have no permission to view versions of StreamJob [${jobId}]`);
  const found = rt.store.versionByName(jobId, name);
  return ok(m, { detail: found ? versionDetailView(job, found) : null });
}

/** GET job/jobInfo (§5.5): login only, no permission check. */
export async function jobInfo(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  const jobId = req.number('jobId', 'Integer');
  const job = jobId === null ? undefined : rt.store.job(jobId);
  return ok(req.fullPath, { jobInfo: job ? jobInfoView(job) : null });
}

/** GET job/jobContent (§5.6): runs the content parser, so a missing referenced file fails here. */
export async function jobContent(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  const m = req.fullPath;
  const jobId = req.number('jobId');
  const job = jobId === null ? undefined : rt.store.job(jobId);
  if (!job) return generic(m, 'NullPointerException', null);
  if (!canOperate(rt, job, req.user)) return error(m, `Have no permission to view job details of StreamJob [${jobId}]`);
  const wanted = req.string('version');
  const name = wanted === undefined || wanted.trim() === '' ? greatestVersion(rt.store.versionsOf(job.id).map((v) => v.version)) : wanted;
  const found = name === undefined ? undefined : rt.store.versionByName(job.id, name);
  if (!found) return thrown(m, 30030, 'job has no versions.', rt.server);
  const parsed = await parseJobContent(rt.store, job, found);
  if (!parsed.ok) return thrown(m, parsed.code, parsed.desc, rt.server);
  return ok(m, { jobContent: parsed.content, editEnable: true });
}
