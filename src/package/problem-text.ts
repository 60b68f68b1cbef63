import type { Problem } from '../meta/problem.js';
import { escapeName } from '../util/control-chars.js';

/**
 * How a problem reads for a person: pure text, so validate, pack, render, plan and release all
 * word problems the same way. The CLI decides where the lines go and colours the first word.
 */

/** `file meta.json, pointer /jobConfig/…, level 3, cluster GZ_UAT, line 4 column 7` */
export function problemLocation(problem: Problem): string {
  const parts: string[] = [];
  if (problem.file !== undefined) parts.push(`file ${escapeName(problem.file)}`);
  if (problem.pointer !== undefined) parts.push(`pointer ${problem.pointer === '' ? '(root)' : problem.pointer}`);
  if (problem.level !== undefined) parts.push(`level ${problem.level}`);
  if (problem.cluster !== undefined) parts.push(`cluster ${problem.cluster}`);
  if (problem.line !== undefined) parts.push(`line ${problem.line}${problem.column !== undefined ? ` column ${problem.column}` : ''}`);
  return parts.join(', ');
}

/** A block of up to four lines: `error CODE: message`, where, and the hint. */
export function problemBlock(problem: Problem): string[] {
  const lines = [`${problem.severity} ${problem.code}: ${problem.message}`];
  const where = problemLocation(problem);
  if (where) lines.push(`  at ${where}`);
  if (problem.hint) lines.push(`  hint: ${problem.hint}`);
  return lines;
}

/** One line, for -q and for lists inside other messages. */
export function problemLine(problem: Problem): string {
  const where = problemLocation(problem);
  return `${problem.code}: ${problem.message}${where ? ` (${where})` : ''}`;
}

export function problemCounts(problems: readonly Problem[]): { errors: number; warnings: number } {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The `--json` form: only the keys that are known, in a stable order. */
export function problemJson(problem: Problem): Record<string, unknown> {
  const { severity, code, message, file, pointer, level, cluster, line, column, hint } = problem;
  const json: Record<string, unknown> = { severity, code, message };
  for (const [key, value] of Object.entries({ file, pointer, level, cluster, line, column, hint })) if (value !== undefined) json[key] = value;
  return json;
}
