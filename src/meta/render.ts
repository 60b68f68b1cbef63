import type { VarsFile } from './vars-file.js';
import type { Problem } from './problem.js';
import { childPointer, isJsonObject } from './pointer.js';
import { levelOf } from './tiers.js';
import type { JsonValue, MetaJson, MetaTarget, Tier } from './types.js';
import { asJson, describeJsonType, isWholeReference, lookupVariable, variableNamesIn } from './variables.js';

export interface RenderOptions {
  /** Name of meta.json for problems. */
  file?: string;
  /** Name of the vars file, for the hint of an unresolved variable. */
  varsFile?: string;
  /** The config's tiers, so problems carry the level of their key. */
  tiers?: Record<string, Tier>;
}

export interface RenderResult {
  /** The meta.json this target receives; undefined when a variable did not resolve. */
  meta: MetaJson | undefined;
  problems: Problem[];
}

/** Replaces the variables of meta.json with their values for one target cluster. */
export function renderMeta(meta: MetaJson, vars: VarsFile | undefined, target: MetaTarget, options: RenderOptions = {}): RenderResult {
  const file = options.file ?? 'meta.json';
  const varsName = options.varsFile ?? 'the vars file';
  const problems: Problem[] = [];
  const report = (pointer: string, code: string, message: string, hint: string): void => {
    problems.push({ severity: 'error', code, message, hint, file, pointer, level: levelOf(pointer, options.tiers), cluster: target.name });
  };

  const resolve = (name: string, pointer: string): { ok: true; value: JsonValue } | { ok: false } => {
    const found = lookupVariable(vars, name, target);
    if (!found.found) {
      report(
        pointer,
        'META_VARIABLE_UNRESOLVED',
        `variable ${name} (at ${pointer}) has no value for cluster ${target.name}: looked in ${found.sections.join(', ')}${vars ? ` of ${varsName}` : ' but no vars file was given'}`,
        vars ? `Define ${name} under global, idc.${target.idc} or clusters.${target.name} in ${varsName}.` : 'Pass --vars <file> or set `vars` in the config.',
      );
      return { ok: false };
    }
    const value = asJson(found.value);
    if (value === undefined) {
      report(
        pointer,
        'META_VARIABLE_VALUE_INVALID',
        `variable ${name} (from ${found.section} of ${varsName}) is not a JSON value (${describeForeign(found.value)}), for cluster ${target.name}`,
        'Quote the value in the vars file: YAML reads 2024-01-01 as a date and .nan as not-a-number.',
      );
      return { ok: false };
    }
    return { ok: true, value };
  };

  let failed = false;
  const substitute = (value: JsonValue, pointer: string): JsonValue => {
    if (typeof value === 'string') {
      const names = variableNamesIn(value);
      if (names.length === 0) return value;
      if (isWholeReference(value)) {
        const resolved = resolve(names[0] as string, pointer);
        if (!resolved.ok) failed = true;
        return resolved.ok ? resolved.value : value;
      }
      return value.replace(/\[@([A-Za-z0-9_.-]+)\]/g, (text, name: string) => {
        const resolved = resolve(name, pointer);
        if (!resolved.ok) {
          failed = true;
          return text;
        }
        const scalar = resolved.value;
        if (typeof scalar === 'string' || typeof scalar === 'number' || typeof scalar === 'boolean') return String(scalar);
        failed = true;
        report(
          pointer,
          'META_VARIABLE_NOT_SCALAR',
          `variable ${name} is used inside the text ${JSON.stringify(value)} at ${pointer} but its value for cluster ${target.name} is ${describeJsonType(scalar)}; only a string, number or boolean can be put inside text`,
          `Make the whole value "[@${name}]" to insert ${describeJsonType(scalar)}, or give ${name} a scalar value.`,
        );
        return text;
      });
    }
    if (Array.isArray(value)) return value.map((item, i) => substitute(item, childPointer(pointer, i)));
    if (isJsonObject(value)) {
      const out: MetaJson = {};
      for (const [key, item] of Object.entries(value)) {
        Object.defineProperty(out, key, { value: substitute(item, childPointer(pointer, key)), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return value;
  };

  const rendered = substitute(meta, '') as MetaJson;
  return { meta: failed ? undefined : rendered, problems };
}

function describeForeign(value: unknown): string {
  if (value instanceof Date) return 'a date';
  if (typeof value === 'number') return String(value);
  return typeof value;
}
