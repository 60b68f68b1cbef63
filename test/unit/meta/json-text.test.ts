import { describe, expect, it } from 'vitest';
import { readMetaText } from '../../../src/meta/json-text.js';
import { parseStrictJson } from '../../../src/meta/json-parser.js';
import { codes, only } from './fixtures.js';

const read = (text: string) => readMetaText(text, 'meta.json');

describe('meta.json syntax, as the server parses it', () => {
  // [what, text, line, column, words in the message]
  const malformed: Array<[string, string, number, number, string]> = [
    ['a // comment', '{\n  "a": 1 // note\n}', 2, 10, 'comments'],
    ['a /* comment */', '{ /* x */ "a": 1 }', 1, 3, 'comments'],
    ['a # annotation from the docs', '{\n  "jobType": "flink.jar",  # 1\n}', 2, 28, 'comments'],
    ['a trailing comma in an object', '{\n  "a": 1,\n}', 3, 1, 'trailing comma'],
    ['a trailing comma in an array', '{ "a": [1, 2,] }', 1, 14, 'trailing comma'],
    ['single quotes on a value', "{ \"a\": 'x' }", 1, 8, 'single quotes'],
    ['single quotes on a key', "{ 'a': 1 }", 1, 3, 'single quotes'],
    ['an unquoted key', '{ a: 1 }', 1, 3, 'double quotes'],
    ['an unquoted value', '{ "a": yes }', 1, 8, 'a value was expected'],
    ['True in capitals', '{ "a": True }', 1, 8, 'a value was expected'],
    ['a leading zero', '{ "a": 01 }', 1, 8, 'leading zeros'],
    ['NaN', '{ "a": NaN }', 1, 8, 'a value was expected'],
    ['a plus sign', '{ "a": +1 }', 1, 8, 'a value was expected'],
    ['a bare decimal point', '{ "a": 1. }', 1, 8, 'invalid number'],
    ['a tab inside a string', '{ "a": "x\ty" }', 1, 10, 'control character'],
    ['an invalid escape', '{ "a": "C:\\dir" }', 1, 11, 'invalid escape'],
    ['a short \\u escape', '{ "a": "\\u12" }', 1, 9, '\\u escape'],
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', 3, 3, '"," or "}"'],
    ['a missing colon', '{ "a" 1 }', 1, 7, '":" was expected'],
    ['an unclosed object', '{ "a": 1', 1, 9, '"," or "}"'],
    ['an unterminated string', '{ "a": "abc }', 1, 8, 'unterminated string'],
    ['only whitespace', '  \n ', 2, 2, 'empty'],
  ];

  it.each(malformed)('reports %s with line and column of the original text', (_what, text, line, column, words) => {
    const result = read(text);
    expect(result.meta).toBeUndefined();
    const problem = only(result.problems, 'META_JSON_SYNTAX');
    expect(problem).toMatchObject({ severity: 'error', file: 'meta.json', line, column });
    expect(problem.message).toContain(`line ${line}, column ${column}`);
    expect(problem.message).toContain(words);
    expect(problem.hint).toBeTruthy();
  });

  it('counts columns after a CRLF and a lone CR as new lines', () => {
    expect(only(read('{\r\n"a": 1,\r\n}').problems, 'META_JSON_SYNTAX')).toMatchObject({ line: 3, column: 1 });
    expect(only(read('{\r"a": 1,\r}').problems, 'META_JSON_SYNTAX')).toMatchObject({ line: 3, column: 1 });
  });

  it('reports a BOM as an error (Jackson reading a String does not skip it) and still reads the rest', () => {
    const result = read('\uFEFF{ "a": 1 }');
    expect(only(result.problems, 'META_JSON_BOM')).toMatchObject({ severity: 'error', line: 1, column: 1 });
    expect(result.meta).toEqual({ a: 1 });
  });

  it.each([
    ['an array', '[1, 2]', 'an array'],
    ['null', 'null', 'null'],
    ['a string', '"meta"', 'a string'],
  ])('requires an object at the root, not %s', (_what, text, words) => {
    const result = read(text);
    expect(result.meta).toBeUndefined();
    expect(only(result.problems, 'META_JSON_NOT_OBJECT').message).toContain(words);
  });

  it('accepts a string broken across lines, as the server joins lines, but warns', () => {
    const result = read('{\n  "description": "first\n second"\n}');
    expect(result.meta).toEqual({ description: 'first second' });
    expect(only(result.problems, 'META_JSON_LINE_JOIN')).toMatchObject({ severity: 'warning', line: 2 });
  });

  it('joins a number broken across lines into one number, as the server does', () => {
    const result = read('{ "a": 1\n2 }');
    expect(result.meta).toEqual({ a: 12 });
    expect(codes(result.problems)).toEqual(['META_JSON_LINE_JOIN']);
  });

  it('warns about content after the closing brace, which Jackson ignores', () => {
    const result = read('{ "a": 1 }\n{ "b": 2 }');
    expect(result.meta).toEqual({ a: 1 });
    expect(only(result.problems, 'META_JSON_TRAILING')).toMatchObject({ severity: 'warning', line: 2, column: 1 });
  });

  it('keeps the last of duplicate keys, as Jackson does, and warns where the second one is', () => {
    const result = read('{\n  "jobName": "a",\n  "jobName": "b"\n}');
    expect(result.meta).toEqual({ jobName: 'b' });
    expect(only(result.problems, 'META_JSON_DUPLICATE_KEY')).toMatchObject({ severity: 'warning', pointer: '/jobName', line: 3, column: 3 });
  });

  it.each(['1.0', '1e3', '-0', '12345678901234567890'])('warns that the number %s changes when written back', (number) => {
    const result = read(`{ "a": ${number} }`);
    expect(only(result.problems, 'META_JSON_NUMBER_FORM')).toMatchObject({ severity: 'warning', pointer: '/a' });
  });

  it.each(['0', '-1', '0.5', '1.5e-7', '100'])('leaves the number %s alone', (number) => {
    expect(read(`{ "a": ${number} }`).problems).toEqual([]);
  });

  it('warns about text that was not valid UTF-8', () => {
    expect(only(read('{ "a": "\uFFFD" }').problems, 'META_JSON_ENCODING').severity).toBe('warning');
  });

  it('keeps a key named __proto__ as data, not as a prototype', () => {
    const result = read('{ "__proto__": { "polluted": true } }');
    expect(Object.keys(result.meta ?? {})).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(result.meta)).toBe('{"__proto__":{"polluted":true}}');
  });

  it('decodes escapes, including unicode ones', () => {
    expect(read('{ "a": "\\"\\\\\\/\\b\\f\\n\\r\\t\\u4e2d" }').meta).toEqual({ a: '"\\/\b\f\n\r\t中' });
  });

  it('locates keys and array elements of the original text', () => {
    const result = read('{\n  "a": {\n    "b": [\n      1,\n      2\n    ]\n  }\n}');
    expect(result.positionOf('/a/b')).toEqual({ line: 3, column: 5 });
    expect(result.positionOf('/a/b/1')).toEqual({ line: 5, column: 7 });
    expect(result.positionOf('/missing')).toBeUndefined();
  });

  it('refuses nesting deeper than Jackson allows', () => {
    expect(() => parseStrictJson('['.repeat(1002) + ']'.repeat(1002))).toThrow(/nesting/);
    expect(() => parseStrictJson('['.repeat(900) + ']'.repeat(900))).not.toThrow();
  });

  it('parses what JSON.parse parses, to the same value', () => {
    const text = JSON.stringify({ a: [1, -2.5, true, false, null, 'x', { b: {} }], c: '中文', d: [] });
    expect(parseStrictJson(text).value).toEqual(JSON.parse(text));
  });
});
