import path from 'node:path';
import type { Problem } from '../meta/problem.js';

/**
 * The server's rules for the name of the uploaded zip file (docs/streamis-contract.md §5.1 step 4 and 6,
 * §6.1): it must end in exactly `.zip`, use only `[a-zA-Z0-9._-]`, and hold no other `.zip`
 * (the server derives the extraction folder by deleting every `.zip` from the path).
 */

const ZIP_FILE_NAME = /^[a-zA-Z0-9._-]+$/;

export function checkZipFileName(name: string): Problem[] {
  const problem = (message: string): Problem => ({
    severity: 'error',
    code: 'ZIP_FILE_NAME',
    message: `the zip name ${JSON.stringify(name)} ${message}`,
    hint: 'Name the package like my-job.zip: letters, digits, . _ - only, ending in .zip.',
    file: name,
  });
  if (!name.endsWith('.zip')) return [problem('does not end in .zip (lower case); the server accepts only .zip uploads')];
  const problems: Problem[] = [];
  if (!ZIP_FILE_NAME.test(name)) problems.push(problem('has characters the server refuses (it allows letters, digits, . _ - only)'));
  if (name.slice(0, -'.zip'.length).includes('.zip')) {
    problems.push(problem('holds ".zip" before its end; the server derives its extraction folder by deleting every ".zip" and would not find meta.json'));
  }
  return problems;
}

/** The name a folder is uploaded under when no other is given: `<folder>.zip`. */
export function zipNameForDir(dir: string): string {
  return `${path.basename(path.resolve(dir))}.zip`;
}
