import type { VarsFile } from './vars-file.js';
import { childPointer, isJsonObject } from './pointer.js';
import type { JsonValue, MetaTarget } from './types.js';

/**
 * Variables in meta.json (docs/concepts.md "Variables"): a string that is exactly `[@NAME]` is
 * replaced by the value, of any JSON type; `[@NAME]` inside a longer string is interpolation
 * and needs a scalar. Keys are never substituted: the server would receive `[@NAME]` as the key.
 */

const WHOLE = /^\[@([A-Za-z0-9_.-]+)\]$/;
const REFERENCE = /\[@([A-Za-z0-9_.-]+)\]/g;

export interface VariableUse {
  name: string;
  /** The string value that holds the reference. */
  pointer: string;
  /** `"[@NAME]"` alone (any JSON type) rather than inside a longer string (scalars only). */
  whole: boolean;
}

export interface VariableScan {
  uses: VariableUse[];
  /** Strings with `[@` that is not a well-formed reference (`[@]`, `[@A B]`, `[@A`). */
  malformed: Array<{ pointer: string; text: string }>;
  /** Keys that contain a reference; it stays as written. */
  keysWithReferences: string[];
}

export function variableNamesIn(text: string): string[] {
  return [...text.matchAll(REFERENCE)].map((m) => m[1] as string);
}

export function isWholeReference(text: string): boolean {
  return WHOLE.test(text);
}

/** True when the value holds a reference anywhere (as a string or inside arrays and objects). */
export function containsReference(value: JsonValue): boolean {
  if (typeof value === 'string') return variableNamesIn(value).length > 0;
  if (Array.isArray(value)) return value.some(containsReference);
  if (isJsonObject(value)) return Object.values(value).some(containsReference);
  return false;
}

export function scanVariables(root: JsonValue): VariableScan {
  const scan: VariableScan = { uses: [], malformed: [], keysWithReferences: [] };
  const visit = (value: JsonValue, pointer: string): void => {
    if (typeof value === 'string') {
      const names = variableNamesIn(value);
      const whole = names.length === 1 && WHOLE.test(value);
      for (const name of names) scan.uses.push({ name, pointer, whole });
      if (value.replace(REFERENCE, '').includes('[@')) scan.malformed.push({ pointer, text: value });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, childPointer(pointer, i)));
    } else if (isJsonObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        const itemPointer = childPointer(pointer, key);
        if (key.includes('[@')) scan.keysWithReferences.push(itemPointer);
        visit(item, itemPointer);
      }
    }
  };
  visit(root, '');
  return scan;
}

export type Lookup =
  | { found: true; value: unknown; section: string }
  | { found: false; sections: string[] };

/** The most specific definition wins: clusters.<name> > idc.<idc> > global. */
export function lookupVariable(vars: VarsFile | undefined, name: string, target: MetaTarget): Lookup {
  const sections: Array<[string, Record<string, unknown> | undefined]> = [
    [`clusters.${target.name}`, vars?.clusters?.[target.name]],
    [`idc.${target.idc}`, vars?.idc?.[target.idc]],
    ['global', vars?.global],
  ];
  for (const [section, values] of sections) {
    if (values && Object.hasOwn(values, name)) return { found: true, value: values[name], section };
  }
  return { found: false, sections: sections.map(([section]) => section) };
}

/** Every variable a vars file defines, with where (a pointer into the vars file). */
export function definedVariables(vars: VarsFile): Array<{ name: string; pointer: string }> {
  const out: Array<{ name: string; pointer: string }> = [];
  for (const name of Object.keys(vars.global ?? {})) out.push({ name, pointer: childPointer('/global', name) });
  for (const section of ['idc', 'clusters'] as const) {
    for (const [group, values] of Object.entries(vars[section] ?? {})) {
      for (const name of Object.keys(values)) out.push({ name, pointer: childPointer(childPointer(`/${section}`, group), name) });
    }
  }
  return out;
}

/**
 * A vars value as JSON, or undefined when it is not one. YAML turns `2024-01-01` into a Date
 * and `.nan` into NaN; neither can be written into meta.json.
 */
export function asJson(value: unknown): JsonValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) {
    const items = value.map(asJson);
    return items.some((item) => item === undefined) ? undefined : (items as JsonValue[]);
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      const json = asJson(item);
      if (json === undefined) return undefined;
      Object.defineProperty(out, key, { value: json, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return undefined;
}

export function describeJsonType(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
