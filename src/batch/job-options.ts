import { InvalidArgumentError, type Command } from 'commander';
import { MAX_FAILURES_FLAG, MAX_FAILURES_HELP } from '../options/max-failures-flag.js';

/**
 * The options every jobs command takes (check, launch, status, stop, snapshot). Kept apart from
 * the runner so that `stms --help` does not load the HTTP client to list them.
 */
export function addJobOptions(command: Command, features: { report: boolean; clusters?: boolean }): void {
  command.argument('[project/job]', 'the job, as project/job');
  // switchover names its two clusters with --from and --to instead.
  if (features.clusters !== false) command.requiredOption('--clusters <A,B[,D]>', 'the clusters of the config to work on');
  command
    .option('--job-list <path>', 'a joblist.txt, or the job-list folder (joblist.txt, streamis-env.sh, user-env.sh)')
    .option('--project <name>', 'every job of this project on the clusters (read from the servers)', oneProject);
  addSelectionOptions(command);
  command.option('--continue-on-error', 'try every job of the list; exit 8 when some failed').option(MAX_FAILURES_FLAG, MAX_FAILURES_HELP);
  if (features.report) command.option('--report <junit.xml>', 'write a JUnit XML report (relative to the current directory)');
}

/** What narrows a `--project` selection (docs/concepts.md "Selecting jobs"); audit takes them too. */
export function addSelectionOptions(command: Command): void {
  command
    .option('--label <label>', 'with --project: only jobs whose labels include this one exactly')
    .option('--name-like <text>', 'with --project: only jobs whose name contains this text')
    .option('--expect <n>', 'with --project: refuse (exit 2) unless exactly n jobs are selected')
    .option('--dry-run', 'with --project: list the selected jobs and do nothing else');
}

/** A second --project would silently replace the first: a job command works on one project. */
function oneProject(value: string, previous: string | undefined): string {
  if (previous !== undefined) throw new InvalidArgumentError('give one project (a job list names jobs of several)');
  return value;
}
