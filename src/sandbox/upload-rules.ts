import { rootCauseOfLinkis, type ServerIdentity } from './envelope.js';
import { isBlank, type MetaJsonInfo } from './meta-json.js';
import { nextUploadVersion } from './versions.js';

/**
 * What `uploadJob` decides once meta.json is parsed (docs/streamis-contract.md §4.3, §6.3), in the
 * server's order: project-name rule, jobName, projectName, jobType, jobContent, jobType fixed
 * once created, then jobConfig and its produce group. Failures are the root-cause text the upload
 * answers with; the transaction is rolled back, so nothing is stored.
 */

export const SUPPORTED_JOB_TYPES = 'flink.jar,flink.sql,spark.jar';
export const PRODUCE_GROUP = 'wds.linkis.flink.produce';

export interface ExistingJob {
  id: number;
  name: string;
  jobType: string;
  versions: string[];
}

export interface UploadPlan {
  projectName: string;
  jobName: string;
  jobType: string;
  existing: ExistingJob | undefined;
  version: string;
  jobConfig: Record<string, unknown>;
}

export type UploadDecision = { ok: true; plan: UploadPlan } | { ok: false; rootCause: string };

export function planUpload(
  input: { formProjectName: string | undefined; meta: MetaJsonInfo; strictProjectName: boolean; server: ServerIdentity },
  findJob: (projectName: string, jobName: string) => ExistingJob | undefined,
): UploadDecision {
  const { meta, server } = input;
  const fail = (desc: string): UploadDecision => ({ ok: false, rootCause: rootCauseOfLinkis('JobCreateErrorException', 30030, desc, server) });

  let projectName = meta.projectName;
  const form = input.formProjectName;
  if (!isBlank(form) && form !== projectName) {
    if (input.strictProjectName && !isBlank(projectName)) return fail(`The projectName [${form}] dose not match metaJson ProjectName [${projectName}]`);
    // Otherwise the form's name silently wins (the privilege check was made on it).
    projectName = form ?? null;
  }
  if (isBlank(meta.jobName)) return fail('jobName is needed.');
  if (isBlank(projectName)) return fail('projectName is needed.');
  const jobName = meta.jobName as string;
  const existing = findJob(projectName as string, jobName);

  if (isBlank(meta.jobType)) return fail('jobType is needed.');
  const jobType = meta.jobType as string;
  // A substring test: `flink` or `jar` pass here and fail later.
  if (!SUPPORTED_JOB_TYPES.includes(jobType)) return fail(`jobType ${jobType} is not supported.`);
  if (meta.jobContent === null || Object.keys(meta.jobContent).length === 0) return fail('jobContent is needed.');
  const version = nextUploadVersion(existing?.versions ?? []);
  if (existing && existing.jobType !== jobType) {
    return fail(`StreamJob-${existing.name} has already created with jobType ${existing.jobType}, you cannot change it to ${jobType}.`);
  }
  if (meta.jobConfig === null) return fail('meta_json does not contain jobConfig, please check');
  if (!Object.hasOwn(meta.jobConfig, PRODUCE_GROUP) || meta.jobConfig[PRODUCE_GROUP] === null) {
    return fail(`jobConfig does not contain ${PRODUCE_GROUP}, please check`);
  }
  return { ok: true, plan: { projectName: projectName as string, jobName, jobType, existing, version, jobConfig: meta.jobConfig } };
}
