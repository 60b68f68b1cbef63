import { ReplyError, springError } from '../envelope.js';

/**
 * Jackson binding of a typed request body (UpdateContentRequest, JobBulkRequest, …) with Linkis
 * 1.7.0's plain ObjectMapper: an unknown property or a value of the wrong shape is a non-envelope
 * HTTP 400 (docs/streamis-contract.md §2.1). Scalars are coerced the way Jackson does by default.
 */

export type FieldType = 'Long' | 'String' | 'boolean' | 'List<String>' | 'List<Long>';

export interface BodySpec {
  className: string;
  fields: Record<string, FieldType>;
  /** @JsonAlias: alias -> field. */
  aliases?: Record<string, string>;
}

export function bindTypedBody(path: string, body: unknown, spec: BodySpec): Record<string, unknown> {
  const fail = (message: string): never => {
    throw new ReplyError(springError(path, 400, `JSON parse error: ${message}`));
  };
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    fail(`Cannot deserialize value of type \`${spec.className}\` from ${Array.isArray(body) ? 'Array' : 'scalar'} value`);
  }
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of Object.entries(body as Record<string, unknown>)) {
    const key = spec.aliases?.[rawKey] ?? rawKey;
    const type = spec.fields[key];
    if (!type) {
      fail(`Unrecognized field "${rawKey}" (class ${spec.className}), not marked as ignorable (${Object.keys(spec.fields).length} known properties: ${Object.keys(spec.fields).map((k) => `"${k}"`).join(', ')}])`);
    }
    out[key] = coerce(value, type as FieldType, `${spec.className}["${rawKey}"]`, fail);
  }
  return out;
}

function coerce(value: unknown, type: FieldType, where: string, fail: (m: string) => never): unknown {
  const mismatch = (): never => fail(`Cannot deserialize value of type \`${javaType(type)}\` from ${describe(value)} (through reference chain: ${where})`);
  if (value === null) return type === 'boolean' ? false : null;
  switch (type) {
    case 'Long':
      return toLong(value) ?? mismatch();
    case 'String':
      return typeof value === 'object' ? mismatch() : String(value);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      if (typeof value === 'number' && Number.isInteger(value)) return value !== 0;
      return mismatch();
    case 'List<String>':
      if (!Array.isArray(value)) return mismatch();
      return value.map((v) => (v === null ? null : typeof v === 'object' ? mismatch() : String(v)));
    case 'List<Long>':
      if (!Array.isArray(value)) return mismatch();
      return value.map((v) => (v === null ? null : (toLong(v) ?? mismatch())));
  }
}

/** A Long from a JSON number (fractions truncated, as Jackson's ACCEPT_FLOAT_AS_INT) or a numeric string. */
export function toLong(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}

function javaType(type: FieldType): string {
  return { Long: 'java.lang.Long', String: 'java.lang.String', boolean: 'boolean', 'List<String>': 'java.util.ArrayList<java.lang.String>', 'List<Long>': 'java.util.ArrayList<java.lang.Long>' }[type];
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'Array value';
  if (typeof value === 'object') return 'Object value';
  return `${typeof value === 'string' ? 'String' : typeof value === 'number' ? 'Number' : 'Boolean'} value (${JSON.stringify(value)})`;
}
