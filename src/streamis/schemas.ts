import { z } from 'zod';

/**
 * The `data` of each endpoint's success envelope (docs/streamis-contract.md §5). Loose objects: fields the
 * server adds in a later version pass through untouched; only what stms reads is checked, and
 * nullable wherever the server's Java beans can leave a field unset.
 */

/** A Java long: a JSON number, or a numeric string from a JSON-minded proxy. */
const Id = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const Text = z.string().nullish();
const Millis = z.union([z.number(), z.string()]).nullish();
/** Some booleans come back as "true"/"false" from config-backed values. */
const Bool = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

export const UploadData = z.looseObject({ jobId: Id });

/** `QueryJobListVo` of `job/list` (§5.2). `status` is the latest task of the current version. */
export const JobTask = z.looseObject({
  id: Id,
  name: z.string(),
  projectName: Text,
  workspaceName: Text,
  jobType: Text,
  manageMode: Text,
  label: Text,
  createBy: Text,
  createTime: Millis,
  status: z.number().int().nullish(),
  version: Text,
  lastVersion: Text,
  lastVersionTime: Millis,
  versionForwards: z.number().int().nullish(),
  enable: Bool.nullish(),
  description: Text,
});
export type JobTask = z.infer<typeof JobTask>;

export const JobListData = z.looseObject({ tasks: z.array(JobTask).nullish().transform((t) => t ?? []), totalPage: z.number().int().nullish().transform((n) => n ?? 0) });

/** `VersionDetailVo` (§5.3): `id` is the job id, `createBy` the job's creator. */
export const VersionDetail = z.looseObject({ id: Id.nullish(), version: z.string(), description: Text, releaseTime: Text, createBy: Text, projectName: Text });
export type VersionDetail = z.infer<typeof VersionDetail>;

export const VersionsData = z.looseObject({ versions: z.array(VersionDetail).nullish().transform((v) => v ?? []), totalPage: z.number().int().nullish().transform((n) => n ?? 0) });
export const VersionData = z.looseObject({ detail: VersionDetail.nullish().transform((d) => d ?? null) });

/** `StreamJob` row (§5.5); its `status` is always 0 on the server, do not read it. */
export const JobInfo = z.looseObject({ id: Id, name: z.string(), projectName: Text, jobType: Text, createBy: Text, submitUser: Text, label: Text, description: Text, enable: Bool.nullish(), currentVersion: Text });
export type JobInfo = z.infer<typeof JobInfo>;
export const JobInfoData = z.looseObject({ jobInfo: JobInfo.nullish().transform((j) => j ?? null) });

/** `jobContent` differs by job type (§5.6): `{sql}` for flink.sql, the jar fields and `source` for flink.jar. */
export const JobContentData = z.looseObject({ jobContent: z.record(z.string(), z.unknown()).nullish().transform((c) => c ?? null), editEnable: Bool.nullish() });
export type JobContentData = z.infer<typeof JobContentData>;

/** `StreamJobVersion` inside inspect (§5.8): `source` is the raw stored text. */
export const StreamJobVersion = z.looseObject({ id: Id.nullish(), jobId: Id.nullish(), version: z.string(), source: Text, manageMode: Text, jobContent: Text, comment: Text, createBy: Text, createTime: Millis });
export type StreamJobVersion = z.infer<typeof StreamJobVersion>;

export const InspectData = z.looseObject({
  inspections: z.array(z.string()).nullish().transform((i) => i ?? []),
  version: z.looseObject({ now: StreamJobVersion.nullish(), last: StreamJobVersion.nullish() }).nullish(),
  snapshot: z.looseObject({ path: Text }).nullish(),
  list: z.looseObject({ list: z.array(z.looseObject({ applicationId: Text, applicationUrl: Text, applicationState: Text, applicationName: Text })).nullish() }).nullish(),
  highavailable: z.looseObject({ highAvailable: Bool, msg: Text }).nullish(),
});
export type InspectData = z.infer<typeof InspectData>;

/** One entry of `job/status` (§5.10); jobs that never ran are absent. */
export const JobStatus = z.looseObject({ jobId: Id, status: z.string(), statusCode: z.number().int(), message: z.string().nullish() });
export type JobStatus = z.infer<typeof JobStatus>;
export const StatusData = z.looseObject({ result: z.array(JobStatus).nullish().transform((r) => r ?? []) });

export const PathData = z.looseObject({ path: Text });

const BulkBucket = z.looseObject({ data: z.array(z.looseObject({ jobId: Id.nullish(), message: Text })).nullish().transform((d) => d ?? []), count: z.number().int().nullish().transform((n) => n ?? 0) });
const EmptyBucket = { data: [], count: 0 };
/** `BulkResponse` (§5.15/§5.16): `Success` of an execution only means "not failed yet". */
export const BulkData = z.looseObject({
  total: z.number().int().nullish().transform((n) => n ?? 0),
  result: z.looseObject({ Success: BulkBucket.nullish().transform((b) => b ?? EmptyBucket), Failed: BulkBucket.nullish().transform((b) => b ?? EmptyBucket) }),
});
export type BulkData = z.infer<typeof BulkData>;

/** The latest task row; its `id` tells a task the server started anew (auto-restart) from the one watched. */
export const ErrorMessageData = z.looseObject({ details: z.looseObject({ id: Id.nullish(), errDesc: Text, solution: Text }).nullish().transform((d) => d ?? null) });

export const HaMessageData = z.looseObject({ clusterName: z.string(), clusterIp: Text, whetherManager: Bool });
export type HaMessage = z.infer<typeof HaMessageData>;

/** `hasEditPrivilege` of the project service; the server reads a missing flag as false. */
export const EditPrivilegeData = z.looseObject({ editPrivilege: Bool.nullish().transform((b) => b ?? false) });

export const UsernameData = z.looseObject({ userName: z.string(), proxyUser: Text });

/** `config/json/{jobId}`: one object of string values per group, plus `editEnable`/`template`. */
export const JobConfigData = z.record(z.string(), z.unknown());
export type JobConfig = z.infer<typeof JobConfigData>;

export const UpdateContentData = z.looseObject({ jobContent: z.unknown() });

/** Endpoints whose success carries nothing stms reads (`execute`, `ban`, `enable`). */
export const Anything = z.record(z.string(), z.unknown());
