import type { Problem } from './problem.js';
import { valueAt } from './pointer.js';
import type { JsonValue, MetaJson } from './types.js';

/**
 * Level-2 values may differ per cluster but "the number of parameters stays the same": the same
 * JSON type, the same array length, the same object keys. Compared one level deep, as the rule
 * speaks of the value itself, not of what its elements hold.
 */
export function describeShape(value: JsonValue | undefined): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array of ${value.length}`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return keys.length === 0 ? 'object with no keys' : `object with keys ${keys.join(', ')}`;
  }
  return typeof value;
}

/** One error per level-2 pointer whose resolved values do not share a shape across targets. */
export function checkShapes(pointers: readonly string[], resolved: Record<string, MetaJson>, file = 'meta.json'): Problem[] {
  const clusters = Object.keys(resolved);
  if (clusters.length < 2) return [];
  const problems: Problem[] = [];
  for (const pointer of pointers) {
    const byShape = new Map<string, string[]>();
    for (const cluster of clusters) {
      const shape = describeShape(valueAt(resolved[cluster] as MetaJson, pointer));
      byShape.set(shape, [...(byShape.get(shape) ?? []), cluster]);
    }
    if (byShape.size < 2) continue;
    const listing = [...byShape].map(([shape, names]) => `${names.join(', ')}: ${shape}`).join('; ');
    problems.push({
      severity: 'error',
      code: 'META_TIER2_SHAPE',
      message: `${pointer} is level 2: its value may differ per cluster but not its shape, and here it does (${listing})`,
      hint: 'Give the variable values of the same type on every cluster, with as many array elements and the same object keys.',
      file,
      pointer,
      level: 2,
    });
  }
  return problems;
}
