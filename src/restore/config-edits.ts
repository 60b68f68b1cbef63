import { CONFIG_GROUPS } from '../meta/stored-config.js';
import type { RestoreMode } from './restore-mode.js';

/**
 * The decisions of a start that restores from a known savepoint, as pure functions over the job's
 * configuration map (config/json): which keys to change for the start, the whole map to send
 * back (the server replaces the configuration whole), and what to undo afterwards given the map
 * as it is then. Only the produce group is read by a start; a key in any other group is dropped
 * by the server, so every edit goes there.
 */

export const PRODUCE_GROUP = 'wds.linkis.flink.produce';
export const SAVEPOINT_PATH_KEY = 'wds.linkis.flink.savepoint.path';
export const AUTO_RESTORE_KEY = 'wds.linkis.flink.app.start-auto-restore.switch';

/** One key stms changes for one start. `old` null: the key was absent. */
export interface ConfigEdit {
  group: typeof PRODUCE_GROUP;
  key: string;
  old: string | null;
  new: string;
}

export type JobConfigMap = Record<string, unknown>;

function groupOf(config: JobConfigMap, group: string): Record<string, unknown> {
  const value = config[group];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The value of a produce-group key as the server stores it (a string), or null. */
export function produceValue(config: JobConfigMap, key: string): string | null {
  const value = groupOf(config, PRODUCE_GROUP)[key];
  return typeof value === 'string' ? value : value === undefined || value === null ? null : String(value);
}

/**
 * The edits a start with `mode` needs. `savepoint`: the path the stop produced (required for
 * that mode). `latest` changes nothing. A key that already holds the wanted value is not edited.
 */
export function plannedEdits(config: JobConfigMap, mode: RestoreMode, savepoint?: string): ConfigEdit[] {
  const wanted: Array<[string, string]> = [];
  if (mode.kind === 'savepoint') {
    if (!savepoint) throw new RangeError('restoring from the savepoint needs the savepoint path');
    wanted.push([SAVEPOINT_PATH_KEY, savepoint]);
  } else if (mode.kind === 'path') {
    wanted.push([SAVEPOINT_PATH_KEY, mode.path]);
  } else if (mode.kind === 'none') {
    wanted.push([AUTO_RESTORE_KEY, 'OFF']);
    // A configured path is restored from whatever the switch says: clear it for a fresh start.
    if ((produceValue(config, SAVEPOINT_PATH_KEY) ?? '').trim() !== '') wanted.push([SAVEPOINT_PATH_KEY, '']);
  }
  return wanted
    .map(([key, value]) => ({ group: PRODUCE_GROUP, key, old: produceValue(config, key), new: value }) as ConfigEdit)
    .filter((edit) => edit.old !== edit.new);
}

/**
 * The whole map to POST with `edits` applied: the groups only (`editEnable` and `template` are
 * the server's, not the job's), every other key as it was read.
 */
export function withEdits(config: JobConfigMap, edits: readonly ConfigEdit[], direction: 'apply' | 'undo' = 'apply'): JobConfigMap {
  const body: JobConfigMap = {};
  for (const group of CONFIG_GROUPS) if (group in config) body[group] = { ...groupOf(config, group) };
  for (const [key, value] of Object.entries(config)) {
    if (key !== 'editEnable' && key !== 'template' && !(key in body)) body[key] = value;
  }
  for (const edit of edits) {
    const group = { ...groupOf(body, edit.group) };
    const value = direction === 'apply' ? edit.new : edit.old;
    if (value === null) delete group[edit.key];
    else group[edit.key] = value;
    body[edit.group] = group;
  }
  return body;
}

export interface UndoDecision {
  /** Edits whose key still holds stms's value: put back. */
  undo: ConfigEdit[];
  /** Edits someone replaced meanwhile (a release, the web page): their value wins, left alone. */
  superseded: ConfigEdit[];
}

/** What to undo, given the configuration as it is now. */
export function undoDecision(current: JobConfigMap, edits: readonly ConfigEdit[]): UndoDecision {
  const decision: UndoDecision = { undo: [], superseded: [] };
  for (const edit of edits) (produceValue(current, edit.key) === edit.new ? decision.undo : decision.superseded).push(edit);
  return decision;
}
