import type { Problem } from './problem.js';
import { didYouMean } from '../util/did-you-mean.js';
import { ALLOWED_VALUES, CONFIG_GROUPS, DEFINED_KEYS, GROUP, KEY } from './keys.js';
import { childPointer, isJsonObject } from './pointer.js';
import type { MetaJson } from './types.js';

/**
 * jobConfig as the server saves it (docs/streamis-contract.md §6.6): the produce group is required;
 * unknown groups, keys defined in another group, nested objects and nulls are dropped without
 * a word; other values are stored as strings (an array as Java list text `[a, b]`).
 */
export function checkJobConfig(meta: MetaJson, file: string): Problem[] {
  const config = meta.jobConfig;
  if (!isJsonObject(config)) return []; // reported by the top level
  const problems: Problem[] = [];
  const add = (p: Omit<Problem, 'file'>) => problems.push({ ...p, file });

  const produce = config[GROUP.produce];
  if (!isJsonObject(produce)) {
    add({
      severity: 'error', code: 'META_PRODUCE_MISSING', pointer: childPointer('/jobConfig', GROUP.produce),
      message: produce === undefined || produce === null
        ? `jobConfig has no "${GROUP.produce}" group: the server rejects the upload`
        : `jobConfig["${GROUP.produce}"] must be an object`,
      hint: `Add "${GROUP.produce}": { "wds.linkis.flink.alert.failure.user": "<you>", … } to jobConfig.`,
    });
  }

  for (const [group, values] of Object.entries(config)) {
    const groupPointer = childPointer('/jobConfig', group);
    if (!CONFIG_GROUPS.includes(group)) {
      add({ severity: 'warning', code: 'META_CONFIG_GROUP_DROPPED', pointer: groupPointer, message: `jobConfig group "${group}" is not one the server knows; it drops the whole group silently.${didYouMean(group, CONFIG_GROUPS)}`, hint: `Move its keys into ${GROUP.custom} (Flink parameters) or ${GROUP.produce}.` });
      continue;
    }
    if (!isJsonObject(values)) {
      // A non-object produce group was reported above; a null group is simply dropped.
      if (group !== GROUP.produce && values !== null) {
        add({ severity: 'error', code: 'META_CONFIG_GROUP_TYPE', pointer: groupPointer, message: `jobConfig["${group}"] must be an object of keys and values`, hint: `Write "${group}": { "<key>": "<value>" }.` });
      }
      continue;
    }
    for (const [key, value] of Object.entries(values)) {
      const pointer = childPointer(groupPointer, key);
      const home = DEFINED_KEYS[key];
      if ((key === KEY.policy || key === KEY.product) && group !== GROUP.produce) {
        add({ severity: 'warning', code: 'META_CONFIG_KEY_MISGROUPED', pointer, message: `${key} belongs in ${GROUP.produce}; stms and the checkpoint settings read it only there`, hint: `Move it into "${GROUP.produce}".` });
      } else if (home !== undefined && home !== group) {
        add({ severity: 'warning', code: 'META_CONFIG_KEY_MISGROUPED', pointer, message: `${key} belongs to ${home}; in ${group} the server drops it silently`, hint: `Move it into "${home}".` });
      } else if (isJsonObject(value)) {
        add({ severity: 'warning', code: 'META_CONFIG_NESTED_DROPPED', pointer, message: `${key} holds an object; the server drops nested objects from jobConfig`, hint: 'Flatten it into keys with string values.' });
      } else if (value === null) {
        add({ severity: 'warning', code: 'META_CONFIG_NULL_DROPPED', pointer, message: `${key} is null; the server drops it`, hint: 'Remove the key or give it a value.' });
      } else if (Array.isArray(value)) {
        add({ severity: 'warning', code: 'META_CONFIG_ARRAY_VALUE', pointer, message: `${key} holds an array; the server stores it as the text "[${value.map(String).join(', ')}]"`, hint: 'Write the value as one string, for example comma-separated.' });
      } else {
        const rule = ALLOWED_VALUES[key];
        const text = String(value);
        if (rule && !rule.pattern.test(text)) {
          add({ severity: 'warning', code: 'META_CONFIG_VALUE', pointer, message: `${key} is "${text}", expected ${rule.expected}`, hint: `The server compares the value literally; write ${rule.expected}.` });
        }
      }
    }
  }
  return problems;
}
