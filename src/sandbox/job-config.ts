import { javaToString } from './gson.js';

/**
 * How the server stores a job's configuration (streamis-api.md §6.6, `saveJobConfig` with the
 * seeded definitions): only the four groups are kept, keys defined under another group are
 * dropped, unknown keys stay as custom keys, nested objects and nulls are dropped, other values
 * become strings (arrays as Java list text), missing keys with a default are added, and the
 * whole previous configuration is replaced.
 */

export type JobConfig = Record<string, Record<string, string>>;

export const GROUPS = ['wds.linkis.flink.resource', 'wds.linkis.flink.custom', 'wds.linkis.flink.produce', 'wds.linkis.flink.authority'] as const;

interface Definition {
  group: (typeof GROUPS)[number];
  default?: string;
}

const DEFINITIONS: Record<string, Definition> = {
  'wds.linkis.flink.app.parallelism': { group: 'wds.linkis.flink.resource', default: '4' },
  'wds.linkis.flink.jobmanager.memory': { group: 'wds.linkis.flink.resource', default: '1024' },
  'wds.linkis.flink.taskmanager.memory': { group: 'wds.linkis.flink.resource', default: '4096' },
  'wds.linkis.flink.taskmanager.numberOfTaskSlots': { group: 'wds.linkis.flink.resource', default: '2' },
  'wds.linkis.flink.taskmanager.cpus': { group: 'wds.linkis.flink.resource', default: '2' },
  'wds.linkis.rm.yarnqueue': { group: 'wds.linkis.flink.resource' },
  'wds.linkis.flink.checkpoint.switch': { group: 'wds.linkis.flink.produce', default: 'OFF' },
  'wds.linkis.flink.savepoint.path': { group: 'wds.linkis.flink.produce' },
  'wds.linkis.flink.alert.failure.user': { group: 'wds.linkis.flink.produce', default: '' },
  'wds.linkis.flink.app.fail-restart.switch': { group: 'wds.linkis.flink.produce', default: 'OFF' },
  'wds.linkis.flink.app.start-auto-restore.switch': { group: 'wds.linkis.flink.produce', default: 'ON' },
  'linkis.ec.app.manage.mode': { group: 'wds.linkis.flink.produce', default: 'detach' },
  'wds.linkis.flink.authority.visible': { group: 'wds.linkis.flink.authority' },
};

export const POLICY_KEY = 'wds.streamis.app.highavailable.policy';
export const PRODUCT_KEY = 'wds.linkis.flink.product';
export const ALERT_USER_KEY = 'wds.linkis.flink.alert.failure.user';
export const SAVEPOINT_PATH_KEY = 'wds.linkis.flink.savepoint.path';
export const AUTO_RESTORE_KEY = 'wds.linkis.flink.app.start-auto-restore.switch';
export const MANAGE_MODE_KEY = 'linkis.ec.app.manage.mode';

export function normalizeJobConfig(input: Record<string, unknown>): JobConfig {
  const out: JobConfig = {};
  for (const group of GROUPS) {
    const raw = input[group];
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) continue;
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      const definition = DEFINITIONS[key];
      if (definition && definition.group !== group) continue;
      if (value === null || value === undefined) continue;
      if (typeof value === 'object' && !Array.isArray(value)) continue;
      values[key] = typeof value === 'number' ? String(value) : javaToString(value);
    }
    out[group] = values;
  }
  for (const [key, definition] of Object.entries(DEFINITIONS)) {
    if (!definition.default) continue;
    const group = (out[definition.group] ??= {});
    if (group[key] === undefined || (key === MANAGE_MODE_KEY && group[key] === '')) group[key] = definition.default;
  }
  return out;
}

/** `getRawConfValue`: a key's value whatever group it is in, or null. */
export function confValue(config: JobConfig, key: string): string | null {
  for (const group of Object.values(config)) if (Object.hasOwn(group, key)) return group[key] ?? null;
  return null;
}
