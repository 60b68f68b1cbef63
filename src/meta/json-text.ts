import type { Problem } from './problem.js';
import { JsonSyntaxError, parseStrictJson } from './json-parser.js';
import { isJsonObject } from './pointer.js';
import type { MetaJson } from './types.js';

/**
 * Reads meta.json text the way the server does (docs/streamis-contract.md §6.2): the lines are joined
 * WITHOUT separators, then a default Jackson ObjectMapper parses the result. Positions are
 * reported in the original text, because that is the file the user edits.
 */

export interface Position {
  line: number;
  column: number;
}

export interface MetaText {
  meta: MetaJson | undefined;
  problems: Problem[];
  /** Line and column of a key (or array element) of meta.json, for problem locations. */
  positionOf(pointer: string): Position | undefined;
}

const BOM = '\uFEFF';

export function readMetaText(text: string, file: string): MetaText {
  const problems: Problem[] = [];
  const at = (position: Position | undefined) => (position ? { line: position.line, column: position.column } : {});
  let body = text;
  if (body.startsWith(BOM)) {
    // Jackson reading a String does not skip a BOM: "Unexpected character ('\uFEFF' (code 65279))".
    problems.push({
      severity: 'error', code: 'META_JSON_BOM', file, line: 1, column: 1,
      message: `${file} starts with a byte order mark (BOM); the server fails to parse it`,
      hint: 'Save the file as UTF-8 without BOM.',
    });
    body = body.slice(BOM.length);
  }
  if (body.includes('\uFFFD')) {
    const index = body.indexOf('\uFFFD');
    problems.push({
      severity: 'warning', code: 'META_JSON_ENCODING', file, ...at(positionIn(body, index)),
      message: `${file} is not valid UTF-8 (or holds U+FFFD); the server reads it with the JVM's default charset`,
      hint: 'Save the file as UTF-8.',
    });
  }

  const joined = joinLines(body);
  const locate = (offset: number): Position => joined.locate(offset);
  let parsed;
  try {
    parsed = parseStrictJson(joined.text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const position = locate(error.offset);
    problems.push({
      severity: 'error', code: 'META_JSON_SYNTAX', file, ...position,
      message: `${file} is not valid JSON at line ${position.line}, column ${position.column}: ${error.message}`,
      hint: error.hint ?? 'meta.json must be strict JSON (no comments, no trailing commas, double quotes only).',
    });
    return { meta: undefined, problems, positionOf: () => undefined };
  }

  const positionOf = (pointer: string): Position | undefined => {
    const offset = parsed.offsets.get(pointer);
    return offset === undefined ? undefined : locate(offset);
  };

  if (!isJsonObject(parsed.value)) {
    problems.push({
      severity: 'error', code: 'META_JSON_NOT_OBJECT', file, pointer: '', ...at(positionOf('')),
      message: `${file} must hold a JSON object, not ${parsed.value === null ? 'null' : Array.isArray(parsed.value) ? 'an array' : `a ${typeof parsed.value}`}`,
      hint: 'Write meta.json as { "projectName": …, "jobName": …, "jobType": …, "jobContent": {…}, "jobConfig": {…} }.',
    });
    return { meta: undefined, problems, positionOf };
  }

  // Valid only once the lines are joined: a string or number broken across lines. The server
  // takes it, editors and every other tool do not; almost always an accident.
  try {
    parseStrictJson(body);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const position = positionIn(body, error.offset);
    problems.push({
      severity: 'warning', code: 'META_JSON_LINE_JOIN', file, ...position,
      message: `${file} is valid only because the server joins its lines without separators (line ${position.line}: ${error.message})`,
      hint: 'Keep each string and number on one line; other tools will reject this file.',
    });
  }

  const rest = joined.text.slice(parsed.end);
  const trailing = rest.search(/[^ \t]/);
  if (trailing !== -1) {
    problems.push({
      severity: 'warning', code: 'META_JSON_TRAILING', file, ...locate(parsed.end + trailing),
      message: `${file} has content after its closing "}"; the server ignores it`,
      hint: 'Remove everything after the object that ends meta.json.',
    });
  }
  for (const duplicate of parsed.duplicates) {
    problems.push({
      severity: 'warning', code: 'META_JSON_DUPLICATE_KEY', file, pointer: duplicate.pointer, ...locate(duplicate.offset),
      message: `key ${duplicate.pointer} appears more than once in one object; the server keeps only the last value`,
      hint: 'Remove the earlier occurrence so the file says what the server uses.',
    });
  }
  for (const number of parsed.lossyNumbers) {
    problems.push({
      severity: 'warning', code: 'META_JSON_NUMBER_FORM', file, pointer: number.pointer, ...locate(number.offset),
      message: `number ${number.text} at ${number.pointer} is written back as ${JSON.stringify(Number(number.text))} when stms renders meta.json`,
      hint: `Write it as a string ("${number.text}") to keep it exactly.`,
    });
  }
  return { meta: parsed.value, problems, positionOf };
}

/** Joins lines as Java's BufferedReader.readLine loop does (\n, \r\n and \r end a line). */
function joinLines(text: string): { text: string; locate(offset: number): Position } {
  const starts: number[] = [];
  let out = '';
  for (const line of text.split(/\r\n|\r|\n/)) {
    starts.push(out.length);
    out += line;
  }
  return {
    text: out,
    locate(offset) {
      // The last line that starts at or before the offset (empty lines share a start).
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if ((starts[mid] ?? 0) <= offset) low = mid;
        else high = mid - 1;
      }
      return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
    },
  };
}

/** Line and column of an offset of the unjoined text. */
function positionIn(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}
