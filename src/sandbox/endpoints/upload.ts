import { setTimeout as sleep } from 'node:timers/promises';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { isCompleted } from '../../streamis/status-codes.js';
import { confirmToken } from '../confirm-token.js';
import { error, generic, ok, rootCauseOfLinkis, springError, thrown, type Reply } from '../envelope.js';
import { drain, type SandboxRequest } from '../http/request.js';
import { NotMultipart, receiveMultipart, type ReceivedFile } from '../http/multipart.js';
import { storedConfig } from '../../meta/stored-config.js';
import { isBlank, parseMetaJson } from '../meta-json.js';
import { hasProjectPrivilege, type ClusterRuntime } from '../runtime.js';
import type { StoredJob, StoredVersion } from '../state.js';
import { planUpload, type UploadPlan } from '../upload-rules.js';
import { uploadFolderPath } from '../upload-folders.js';
import { extractionMissesMetaJson, fileNameProblem, isUploadedRootEntry, isZipName, rootEntryNameOk } from '../zip-names.js';
import { readZipOverview, ZipUnreadable, type RootEntry } from '../zip-reader.js';
import type { MetaJsonInfo } from '../meta-json.js';

/**
 * POST job/upload (docs/streamis-contract.md §5.1, §6): the multipart is streamed to disk first (as Spring
 * does), then the controller's checks and `uploadJob` run in the server's order. On success the
 * zip is kept under the cluster folder, for md5 and byte-identical checks.
 */
export async function upload(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  const uploads = path.join(rt.store.folder, 'uploads');
  let received;
  try {
    received = await receiveMultipart(req.raw, uploads, rt.switches.maxUploadMB * 1024 * 1024);
  } catch (e) {
    if (!(e instanceof NotMultipart)) throw e;
    await drain(req.raw);
    return springError(req.fullPath, 400, `Failed to parse multipart servlet request; ${e.message}`);
  }
  // A 'late' fault: the gateway gives up now, the server stores the package a while later.
  req.onReceived?.();
  if (req.actDelayMs > 0) await sleep(req.actDelayMs);
  if (received.tooLarge) {
    // Spring's multipart resolver fails before the controller; nothing in Linkis maps it.
    return springError(req.fullPath, 500, `Maximum upload size exceeded; the file exceeds its maximum permitted size of ${rt.switches.maxUploadMB}MB`);
  }
  const file = received.file;
  if (!file) return springError(req.fullPath, 400, "Required request part 'file' is not present");
  try {
    const param = (name: string) => {
      const values = [...req.query.getAll(name), ...(received.fields.get(name) ?? [])];
      return values.length === 0 ? undefined : values.join(',');
    };
    return await checkAndStore(rt, req, file, param('projectName'), param('source'));
  } finally {
    await rm(file.path, { force: true });
  }
}

async function checkAndStore(rt: ClusterRuntime, req: SandboxRequest, file: ReceivedFile, projectName: string | undefined, source: string | undefined): Promise<Reply> {
  const method = req.fullPath;
  if (!hasProjectPrivilege(rt, projectName)) return error(method, 'the current user has no operation permission');
  const zipName = isZipName(file.fileName);
  if (zipName === 'no-dot') return generic(method, 'StringIndexOutOfBoundsException', 'String index out of range: -1');
  if (!zipName) return thrown(method, 30302, 'upload file type should be zip(上传的文件类型应为zip类型)', rt.server);
  if (rt.switches.standardAuthentication) {
    const token = confirmToken(source, rt.switches.sourceName, rt.switches.sourceToken);
    if ('throws' in token) return generic(method, token.throws.shortClass, token.throws.message);
    if (!token.ok) return error(method, 'As this job is not from standard release, it is not allowed to upload');
  }
  // From here the controller catches everything and answers with the root cause's message.
  const nameProblem = fileNameProblem(file.fileName);
  if (nameProblem) return error(method, `IllegalArgumentException: ${nameProblem}`);

  // Step 7: the zip goes to a folder named after the user, the zip and the second.
  const folder = rt.uploadFolders.enter(uploadFolderPath(req.user, file.fileName, Date.now()));
  try {
    const checked = await unzipAndPlan(rt, req, file, projectName, folder.path);
    if ('reply' in checked) return checked.reply;
    // The unzip and BML work: a same-named upload in the same second deletes the folder meanwhile.
    if (rt.uploadWorkMs > 0) await sleep(rt.uploadWorkMs);
    if (folder.destroyed) return error(method, rootCauseOfLinkis('FileException', 30603, 'meta.json', rt.server));
    const jobId = await commit(rt, req.user, checked.plan, checked.meta, checked.config, source ?? null, file, checked.root);
    return ok(method, { jobId });
  } finally {
    rt.uploadFolders.leave(folder);
  }
}

