import type { Problem } from '../meta/problem.js';

/**
 * A warning for an upload whose zip name does not contain its job name. The server writes each
 * upload to a folder named after the user, the zip's name and the second, deleting a folder of
 * that name first (docs/streamis-contract.md §5.1): two same-named uploads at once by one user
 * destroy each other. One run queues its own; two runs (two CI jobs) cannot see each other, and
 * zips named after their jobs never share a name. Pure.
 */
export function zipNameWarnings(zipName: string, job: string): Problem[] {
  if (zipName.includes(job)) return [];
  return [
    {
      severity: 'warning',
      code: 'ZIP_NAME_WITHOUT_JOB',
      message: `the zip name ${JSON.stringify(zipName)} does not contain the job name ${job}`,
      hint: `The server's upload folder is named after the user, the zip and the second: same-named zips released at once by two runs can destroy each other's upload. Name it after the job, such as ${job}.zip.`,
      file: zipName,
    },
  ];
}
