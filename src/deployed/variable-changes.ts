import { isWithin } from '../meta/pointer.js';
import { scanVariables } from '../meta/variables.js';
import type { MetaJson } from '../meta/types.js';
import type { MetaChange } from './diff.js';

/**
 * "Unchanged" compares the md5 of the package as given, which is the same for every cluster and
 * does not move when only a variable's value does (a new YARN queue in vars.yaml). Left alone,
 * such a release would skip every cluster and the new value would never reach the server. So a
 * version with the same md5 is unchanged only when every key that holds a variable still has the
 * value the variable resolves to now. Pure; plan and release both decide with it.
 */

/** The pointers of meta.json whose value holds a `[@NAME]` reference, each once. */
export function variablePointers(meta: MetaJson): string[] {
  return [...new Set(scanVariables(meta).uses.map((u) => u.pointer))];
}

/**
 * The changes (deployed -> rendered) at keys a variable fills. A reference inside an array is
 * one change of the whole array; a whole reference to an object is a change below it. `/tags`
 * is left out: the server keeps the first upload's tags, so uploading again could not change them.
 */
export function changesFromVariables(changes: readonly MetaChange[], pointers: readonly string[]): MetaChange[] {
  return changes.filter((c) => c.pointer !== '/tags' && pointers.some((p) => isWithin(p, c.pointer) || isWithin(c.pointer, p)));
}

/** Why a version with this very package is not unchanged; undefined when nothing a variable fills moved. */
export function variableDriftReason(version: string | undefined, changes: readonly MetaChange[]): string | undefined {
  if (changes.length === 0) return undefined;
  const shown = changes.slice(0, 3).map((c) => `${c.pointer} ${short(c.before)} -> ${short(c.after)}`);
  const more = changes.length > 3 ? ` and ${changes.length - 3} more` : '';
  return `same package on ${version ?? 'the latest version'}, but its variables resolve differently now (${shown.join('; ')}${more})`;
}

function short(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