/** Step 8 up to the version's creation: unzip, meta.json, the upload rules, the root entries. */
async function unzipAndPlan(
  rt: ClusterRuntime,
  req: SandboxRequest,
  file: ReceivedFile,
  projectName: string | undefined,
  folderPath: string,
): Promise<{ reply: Reply } | { plan: UploadPlan; meta: MetaJsonInfo; config: StoredJob['config']; root: RootEntry[] }> {
  const method = req.fullPath;
  const fail = (text: string) => ({ reply: error(method, text) });
  let overview;
  try {
    overview = await readZipOverview(file.path);
  } catch (e) {
    if (!(e instanceof ZipUnreadable)) throw e;
    // `unzip` runs with stderr merged into stdout, so the exception it raises has an empty message.
    return fail('Exception: ');
  }
  if (extractionMissesMetaJson(file.fileName) || overview.metaJson === undefined) {
    return fail(rootCauseOfLinkis('FileException', 30603, 'meta.json', rt.server));
  }
  const parsed = parseMetaJson(overview.metaJson);
  if (!parsed.ok) return fail(parsed.rootCause);
  const decision = planUpload({ formProjectName: projectName, meta: parsed.meta, strictProjectName: rt.switches.projectNameStrictCheck, server: rt.server }, (p, j) => {
    const job = rt.store.jobByName(p, j);
    return job && { id: job.id, name: job.name, jobType: job.jobType, versions: rt.store.versionsOf(job.id).map((v) => v.version) };
  });
  if (!decision.ok) return fail(decision.rootCause);
  const config = storedConfig(decision.plan.jobConfig);
  const rootProblem = rootEntriesProblem(rt, folderPath, overview.root);
  if (rootProblem) return fail(rootProblem);

  return { plan: decision.plan, meta: parsed.meta, config, root: overview.root };
}

/** `uploadFiles`: every name is checked first, then the BML upload fails on a directory. */
function rootEntriesProblem(rt: ClusterRuntime, folderPath: string, root: RootEntry[]): string | undefined {
  const uploaded = root.filter((e) => isUploadedRootEntry(e.name));
  const badName = uploaded.find((e) => !rootEntryNameOk(e.name));
  if (badName) {
    return rootCauseOfLinkis('FileException', 30601, `${badName.name} should only contains numeric/English characters and '-'(仅允许包含数字，英文和中划线)`, rt.server);
  }
  const directory = uploaded.find((e) => e.isDirectory);
  if (directory) {
    return `FileNotFoundException: ${folderPath}/${directory.name} (Is a directory)`;
  }
  return undefined;
}

async function commit(
  rt: ClusterRuntime,
  user: string,
  plan: UploadPlan,
  meta: MetaJsonInfo,
  config: StoredJob['config'],
  source: string | null,
  file: ReceivedFile,
  root: RootEntry[],
): Promise<number> {
  const store = rt.store;
  const now = Date.now();
  let job = plan.existing ? store.job(plan.existing.id) : undefined;
  if (!job) {
    job = {
      id: store.nextId('job'),
      name: plan.jobName,
      projectName: plan.projectName,
      jobType: plan.jobType,
      createBy: user,
      submitUser: user,
      label: meta.tags,
      description: meta.description,
      createTime: now,
      enable: true,
      currentVersion: plan.version,
      config,
    };
    store.data.jobs.push(job);
  } else {
    // A running job keeps its current version; the new one waits (versionForwards).
    const latestTask = store.latestTask(job.id);
    if (!latestTask || isCompleted(latestTask.status)) job.currentVersion = plan.version;
    if (meta.description !== null && meta.description !== '') job.description = meta.description;
    job.config = config;
  }
  const zip = path.join('packages', String(job.id), `${plan.version}.zip`);
  const version: StoredVersion = {
    id: store.nextId('version'),
    jobId: job.id,
    version: plan.version,
    source,
    jobContent: meta.metaInfo,
    comment: isBlank(meta.comment) ? 'upload by user.' : (meta.comment as string),
    createTime: now,
    createBy: user,
    files: root.filter((e) => isUploadedRootEntry(e.name)).map((e) => ({ id: store.nextId('file'), name: e.name })),
    zip,
    // Computed when a test asks (jobs()): hashing every byte on receipt made the sandbox, not
    // stms, the bottleneck of the release benchmark.
    md5: null,
  };
  // Every change to the state is made before the first await, so concurrent uploads of one job
  // cannot take the same version (the real server locks the job row).
  store.data.versions.push(version);
  await mkdir(path.join(store.folder, 'packages', String(job.id)), { recursive: true });
  await rename(file.path, path.join(store.folder, zip));
  await store.persist();
  return job.id;
}
