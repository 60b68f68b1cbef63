import type { z } from 'zod';
import type { Problem } from './problem.js';
import { didYouMean } from '../util/did-you-mean.js';
import { JOB_CONTENT_MAX_BYTES, SQL_CONTENT_TYPES } from './keys.js';
import { childPointer, isJsonObject, toPointer } from './pointer.js';
import { flinkJarContentSchema, flinkSqlContentSchemaFor } from './schema.js';
import type { JsonValue, MetaJson } from './types.js';

/**
 * jobContent per job type (docs/streamis-contract.md §6.5), checked with the zod schemas. The server
 * checks jobContent only when the job is started or its content read, so stms checks it before
 * the upload instead.
 */

const SQL_KEYS = ['type', 'sql', 'file', 'resourceId', 'version'];
const JAR_KEYS = ['main.class.jar', 'main.class', 'args', 'hdfs.jars', 'dependency.jars', 'resources'];

export function checkJobContent(meta: MetaJson, file: string): Problem[] {
  const content = meta.jobContent;
  const jobType = meta.jobType;
  if (!isJsonObject(content) || Object.keys(content).length === 0) return []; // reported by the top level
  const problems: Problem[] = [];
  const add = (p: Omit<Problem, 'file'>) => problems.push({ ...p, file });

  const bytes = Buffer.byteLength(JSON.stringify(content), 'utf8');
  if (bytes > JOB_CONTENT_MAX_BYTES) {
    add({ severity: 'error', code: 'META_CONTENT_TOO_LONG', pointer: '/jobContent', message: `jobContent is ${bytes} bytes as compact JSON; the server stores at most ${JOB_CONTENT_MAX_BYTES} (a MySQL TEXT column) and the upload fails`, hint: 'Move a long inline SQL into a .sql file of the package ("type": "file").' });
  }

  let schema: z.ZodType | undefined;
  let known: string[];
  if (jobType === 'flink.sql') {
    known = SQL_KEYS;
    const type = content.type;
    if (type === undefined || type === null) {
      add({ severity: 'error', code: 'META_CONTENT_REQUIRED', pointer: '/jobContent/type', message: 'jobContent.type is required for flink.sql (sql, file or bml)', hint: 'Add "type": "file" with "file": "<name>.sql", or "type": "sql" with the SQL inline.' });
    } else if (typeof type !== 'string' || !(SQL_CONTENT_TYPES as readonly string[]).includes(type)) {
      const text = typeof type === 'string' ? type : JSON.stringify(type);
      add({ severity: 'error', code: 'META_SQL_TYPE_UNKNOWN', pointer: '/jobContent/type', message: `jobContent.type ${JSON.stringify(type)} is not sql, file or bml ("Not recognized type ${text} in jobContent.").${didYouMean(text, SQL_CONTENT_TYPES)}`, hint: 'Use "sql" (inline), "file" (a .sql file) or "bml".' });
    } else {
      schema = flinkSqlContentSchemaFor(type as 'sql' | 'file' | 'bml');
    }
  } else if (jobType === 'flink.jar' || jobType === 'spark.jar') {
    known = JAR_KEYS;
    schema = flinkJarContentSchema('check');
  } else {
    return problems; // unknown job type: reported by the top level
  }

  if (schema) {
    const result = schema.safeParse(content);
    for (const issue of result.success ? [] : result.error.issues) problems.push(fromIssue(issue, content, file));
  }
  for (const key of Object.keys(content)) {
    if (known.includes(key)) continue;
    add({ severity: 'warning', code: 'META_CONTENT_UNKNOWN_KEY', pointer: childPointer('/jobContent', key), message: `jobContent key "${key}" means nothing to the server for ${String(jobType)}; it is stored and ignored.${didYouMean(key, known)}`, hint: `Remove it or correct the name; ${String(jobType)} reads ${known.join(', ')}.` });
  }
  for (const key of ['dependency.jars', 'resources']) {
    const list = content[key];
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      if (typeof item === 'string' && item.trim() === '') add({ severity: 'warning', code: 'META_CONTENT_BLANK_ENTRY', pointer: childPointer(childPointer('/jobContent', key), i), message: `jobContent.${key} has a blank entry; the server drops it`, hint: 'Remove the empty entry.' });
    });
  }
  return problems;
}

function fromIssue(issue: z.core.$ZodIssue, content: Record<string, JsonValue>, file: string): Problem {
  const pointer = toPointer(['jobContent', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))]);
  const key = issue.path.map(String).join('.');
  const found = issue.path.length > 0 ? valueIn(content, issue.path) : content;
  const present = found !== undefined && found !== null;
  if (issue.code === 'invalid_type' && !present) {
    return { severity: 'error', code: 'META_CONTENT_REQUIRED', file, pointer, message: `jobContent.${key} is required ("${key} is needed." says the server)`, hint: `Add "${key}" to jobContent.` };
  }
  if (issue.code === 'invalid_format' || issue.code === 'too_small') {
    return { severity: 'error', code: 'META_CONTENT_REQUIRED', file, pointer, message: `jobContent.${key} must not be blank`, hint: `Fill in "${key}".` };
  }
  const expected = issue.code === 'invalid_type' ? (issue.expected === 'array' ? 'an array of strings' : `a ${issue.expected}`) : 'a different value';
  return { severity: 'error', code: 'META_CONTENT_TYPE', file, pointer, message: `jobContent.${key} must be ${expected}, not ${describe(valueIn(content, issue.path))}`, hint: issue.path[0] === 'args' ? 'Write args as ["--name", "value", …] (the server ignores anything else).' : `Correct "${key}".` };
}

function valueIn(root: JsonValue, path: readonly PropertyKey[]): JsonValue | undefined {
  let node: JsonValue | undefined = root;
  for (const token of path) {
    if (Array.isArray(node) && typeof token === 'number') node = node[token];
    else if (isJsonObject(node) && typeof token === 'string') node = Object.hasOwn(node, token) ? node[token] : undefined;
    else return undefined;
  }
  return node;
}

function describe(value: JsonValue | undefined): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${JSON.stringify(value)}`;
}
