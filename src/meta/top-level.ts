import type { Problem } from './problem.js';
import { didYouMean } from '../util/did-you-mean.js';
import { FIELD_MAX_LENGTH, JOB_TYPES, NAME_PATTERN, STARTABLE_JOB_TYPES, STRING_FIELDS, TOP_LEVEL_KEYS, type JobType } from './keys.js';
import { childPointer, isJsonObject } from './pointer.js';
import type { JsonValue, MetaJson } from './types.js';

/**
 * Rules for the top level of meta.json: the keys MetaJsonInfo binds, the Java String fields,
 * what the upload requires (docs/streamis-contract.md §6.2-§6.3), the name rules of job/list (§6.8) and
 * the DB column limits.
 */
export function checkTopLevel(meta: MetaJson, file: string): Problem[] {
  const problems: Problem[] = [];
  const add = (p: Omit<Problem, 'file'>) => problems.push({ ...p, file });

  for (const key of Object.keys(meta)) {
    if ((TOP_LEVEL_KEYS as readonly string[]).includes(key)) continue;
    const hint = key === '$schema'
      ? 'Remove it: the server rejects unknown keys. Bind the schema (`stms schema`) in your editor settings instead.'
      : `Remove it or correct the name.${didYouMean(key, TOP_LEVEL_KEYS)} The server accepts only ${TOP_LEVEL_KEYS.join(', ')}.`;
    add({ severity: 'error', code: 'META_UNKNOWN_KEY', pointer: childPointer('', key), message: `unknown top-level key "${key}": the server rejects the upload`, hint });
  }

  for (const key of STRING_FIELDS) {
    if (!Object.hasOwn(meta, key)) continue;
    const value = meta[key] as JsonValue;
    if (Array.isArray(value) || isJsonObject(value)) {
      add({
        severity: 'error', code: 'META_FIELD_TYPE', pointer: `/${key}`,
        message: `${key} must be a string, not ${Array.isArray(value) ? 'an array' : 'an object'}: the server rejects the upload`,
        hint: key === 'tags' && Array.isArray(value) ? `Write the tags as one comma-separated string: "${value.map(String).join(',')}".` : `Write ${key} as a string.`,
      });
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      add({ severity: 'warning', code: 'META_FIELD_COERCED', pointer: `/${key}`, message: `${key} is a ${typeof value}; the server stores it as the text "${String(value)}"`, hint: `Write it as a string: "${String(value)}".` });
    }
  }

  for (const key of ['projectName', 'jobName', 'jobType'] as const) {
    const value = meta[key];
    if (!Array.isArray(value) && !isJsonObject(value) && textOf(value).trim() === '') {
      add({ severity: 'error', code: 'META_REQUIRED', pointer: `/${key}`, message: `${key} is required and must not be blank ("${key} is needed." says the server)`, hint: `Add "${key}" to meta.json.` });
    }
  }
  for (const key of ['jobContent', 'jobConfig'] as const) {
    const value = meta[key];
    if (value === undefined || value === null) {
      add({ severity: 'error', code: 'META_REQUIRED', pointer: `/${key}`, message: `${key} is required: the server rejects a package without it`, hint: key === 'jobConfig' ? 'Add "jobConfig": { "wds.linkis.flink.produce": { … } }.' : 'Add the "jobContent" object for the job type.' });
    } else if (!isJsonObject(value)) {
      add({ severity: 'error', code: 'META_FIELD_TYPE', pointer: `/${key}`, message: `${key} must be an object, not ${Array.isArray(value) ? 'an array' : `a ${typeof value}`}`, hint: `Write ${key} as { … }.` });
    } else if (key === 'jobContent' && Object.keys(value).length === 0) {
      add({ severity: 'error', code: 'META_REQUIRED', pointer: '/jobContent', message: 'jobContent is empty ("jobContent is needed." says the server)', hint: 'Fill jobContent for the job type.' });
    }
  }
  for (const key of ['workspaceName', 'metaInfo'] as const) {
    if (Object.hasOwn(meta, key)) add({ severity: 'warning', code: 'META_IGNORED_KEY', pointer: `/${key}`, message: `${key} is ${key === 'metaInfo' ? 'overwritten' : 'ignored'} by the server`, hint: `Remove ${key}; it has no effect.` });
  }

  for (const key of ['projectName', 'jobName'] as const) {
    const text = textOf(meta[key]);
    if (text.trim() !== '' && !NAME_PATTERN.test(text)) {
      add({
        severity: 'error', code: 'META_NAME_CHARS', pointer: `/${key}`,
        message: `${key} "${text}" may hold only letters, digits, _ and .: the server's job search rejects other characters, so stms could not find the job`,
        hint: `Rename it, for example "${text.replace(/[^A-Za-z0-9_.]+/g, '_')}".`,
      });
    }
  }
  for (const [key, max] of Object.entries(FIELD_MAX_LENGTH)) {
    const length = [...textOf(meta[key])].length;
    if (length > max) add({ severity: 'error', code: 'META_FIELD_TOO_LONG', pointer: `/${key}`, message: `${key} is ${length} characters long; the server's column holds ${max}`, hint: `Shorten ${key} to at most ${max} characters.` });
  }

  const jobType = textOf(meta.jobType);
  if (jobType.trim() !== '' && !(JOB_TYPES as readonly string[]).includes(jobType)) {
    add({ severity: 'error', code: 'META_JOB_TYPE_UNKNOWN', pointer: '/jobType', message: `jobType "${jobType}" is not one of ${JOB_TYPES.join(', ')}.${didYouMean(jobType, JOB_TYPES)}`, hint: 'Use flink.sql or flink.jar (spelled exactly, lower case).' });
  } else if ((JOB_TYPES as readonly string[]).includes(jobType) && !STARTABLE_JOB_TYPES.includes(jobType as JobType)) {
    add({ severity: 'warning', code: 'META_JOB_TYPE_NOT_STARTABLE', pointer: '/jobType', message: `jobType ${jobType} can be uploaded but Streamis cannot start it: stms launch, stop and snapshot will refuse it`, hint: 'A spark.jar job is managed by the application itself.' });
  }
  return problems;
}

/** The text a Java String field receives from a JSON scalar; '' for anything else. */
export function textOf(value: JsonValue | undefined): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
