/**
 * The name rules `stms init` enforces before it writes anything. Each check returns the broken
 * rule as a sentence (or undefined when the name is fine), so the CLI can show it and tests can
 * table them. The rules come from Streamis itself (docs/streamis-contract.md §6.3, §6.8): a job that breaks
 * them uploads fine but cannot be searched, started or paired later.
 */

/** DB column limits of `linkis_stream_job` (`db/streamis_ddl.sql`). */
export const MAX_PROJECT_LENGTH = 100;
export const MAX_JOB_LENGTH = 200;

const PROJECT = /^[A-Za-z0-9_]+$/;
// `job/list` only finds names of [A-Za-z0-9_,.]; the comma separates names there, so no comma.
// The name is also a folder and file name: it must not start with a dot (`.`, `..`, hidden files).
const JOB = /^[A-Za-z0-9_][A-Za-z0-9_.]*$/;
const USER = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export const PROJECT_RULE = `letters, digits and _ only, at most ${MAX_PROJECT_LENGTH} characters (the Streamis product-name rule)`;
export const JOB_RULE = `letters, digits, _ and . only, not starting with a dot, at most ${MAX_JOB_LENGTH} characters (Streamis searches jobs by [A-Za-z0-9_.])`;
export const OWNER_RULE = 'a login of letters, digits, _ . and -, not an hduser account (Streamis refuses to start a job whose only failure-alert user is hduser)';

export function projectNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'the project name is empty';
  if (name.length > MAX_PROJECT_LENGTH) return `the project name is ${name.length} characters long; use ${PROJECT_RULE}`;
  if (!PROJECT.test(name)) return `project name ${JSON.stringify(name)} breaks the rule: ${PROJECT_RULE}`;
  return undefined;
}

export function jobNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'the job name is empty';
  if (name.length > MAX_JOB_LENGTH) return `the job name is ${name.length} characters long; use ${JOB_RULE}`;
  if (!JOB.test(name)) return `job name ${JSON.stringify(name)} breaks the rule: ${JOB_RULE}`;
  return undefined;
}

/** The failure-alert user and CMDB owner written into the scaffold. */
export function ownerProblem(name: string): string | undefined {
  if (name.length === 0) return 'the owner is empty';
  // Matched like `validate` does (any case, as part of the name), so init never writes what validate refuses.
  if (!USER.test(name) || name.toLowerCase().includes('hduser')) return `owner ${JSON.stringify(name)} breaks the rule: ${OWNER_RULE}`;
  return undefined;
}
