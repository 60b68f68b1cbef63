/**
 * Just enough of Gson (as Linkis configures it) to rewrite a version's `source` the way the real
 * server does (docs/streamis-contract.md §5.7, §7.3): numbers are doubles, integral ones are written without
 * `.0`, nulls are written, `<>&='` are escaped, and a java.util.HashMap decides the key order.
 */

export type GsonParse =
  | { kind: 'null' } //              blank text or `null`: fromJson returns null (callers then NPE)
  | { kind: 'syntax'; message: string } // JsonSyntaxException (not JSON, or not an object)
  | { kind: 'map'; entries: Array<[string, unknown]> };

/** `gson.fromJson(text, Map.class)` */
export function gsonParseMap(text: string): GsonParse {
  if (text.trim() === '') return { kind: 'null' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'syntax', message: `com.google.gson.stream.MalformedJsonException: ${(error as Error).message}` };
  }
  if (value === null) return { kind: 'null' };
  if (typeof value !== 'object' || Array.isArray(value)) {
    const was = Array.isArray(value) ? 'BEGIN_ARRAY' : typeof value === 'string' ? 'STRING' : typeof value === 'number' ? 'NUMBER' : 'BOOLEAN';
    return { kind: 'syntax', message: `java.lang.IllegalStateException: Expected BEGIN_OBJECT but was ${was} at line 1 column 1 path $` };
  }
  return { kind: 'map', entries: Object.entries(value as Record<string, unknown>) };
}

/** Java's `String.valueOf` of a value Gson parsed (numbers are Doubles). null throws, like Java's NPE. */
export function javaToString(value: unknown): string {
  if (value === null || value === undefined) throw new JavaNullPointer();
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return javaDoubleToString(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === null ? 'null' : javaToString(v))).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}=${v === null ? 'null' : javaToString(v)}`)
    .join(', ')}}`;
}

export class JavaNullPointer extends Error {
  constructor() {
    super('NullPointerException');
    this.name = 'JavaNullPointer';
  }
}

/** `Double.toString`: 1.0, 0.5, 1.0E7, 1.0E-4. */
export function javaDoubleToString(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  const abs = Math.abs(n);
  if (abs === 0 || (abs >= 1e-3 && abs < 1e7)) {
    const text = String(n);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa = '0', exponent = '0'] = n.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** `String.hashCode()` */
export function javaStringHash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i += 1) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}

/**
 * The iteration order of a `java.util.HashMap` filled with these keys in this order (no removals):
 * by bucket of the spread hash in the final table, then by insertion within a bucket. (Buckets
 * of eight or more turn into trees in Java; a version source never has that many colliding keys.)
 */
export function javaHashMapOrder(keys: readonly string[]): string[] {
  let capacity = 16;
  while (keys.length > capacity * 0.75) capacity *= 2;
  const bucket = (key: string) => {
    const h = javaStringHash(key);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return keys
    .map((key, index) => ({ key, index, bucket: bucket(key) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((e) => e.key);
}

/** `gson.toJson(hashMap)` with Linkis's Gson (serializeNulls, integral doubles as longs). */
export function gsonHashMapToJson(entries: ReadonlyArray<readonly [string, unknown]>): string {
  const map = new Map<string, unknown>();
  for (const [k, v] of entries) map.set(k, v);
  const ordered = javaHashMapOrder([...map.keys()]);
  return `{${ordered.map((k) => `${gsonString(k)}:${gsonValue(map.get(k))}`).join(',')}}`;
}

/** Nested objects came from Gson's LinkedTreeMap, which keeps insertion order. */
export function gsonValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return gsonString(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) return BigInt(value).toString();
    return javaDoubleToString(value);
  }
  if (Array.isArray(value)) return `[${value.map(gsonValue).join(',')}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${gsonString(k)}:${gsonValue(v)}`)
    .join(',')}}`;
}

const GSON_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '=': '\\u003d',
  "'": '\\u0027',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** Gson's JsonWriter string escaping with HTML-safe mode on (Gson's default). */
export function gsonString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const escaped = GSON_ESCAPES[ch];
    if (escaped) out += escaped;
    else if (ch.charCodeAt(0) < 0x20) out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
