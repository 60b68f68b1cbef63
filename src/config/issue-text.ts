import { z } from 'zod';
import { closest } from '../util/did-you-mean.js';

/**
 * zod issues of a config, vars or CMDB file as lines a person can act on: the file, the path of
 * the bad field, what is wrong, and a "did you mean" for a misspelt key or value (`tokencode`,
 * `Double`), as meta.json problems have.
 */
export interface IssueContext {
  /** The schema that was parsed, to name the keys a misspelt one may have meant. */
  schema: z.ZodType;
  /** What was parsed, to read a misspelt value from (zod issues do not carry it by default). */
  input: unknown;
  /** The file's values before `${ENV}` expansion, and the environment, to name an unset variable. */
  raw?: unknown;
  env?: NodeJS.ProcessEnv;
}

export function formatIssues(file: string, issues: readonly z.core.$ZodIssue[], context?: IssueContext): string {
  const lines = issues.slice(0, 10).map((issue) => `${file}: ${issuePath(issue.path) || '(top level)'}: ${issueMessage(issue, context)}`);
  if (issues.length > 10) lines.push(`… and ${issues.length - 10} more problems`);
  return lines.join('\n');
}

export function issuePath(p: readonly PropertyKey[]): string {
  return p.map(String).join('.');
}

export function issueMessage(issue: z.core.$ZodIssue, context?: IssueContext): string {
  return `${ownMessage(issue, context)}${context ? unsetReferences(context, issue.path) : ''}`;
}

/** A value that came out wrong because `${NAME}` was not set says so: the file looks right. */
function unsetReferences(context: IssueContext, path: readonly PropertyKey[]): string {
  const unset = unsetNames(valueAt(context.raw, path), context.env ?? {});
  // Names only, never the written text: it may hold a literal part of a secret.
  return unset.length > 0 ? ` (\${${unset.join('}, ${')}} ${unset.length === 1 ? 'is' : 'are'} not set in the environment)` : '';
}

/** The `${NAME}` references of a value as written whose variable is not set: names only. */
export function unsetNames(written: unknown, env: NodeJS.ProcessEnv): string[] {
  if (typeof written !== 'string') return [];
  return [...written.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?\}/g)].map((m) => m[1] as string).filter((name) => !env[name]);
}

function ownMessage(issue: z.core.$ZodIssue, context?: IssueContext): string {
  // A record key's own rule is nested; zod's outer message only says "Invalid key in record".
  if (issue.code === 'invalid_key') return `bad key: ${issue.issues.map((i) => i.message).join('; ')}`;
  if (issue.code === 'invalid_value' && context) {
    const values = issue.values.filter((v): v is string => typeof v === 'string');
    return `${issue.message}${guessFor(valueAt(context.input, issue.path), values)}`;
  }
  if (issue.code === 'unrecognized_keys' && context) {
    const known = keysAt(context.schema, issue.path);
    const guesses = issue.keys.map((key) => closest(key, known)).filter((g): g is string => g !== undefined);
    return `${issue.message}${guesses.length > 0 ? ` (did you mean ${guesses.map((g) => JSON.stringify(g)).join(', ')}?)` : ''}`;
  }
  return issue.message;
}

export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const token of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, token)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[token];
  }
  return node;
}

function guessFor(input: unknown, values: readonly string[]): string {
  if (typeof input !== 'string' || values.length === 0) return '';
  const guess = closest(input, values);
  return guess === undefined ? '' : ` (did you mean ${JSON.stringify(guess)}?)`;
}

/** The keys an object at `path` of the schema may hold, following records, arrays and unions. */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let nodes: z.ZodType[] = [schema];
  for (const token of path) nodes = nodes.flatMap((node) => childrenOf(unwrap(node), token));
  return [...new Set(nodes.map(unwrap).flatMap((node) => (node instanceof z.ZodObject ? Object.keys(node.shape) : [])))];
}

function unwrap(node: z.ZodType): z.ZodType {
  return node instanceof z.ZodOptional ? unwrap(node.unwrap() as z.ZodType) : node;
}

function childrenOf(node: z.ZodType, token: PropertyKey): z.ZodType[] {
  if (node instanceof z.ZodObject) {
    const child = (node.shape as Record<string, z.ZodType>)[String(token)];
    return child ? [child] : [];
  }
  if (node instanceof z.ZodRecord) return [node.valueType as z.ZodType];
  if (node instanceof z.ZodArray) return [node.element as z.ZodType];
  if (node instanceof z.ZodUnion) return (node.options as z.ZodType[]).flatMap((option) => childrenOf(unwrap(option), token));
  return [];
}
