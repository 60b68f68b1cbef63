import { didYouMeanPolicy } from '../ha/policies.js';
import { DEFAULT_POLICY, POLICIES, isPolicy, type Policy } from '../ha/policies.js';
import type { Problem } from './problem.js';
import { GROUP, KEY, PRODUCT_PATTERN, STARTABLE_JOB_TYPES, type JobType } from './keys.js';
import { childPointer, isJsonObject } from './pointer.js';
import type { JsonValue, MetaJson } from './types.js';

/**
 * The production keys the server acts on (docs/streamis-contract.md §5.8, §6.8, §8): the HA policy, the
 * failure-alert users and the product name, all in jobConfig["wds.linkis.flink.produce"].
 */

const PRODUCE = childPointer('/jobConfig', GROUP.produce);
export const POLICY_POINTER = childPointer(PRODUCE, KEY.policy);
export const ALERT_POINTER = childPointer(PRODUCE, KEY.alertUsers);
export const PRODUCT_POINTER = childPointer(PRODUCE, KEY.product);

function produceValue(meta: MetaJson, key: string): JsonValue | undefined {
  const config = meta.jobConfig;
  if (!isJsonObject(config)) return undefined;
  const produce = config[GROUP.produce];
  if (!isJsonObject(produce) || !Object.hasOwn(produce, key)) return undefined;
  return produce[key];
}

/** The raw value at the policy key, as text; undefined when the key is absent (or null). */
export function readPolicy(meta: MetaJson): string | undefined {
  const value = produceValue(meta, KEY.policy);
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The declared policy: absent means single; undefined when it is not spelled exactly right. */
export function declaredPolicy(meta: MetaJson): Policy | undefined {
  const raw = readPolicy(meta);
  if (raw === undefined) return DEFAULT_POLICY;
  return isPolicy(raw) ? raw : undefined;
}

export function checkProduce(meta: MetaJson, file: string): Problem[] {
  const problems: Problem[] = [];
  const add = (p: Omit<Problem, 'file'>) => problems.push({ ...p, file });

  const raw = readPolicy(meta);
  if (raw !== undefined && !isPolicy(raw)) {
    const guess = didYouMeanPolicy(raw);
    add({
      severity: 'error', code: 'META_POLICY_UNKNOWN', pointer: POLICY_POINTER,
      message: `HA policy "${raw}" is not one the server knows (it compares case-sensitively).${guess ? ` Did you mean "${guess}"?` : ''}`,
      hint: `Write one of ${POLICIES.join(', ')}, or remove the key for single. A misspelled policy starts like single but is auto-restarted like a two-cluster job.`,
    });
  }

  // Only execute/inspect enforces this, at start: catch it before the release instead.
  if (STARTABLE_JOB_TYPES.includes(meta.jobType as JobType) && isJsonObject(meta.jobConfig) && isJsonObject(meta.jobConfig[GROUP.produce])) {
    const alert = produceValue(meta, KEY.alertUsers);
    const text = alert === undefined || alert === null || typeof alert === 'object' ? '' : String(alert);
    const entries = javaSplit(text);
    if (entries.every((entry) => entry.trim() === '')) {
      add({ severity: 'error', code: 'META_ALERT_USER_MISSING', pointer: ALERT_POINTER, message: `${KEY.alertUsers} is missing or empty: the server refuses to start the job (未配置有效的失败告警用户)`, hint: `Add "${KEY.alertUsers}": "<user1>,<user2>" to ${GROUP.produce}.` });
    } else if (entries.every((entry) => entry.toLowerCase().includes('hduser'))) {
      add({ severity: 'error', code: 'META_ALERT_USER_HDUSER', pointer: ALERT_POINTER, message: `${KEY.alertUsers} names only hduser ("${text}"): the server refuses to start the job`, hint: 'Name at least one real person as an alert recipient.' });
    }
  }

  const product = produceValue(meta, KEY.product);
  if (product !== undefined && product !== null && !PRODUCT_PATTERN.test(typeof product === 'object' ? '' : String(product))) {
    add({ severity: 'error', code: 'META_PRODUCT_NAME', pointer: PRODUCT_POINTER, message: `product name ${JSON.stringify(product)} may hold only letters, digits and _: the server refuses to start the job`, hint: 'Remove other characters from wds.linkis.flink.product.' });
  }
  return problems;
}

/** Java's String.split(","): trailing empty entries are removed, inner ones kept. */
function javaSplit(text: string): string[] {
  const parts = text.split(',');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
