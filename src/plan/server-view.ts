import { isJsonObject } from '../meta/pointer.js';
import type { JsonValue, MetaJson } from '../meta/types.js';

/**
 * What the server keeps of a meta.json (streamis-api.md §4.3, §6.6), so `plan` compares like with
 * like: the rendered meta.json as the server would store it against what the cluster holds now.
 * Pure. The config rules follow the seeded definitions: only the four groups are kept, a defined
 * key in another group is dropped, nested objects and nulls are dropped, other values become
 * strings (arrays as Java list text), and missing keys with a default are added.
 */

export const CONFIG_GROUPS = ['wds.linkis.flink.resource', 'wds.linkis.flink.custom', 'wds.linkis.flink.produce', 'wds.linkis.flink.authority'] as const;
type Group = (typeof CONFIG_GROUPS)[number];

/** The seeded definitions (`db/streamis_dml.sql`): the group of each defined key and its default. */
const DEFINED: Record<string, { group: Group; default?: string }> = {
  'wds.linkis.flink.app.parallelism': { group: 'wds.linkis.flink.resource', default: '4' },
  'wds.linkis.flink.jobmanager.memory': { group: 'wds.linkis.flink.resource', default: '1024' },
  'wds.linkis.flink.taskmanager.memory': { group: 'wds.linkis.flink.resource', default: '4096' },
  'wds.linkis.flink.taskmanager.numberOfTaskSlots': { group: 'wds.linkis.flink.resource', default: '2' },
  'wds.linkis.flink.taskmanager.cpus': { group: 'wds.linkis.flink.resource', default: '2' },
  'wds.linkis.rm.yarnqueue': { group: 'wds.linkis.flink.resource' },
  'wds.linkis.flink.checkpoint.switch': { group: 'wds.linkis.flink.produce', default: 'OFF' },
  'wds.linkis.flink.savepoint.path': { group: 'wds.linkis.flink.produce' },
  'wds.linkis.flink.alert.failure.user': { group: 'wds.linkis.flink.produce' },
  'wds.linkis.flink.app.fail-restart.switch': { group: 'wds.linkis.flink.produce', default: 'OFF' },
  'wds.linkis.flink.app.start-auto-restore.switch': { group: 'wds.linkis.flink.produce', default: 'ON' },
  'linkis.ec.app.manage.mode': { group: 'wds.linkis.flink.produce', default: 'detach' },
  'wds.linkis.flink.authority.visible': { group: 'wds.linkis.flink.authority' },
};

export type StoredConfig = Record<string, Record<string, string>>;

/** The job configuration the server stores for this meta.json's `jobConfig`. */
export function storedConfig(jobConfig: unknown): StoredConfig {
  const out: StoredConfig = {};
  const input = isJsonObject(jobConfig) ? jobConfig : {};
  for (const group of CONFIG_GROUPS) {
    const raw = input[group];
    if (!isJsonObject(raw)) continue;
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw)) {
      const defined = DEFINED[key];
      if ((defined && defined.group !== group) || value === null || isJsonObject(value)) continue;
      values[key] = javaText(value);
    }
    out[group] = values;
  }
  for (const [key, defined] of Object.entries(DEFINED)) {
    if (defined.default === undefined) continue;
    const group = (out[defined.group] ??= {});
    if (group[key] === undefined || (key === 'linkis.ec.app.manage.mode' && group[key] === '')) group[key] = defined.default;
  }
  return out;
}

/** `String.valueOf` of the value Jackson made of it: lists as `[a, b]`, maps as `{k=v}`. */
export function javaText(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(javaText).join(', ')}]`;
  if (isJsonObject(value)) return `{${Object.entries(value).map(([k, v]) => `${k}=${javaText(v)}`).join(', ')}}`;
  return String(value);
}

/** The parts of a job `plan` can read back from a cluster, keyed as in meta.json. */
export interface JobView {
  projectName?: string;
  jobName?: string;
  jobType?: string;
  tags?: string;
  description?: string;
  comment?: string;
  jobContent?: JsonValue;
  jobConfig?: StoredConfig;
}

/** The view of a rendered meta.json as the server would store it. */
export function viewOfMeta(meta: MetaJson): JobView {
  const text = (key: string) => (typeof meta[key] === 'string' ? { [key]: meta[key] as string } : {});
  return {
    ...text('projectName'),
    ...text('jobName'),
    ...text('jobType'),
    ...text('tags'),
    ...text('description'),
    ...text('comment'),
    ...(meta.jobContent === undefined ? {} : { jobContent: meta.jobContent }),
    jobConfig: storedConfig(meta.jobConfig),
  };
}
