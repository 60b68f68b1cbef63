import { UsageError } from '../errors.js';
import { NAME_PATTERN } from '../meta/keys.js';
import type { JobRef } from './types.js';

/**
 * The positional `project/job` of check, launch, status, stop and snapshot. Names follow the
 * meta.json rule, so a job that could be released can be named here (and nothing else can).
 */
export function parseJobRef(text: string): JobRef {
  const parts = text.trim().split('/');
  const [project = '', job = ''] = parts;
  if (parts.length !== 2 || project === '' || job === '') {
    throw new UsageError(`"${text}" is not a job: write it as project/job (e.g. p1/j1), or pass --job-list joblist.txt`);
  }
  for (const [what, name] of [['project', project], ['job', job]] as const) {
    if (!NAME_PATTERN.test(name)) throw new UsageError(`"${text}": the ${what} name "${name}" has characters other than letters, digits, _ and .`);
  }
  return { project, job };
}
