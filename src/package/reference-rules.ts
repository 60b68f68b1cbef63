import type { Problem } from '../meta/problem.js';
import { META_FILE } from './types.js';

/**
 * Files named by meta.json against files in the package, pure. The server looks a name up among
 * the version's files first, then among the project's resource files (docs/streamis-contract.md §6.5), so a
 * name the config lists in `projectResources` need not be in the zip.
 */

export interface FileReference {
  name: string;
  /** Where meta.json names it, e.g. /jobContent/main.class.jar */
  pointer: string;
}

/** `<name-without-dots>-<d>.<d>.<d>` asks the server for that version of a project resource file. */
const VERSIONED_PROJECT_FILE = /^([^.]+)-\d+\.\d+\.\d+$/;

export function isProjectResource(name: string, projectResources: readonly string[]): boolean {
  if (projectResources.includes(name)) return true;
  const versioned = VERSIONED_PROJECT_FILE.exec(name);
  return versioned !== null && projectResources.includes(versioned[1] ?? '');
}

export function checkReferences(references: readonly FileReference[], rootFiles: readonly string[], projectResources: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const present = new Set(rootFiles);
  const named = new Set<string>();
  for (const ref of references) {
    named.add(ref.name);
    // Still a variable (no vars to resolve it with): only the resolved name can be looked for.
    if (ref.name.includes('[@')) continue;
    if (present.has(ref.name) || isProjectResource(ref.name, projectResources)) continue;
    problems.push({
      severity: 'error',
      code: 'FILE_MISSING',
      message: `meta.json names ${JSON.stringify(ref.name)} at ${ref.pointer}, but the package has no such file`,
      hint: `Add ${ref.name} to the package root, fix the name, or list it in the config's projectResources if the server takes it from the project's resource files.`,
      file: META_FILE,
      pointer: ref.pointer,
    });
  }
  for (const file of rootFiles) {
    if (named.has(file)) continue;
    problems.push({
      severity: 'warning',
      code: 'FILE_UNREFERENCED',
      message: `${JSON.stringify(file)} is in the package but meta.json does not name it; the server uploads it anyway`,
      hint: 'Remove it, or name it in meta.json (jobContent resources or dependency.jars).',
      file,
    });
  }
  return problems;
}
