import { STATE_DEPTH, type HdfsEntry } from './hdfs-entry.js';

/**
 * A job's Flink state as found in a listing below `{root}/{project}/{job}/` (docs/configuration.md
 * "Standby state"): each `chk-N` and `savepoint-*` folder at most STATE_DEPTH deep with the files
 * in it. A state is complete when its `_metadata` exists; its time is that file's. Which one a
 * start should use, and whether a copy matches its source, are decided here. Pure.
 */

export interface FlinkStateFound {
  /** Absolute path of the chk-N or savepoint folder. */
  path: string;
  /** The folder's path below the job's base, the same for a checkpoint and its copy. */
  key: string;
  kind: 'checkpoint' | 'savepoint';
  /** N of chk-N; null for a savepoint. */
  number: number | null;
  complete: boolean;
  /** `_metadata`'s modification time; the newest file's for an incomplete state. */
  time: number;
  /** File name (relative to the state folder) -> length. */
  files: Record<string, number>;
}

const METADATA = '_metadata';

export function findStates(base: string, entries: readonly HdfsEntry[]): FlinkStateFound[] {
  const prefix = `${base.replace(/\/+$/, '')}/`;
  const states = new Map<string, FlinkStateFound>();
  const stateOf = (parts: string[]): { state: FlinkStateFound; rest: string[] } | undefined => {
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i] as string;
      const chk = /^chk-(\d+)$/.exec(name);
      if (!chk && !name.startsWith('savepoint-')) continue;
      const key = parts.slice(0, i + 1).join('/');
      let state = states.get(key);
      if (!state) {
        state = { path: prefix + key, key, kind: chk ? 'checkpoint' : 'savepoint', number: chk ? Number(chk[1]) : null, complete: false, time: 0, files: {} };
        states.set(key, state);
      }
      return { state, rest: parts.slice(i + 1) };
    }
    return undefined;
  };
  for (const entry of entries) {
    if (!entry.path.startsWith(prefix)) continue;
    const parts = entry.path.slice(prefix.length).split('/').filter((p) => p !== '');
    if (parts.length === 0 || parts.length > STATE_DEPTH) continue;
    const found = stateOf(parts);
    if (!found || entry.type !== 'FILE' || found.rest.length === 0) continue;
    const name = found.rest.join('/');
    found.state.files[name] = entry.length;
    if (name === METADATA) {
      found.state.complete = true;
      found.state.time = entry.modificationTime;
    } else if (!found.state.complete) {
      found.state.time = Math.max(found.state.time, entry.modificationTime);
    }
  }
  return [...states.values()];
}

/** The complete states, newest first (by `_metadata`'s time, then by chk number). */
export function completeStates(states: readonly FlinkStateFound[]): FlinkStateFound[] {
  return states.filter((s) => s.complete).sort((a, b) => b.time - a.time || (b.number ?? -1) - (a.number ?? -1));
}

export interface CopyComparison {
  /** Files of the source the copy lacks. */
  missing: string[];
  /** Files whose length differs. */
  differ: string[];
}

/** A copy against its source by file names and lengths; undefined when they match. */
export function compareCopy(copy: FlinkStateFound, source: FlinkStateFound): CopyComparison | undefined {
  const missing = Object.keys(source.files).filter((name) => !(name in copy.files)).sort();
  const differ = Object.keys(source.files).filter((name) => name in copy.files && copy.files[name] !== source.files[name]).sort();
  return missing.length === 0 && differ.length === 0 ? undefined : { missing, differ };
}
