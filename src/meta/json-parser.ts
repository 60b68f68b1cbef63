import { childPointer } from './pointer.js';
import type { JsonObject, JsonValue } from './types.js';

/**
 * A strict JSON parser that accepts what a default Jackson ObjectMapper accepts (no comments,
 * trailing commas, single quotes, unquoted names, leading zeros, NaN, control characters in
 * strings, or escapes other than JSON's) and remembers where each key stands, so problems can
 * name a line and column. JSON.parse cannot do either.
 */

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly hint: string | undefined,
  ) {
    super(message);
  }
}

export interface ParsedJson {
  value: JsonValue;
  /** Offset just after the root value. Jackson ignores whatever follows it. */
  end: number;
  /** Offset of each key (and array element) by JSON Pointer; the last occurrence wins. */
  offsets: Map<string, number>;
  /** Keys seen twice in one object; Jackson keeps the last value. */
  duplicates: Array<{ pointer: string; offset: number }>;
  /** Numbers whose text would change when written back (`1.0`, `1e3`, `-0`, beyond 2^53). */
  lossyNumbers: Array<{ pointer: string; offset: number; text: string }>;
}

/** Jackson's StreamReadConstraints default nesting limit. */
const MAX_DEPTH = 1000;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function parseStrictJson(text: string): ParsedJson {
  const offsets = new Map<string, number>();
  const duplicates: ParsedJson['duplicates'] = [];
  const lossyNumbers: ParsedJson['lossyNumbers'] = [];
  let pos = 0;

  const fail = (message: string, at = pos, hint?: string): never => {
    throw new JsonSyntaxError(message, at, hint);
  };
  const describe = (at: number): string => (at >= text.length ? 'end of input' : `character ${JSON.stringify(text[at])}`);

  const skipWhitespace = (): void => {
    while (pos < text.length) {
      const c = text[pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') pos++;
      else if (c === '/' && (text[pos + 1] === '/' || text[pos + 1] === '*')) fail('comments are not allowed in JSON', pos, 'Remove the comment: the server parses meta.json as strict JSON.');
      else if (c === '#') fail('comments are not allowed in JSON', pos, 'Remove the # annotation: it is illustration in the Streamis docs, the server rejects it.');
      else break;
    }
  };

  const parseString = (): string => {
    const start = pos;
    pos++; // opening quote
    let out = '';
    let chunk = pos;
    while (true) {
      if (pos >= text.length) fail('unterminated string', start, 'Close the string with a double quote.');
      const code = text.charCodeAt(pos);
      if (code === 0x22) break;
      if (code < 0x20) fail(`control character U+${code.toString(16).padStart(4, '0').toUpperCase()} inside a string`, pos, 'Escape it (\\n, \\t, \\u0000) or remove it.');
      if (code === 0x5c) {
        out += text.slice(chunk, pos);
        const e = text[pos + 1] ?? '';
        if (e === 'u') {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('invalid \\u escape: four hex digits expected', pos);
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 6;
        } else if (Object.hasOwn(ESCAPES, e)) {
          out += ESCAPES[e];
          pos += 2;
        } else {
          fail(`invalid escape \\${e}`, pos, 'JSON allows only \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a backslash as \\\\.');
        }
        chunk = pos;
        continue;
      }
      pos++;
    }
    out += text.slice(chunk, pos);
    pos++; // closing quote
    return out;
  };

  const parseValue = (pointer: string, depth: number): JsonValue => {
    skipWhitespace();
    if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH} levels`);
    const c = text[pos];
    if (c === '{') return parseObject(pointer, depth);
    if (c === '[') return parseArray(pointer, depth);
    if (c === '"') return parseString();
    if (c === "'") fail('single quotes are not allowed in JSON', pos, 'Use double quotes.');
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, pos) && !/[A-Za-z0-9_$]/.test(text[pos + word.length] ?? '')) {
        pos += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = pos;
    const match = NUMBER.exec(text);
    if (match && match[0] !== '-') {
      const raw = match[0];
      const after = text[pos + raw.length] ?? '';
      if (/[0-9]/.test(after) && /^-?0$/.test(raw)) fail('leading zeros are not allowed in numbers', pos, 'Write the number without leading zeros, or as a string.');
      if (/[A-Za-z0-9_.$]/.test(after)) fail(`invalid number starting ${JSON.stringify(raw + after)}`, pos);
      const value = Number(raw);
      if (JSON.stringify(value) !== raw) lossyNumbers.push({ pointer, offset: pos, text: raw });
      pos += raw.length;
      return value;
    }
    return fail(`unexpected ${describe(pos)}: a value was expected`, pos, c !== undefined && /[A-Za-z_]/.test(c) ? 'Text values need double quotes; true, false and null are lower case.' : undefined);
  };

  const parseObject = (pointer: string, depth: number): JsonObject => {
    const object: JsonObject = {};
    const seen = new Set<string>();
    pos++;
    skipWhitespace();
    if (text[pos] === '}') {
      pos++;
      return object;
    }
    while (true) {
      skipWhitespace();
      const keyAt = pos;
      if (text[pos] === '}') fail('unexpected "}" after a trailing comma: a key was expected', pos, 'Remove the trailing comma.');
      if (text[pos] === "'") fail('single quotes are not allowed in JSON', pos, 'Put the key in double quotes.');
      if (text[pos] !== '"') fail(`unexpected ${describe(pos)}: a key in double quotes was expected`, pos, 'Put the key in double quotes.');
      const key = parseString();
      const keyPointer = childPointer(pointer, key);
      if (seen.has(key)) duplicates.push({ pointer: keyPointer, offset: keyAt });
      seen.add(key);
      offsets.set(keyPointer, keyAt);
      skipWhitespace();
      if (text[pos] !== ':') fail(`unexpected ${describe(pos)}: ":" was expected after key ${JSON.stringify(key)}`);
      pos++;
      const value = parseValue(keyPointer, depth + 1);
      // defineProperty: a key named __proto__ must be data, as it is for Jackson, not a prototype.
      Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
      skipWhitespace();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === '}') {
        pos++;
        return object;
      }
      fail(`unexpected ${describe(pos)}: "," or "}" was expected`, pos, text[pos] === '"' ? 'A comma is missing between two entries.' : undefined);
    }
  };

  const parseArray = (pointer: string, depth: number): JsonValue[] => {
    const array: JsonValue[] = [];
    pos++;
    skipWhitespace();
    if (text[pos] === ']') {
      pos++;
      return array;
    }
    while (true) {
      skipWhitespace();
      if (text[pos] === ']' && array.length > 0) fail('unexpected "]" after a trailing comma: a value was expected', pos, 'Remove the trailing comma.');
      const itemPointer = childPointer(pointer, array.length);
      offsets.set(itemPointer, pos);
      array.push(parseValue(itemPointer, depth + 1));
      skipWhitespace();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === ']') {
        pos++;
        return array;
      }
      fail(`unexpected ${describe(pos)}: "," or "]" was expected`, pos, text[pos] === '"' ? 'A comma is missing between two elements.' : undefined);
    }
  };

  skipWhitespace();
  if (pos >= text.length) fail('no content: the file is empty', pos, 'meta.json must hold one JSON object.');
  offsets.set('', pos);
  const value = parseValue('', 0);
  return { value, end: pos, offsets, duplicates, lossyNumbers };
}
