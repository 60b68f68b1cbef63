import { CONFIG_DEFINITIONS } from './stored-config.js';
/**
 * Names the server gives meaning to (docs/streamis-contract.md §6.2-§6.6, §8), in one place so the rules,
 * the tier table and the JSON Schema spell them the same way.
 */

/** Top-level keys MetaJsonInfo binds; any other key fails the upload. */
export const TOP_LEVEL_KEYS = [
  'projectName',
  'jobName',
  'jobType',
  'tags',
  'description',
  'comment',
  'workspaceName',
  'jobContent',
  'jobConfig',
  'metaInfo',
] as const;

/** Top-level fields bound to Java Strings: scalars are coerced, arrays and objects fail. */
export const STRING_FIELDS = ['projectName', 'jobName', 'jobType', 'tags', 'description', 'comment', 'workspaceName'] as const;

/** DB column limits (db/streamis_ddl.sql): a longer value fails the insert. */
export const FIELD_MAX_LENGTH: Record<string, number> = {
  jobName: 200,
  projectName: 100,
  tags: 200,
  description: 200,
  comment: 255,
};

/** version.job_content is a MySQL TEXT column: 65,535 bytes of compact JSON. */
export const JOB_CONTENT_MAX_BYTES = 65_535;

export const JOB_TYPES = ['flink.sql', 'flink.jar', 'spark.jar'] as const;
export type JobType = (typeof JOB_TYPES)[number];
/** Job types Streamis can start, stop and snapshot (wds.streamis.management.supported.job.types). */
export const STARTABLE_JOB_TYPES: readonly JobType[] = ['flink.sql', 'flink.jar'];

export const SQL_CONTENT_TYPES = ['sql', 'file', 'bml'] as const;

export const GROUP = {
  resource: 'wds.linkis.flink.resource',
  custom: 'wds.linkis.flink.custom',
  produce: 'wds.linkis.flink.produce',
  authority: 'wds.linkis.flink.authority',
} as const;

/** Level-0 definitions: the only top-level jobConfig groups the server keeps. */
export const CONFIG_GROUPS: readonly string[] = Object.values(GROUP);

export const KEY = {
  policy: 'wds.streamis.app.highavailable.policy',
  alertUsers: 'wds.linkis.flink.alert.failure.user',
  product: 'wds.linkis.flink.product',
  yarnQueue: 'wds.linkis.rm.yarnqueue',
  javaOpts: 'env.java.opts',
  manageMode: 'linkis.ec.app.manage.mode',
} as const;

/**
 * Keys the seeded definitions place in a group (db/streamis_dml.sql). A key defined in one
 * group and written in another is dropped silently by the server.
 */
export const DEFINED_KEYS: Record<string, string> = Object.fromEntries(Object.entries(CONFIG_DEFINITIONS).map(([key, d]) => [key, d.group]));

/**
 * Values the definitions allow. The server does not enforce them (validate_rule is ignored),
 * but the code compares them literally, so `on` is not `ON`.
 */
export const ALLOWED_VALUES: Record<string, { pattern: RegExp; expected: string }> = {
  'wds.linkis.flink.checkpoint.switch': { pattern: /^(ON|OFF)$/, expected: 'ON or OFF' },
  'wds.linkis.flink.app.fail-restart.switch': { pattern: /^(ON|OFF)$/, expected: 'ON or OFF' },
  'wds.linkis.flink.app.start-auto-restore.switch': { pattern: /^(ON|OFF)$/, expected: 'ON or OFF' },
  [KEY.manageMode]: { pattern: /^(detach|attach)?$/, expected: 'detach or attach' },
  'wds.linkis.flink.app.parallelism': { pattern: /^([1-9]\d{0,1}|100)$/, expected: 'a whole number from 1 to 100' },
  'wds.linkis.flink.jobmanager.memory': { pattern: /^([1-9]\d{0,4}|100000)$/, expected: 'megabytes, a whole number from 1 to 100000' },
  'wds.linkis.flink.taskmanager.memory': { pattern: /^([1-9]\d{0,4}|100000)$/, expected: 'megabytes, a whole number from 1 to 100000' },
};

/** Name rules (docs/streamis-contract.md §6.8): job/list rejects other characters, so stms could not find the job. */
export const NAME_PATTERN = /^[A-Za-z0-9_.]+$/;
export const PRODUCT_PATTERN = /^[A-Za-z0-9_]+$/;
