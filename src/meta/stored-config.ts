/**
 * How a Streamis server stores a job's configuration (docs/streamis-contract.md §6.6, `saveJobConfig` with
 * the definitions seeded by db/streamis_dml.sql). One table for the three places that need it:
 * the meta.json rules (warn about keys the server drops), `plan` (compare like with like) and the
 * sandbox (store what the real server stores). Pure.
 */

export const CONFIG_GROUPS = ['wds.linkis.flink.resource', 'wds.linkis.flink.custom', 'wds.linkis.flink.produce', 'wds.linkis.flink.authority'] as const;
export type ConfigGroup = (typeof CONFIG_GROUPS)[number];

export interface ConfigDefinition {
  group: ConfigGroup;
  /** Added when the key is missing; a blank default is never added. */
  default?: string;
}

/** The seeded definitions: the group of each defined key and its default. */
export const CONFIG_DEFINITIONS: Readonly<Record<string, ConfigDefinition>> = {
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

const MANAGE_MODE = 'linkis.ec.app.manage.mode';

export type StoredConfig = Record<string, Record<string, string>>;

/**
 * The configuration the server keeps for a `jobConfig`: only the four groups; a key defined under
 * another group is dropped; unknown keys stay as custom keys of their group; nested objects and
 * nulls are dropped; other values become strings (arrays as Java list text); missing keys with a
 * default are added, and an empty manage mode becomes `detach`. The previous one is replaced.
 */
export function storedConfig(jobConfig: unknown): StoredConfig {
  const out: StoredConfig = {};
  const input = isObject(jobConfig) ? jobConfig : {};
  for (const group of CONFIG_GROUPS) {
    const raw = input[group];
    if (!isObject(raw)) continue;
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw)) {
      const defined = CONFIG_DEFINITIONS[key];
      if ((defined && defined.group !== group) || value === null || value === undefined || isObject(value)) continue;
      values[key] = javaText(value);
    }
    out[group] = values;
  }
  for (const [key, defined] of Object.entries(CONFIG_DEFINITIONS)) {
    if (!defined.default) continue;
    const group = (out[defined.group] ??= {});
    if (group[key] === undefined || (key === MANAGE_MODE && group[key] === '')) group[key] = defined.default;
  }
  return out;
}

/** `String.valueOf` of the value Jackson made of the JSON: lists as `[a, b]`, maps as `{k=v}`. */
export function javaText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(javaText).join(', ')}]`;
  if (isObject(value)) return `{${Object.entries(value).map(([k, v]) => `${k}=${javaText(v)}`).join(', ')}}`;
  return String(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
