import { childPointer, fromPointer, isJsonObject } from '../meta/pointer.js';
import type { Tier } from '../meta/types.js';

/**
 * What `stms plan` shows per cluster: the meta.json that cluster would receive against the one
 * deployed there now, as changes of leaves addressed by JSON Pointer, each with its tier so the
 * reader sees at once whether a level-1 key (which must be the same everywhere) moves.
 * Leaves are scalars, null, arrays (compared whole: `args` is one value) and empty objects.
 */

/** The tier of a key; pass `(p) => levelOf(p, config.tiers)` from src/meta/tiers.ts. */
export type Level = Tier;

export interface MetaChange {
  pointer: string;
  change: 'added' | 'removed' | 'changed';
  /** Absent for `added`. */
  before?: unknown;
  /** Absent for `removed`. */
  after?: unknown;
  level: Level;
}

export interface DiffOptions {
  /**
   * Treat scalars as equal when their text is: the server hands config values back as strings
   * (docs/streamis-contract.md §12 item 14), so a deployed `"2"` and a packaged `2` are no change.
   */
  scalarsAsText?: boolean;
}

/** Changes from `deployed` (undefined: nothing deployed yet) to `next`, sorted by pointer. */
export function diffMeta(deployed: unknown, next: unknown, levelOf: (pointer: string) => Level, options: DiffOptions = {}): MetaChange[] {
  const before = new Map<string, unknown>();
  const after = new Map<string, unknown>();
  if (deployed !== undefined) collectLeaves(deployed, '', before);
  collectLeaves(next, '', after);

  const changes = new Map<string, MetaChange>();
  const put = (change: MetaChange) => changes.set(change.pointer, change);
  for (const [pointer, value] of after) {
    if (before.has(pointer)) {
      const old = before.get(pointer);
      if (!same(old, value, options)) put({ pointer, change: 'changed', before: old, after: value, level: levelOf(pointer) });
      continue;
    }
    // A leaf on one side and an object on the other is one change, at the leaf's pointer.
    const ancestor = leafAncestor(before, pointer);
    if (ancestor !== undefined) {
      put({ pointer: ancestor, change: 'changed', before: before.get(ancestor), after: subtree(after, ancestor), level: levelOf(ancestor) });
      continue;
    }
    const replaced = subtree(before, pointer);
    if (replaced !== undefined) put({ pointer, change: 'changed', before: replaced, after: value, level: levelOf(pointer) });
    else put({ pointer, change: 'added', after: value, level: levelOf(pointer) });
  }
  for (const [pointer, value] of before) {
    // Shape changes were reported from the other side above.
    if (after.has(pointer) || leafAncestor(after, pointer) !== undefined || subtree(after, pointer) !== undefined) continue;
    put({ pointer, change: 'removed', before: value, level: levelOf(pointer) });
  }
  return [...changes.values()].sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
}

function collectLeaves(value: unknown, pointer: string, into: Map<string, unknown>): void {
  if (isJsonObject(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) collectLeaves(child, childPointer(pointer, key), into);
  } else {
    into.set(pointer, value);
  }
}

/** The nearest proper ancestor of `pointer` that is a leaf in `leaves`. */
function leafAncestor(leaves: Map<string, unknown>, pointer: string): string | undefined {
  for (let p = parentOf(pointer); p !== undefined; p = parentOf(p)) {
    if (leaves.has(p)) return p;
  }
  return undefined;
}

function parentOf(pointer: string): string | undefined {
  if (pointer === '') return undefined;
  return pointer.slice(0, pointer.lastIndexOf('/'));
}

/** The object rebuilt from the leaves strictly below `pointer`; undefined when there are none. */
function subtree(leaves: Map<string, unknown>, pointer: string): Record<string, unknown> | undefined {
  let root: Record<string, unknown> | undefined;
  for (const [p, value] of leaves) {
    if (!p.startsWith(`${pointer}/`)) continue;
    root ??= {};
    const tokens = fromPointer(p.slice(pointer.length));
    let node = root;
    tokens.forEach((token, i) => {
      if (i === tokens.length - 1) node[token] = value;
      else node = (node[token] ??= {}) as Record<string, unknown>;
    });
  }
  return root;
}

function same(a: unknown, b: unknown, options: DiffOptions): boolean {
  if (options.scalarsAsText && isScalar(a) && isScalar(b)) return String(a) === String(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
