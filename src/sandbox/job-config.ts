import type { StoredConfig } from '../meta/stored-config.js';

/**
 * A job's stored configuration (stored the server's way by storedConfig in
 * src/meta/stored-config.ts) and the keys the sandbox reads from it.
 */

export type JobConfig = StoredConfig;

export const POLICY_KEY = 'wds.streamis.app.highavailable.policy';
export const PRODUCT_KEY = 'wds.linkis.flink.product';
export const ALERT_USER_KEY = 'wds.linkis.flink.alert.failure.user';
export const SAVEPOINT_PATH_KEY = 'wds.linkis.flink.savepoint.path';
export const AUTO_RESTORE_KEY = 'wds.linkis.flink.app.start-auto-restore.switch';

/** `getRawConfValue`: a key's value whatever group it is in, or null. */
export function confValue(config: JobConfig, key: string): string | null {
  for (const group of Object.values(config)) if (Object.hasOwn(group, key)) return group[key] ?? null;
  return null;
}
