import type { Command } from 'commander';
import { MAX_FAILURES_FLAG, MAX_FAILURES_HELP } from '../options/max-failures-flag.js';

/**
 * The options every jobs command takes (check, launch, status, stop, snapshot). Kept apart from
 * the runner so that `stms --help` does not load the HTTP client to list them.
 */
export function addJobOptions(command: Command, features: { report: boolean }): void {
  command
    .argument('[project/job]', 'the job, as project/job')
    .requiredOption('--clusters <A,B[,D]>', 'the clusters of the config to work on')
    .option('--job-list <path>', 'a joblist.txt, or the job-list folder (joblist.txt, streamis-env.sh, user-env.sh)')
    .option('--continue-on-error', 'try every job of the list; exit 8 when some failed')
    .option(MAX_FAILURES_FLAG, MAX_FAILURES_HELP);
  if (features.report) command.option('--report <junit.xml>', 'write a JUnit XML report (relative to the current directory)');
}
