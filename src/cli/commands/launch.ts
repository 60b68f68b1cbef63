import { addJobOptions } from '../../batch/job-options.js';
import { UsageError } from '../../errors.js';
import { parseDuration } from '../../util/duration.js';
import { defineCommand } from '../command.js';

const DEFAULT_TIMEOUT = '10m';

export default defineCommand({
  name: 'launch',
  summary: 'start jobs where their HA policy says, and wait until they run',
  examples: [
    'stms launch p1/j1 --clusters GZ_UAT,TJ_UAT',
    'stms launch p1/j1 --clusters GZ_UAT,TJ_UAT --restart --timeout 5m',
    'stms launch --job-list ./job-list --clusters GZ_UAT,TJ_UAT --continue-on-error --report junit.xml',
  ],
  configure(command) {
    addJobOptions(command, { report: true });
    command
      .option('--no-wait', 'return after the start call instead of waiting until the job runs')
      .option('--timeout <duration>', 'how long to wait until running: 90s, 5m, 1h or seconds', DEFAULT_TIMEOUT)
      .option('--restart', 'a job already running is stopped with a savepoint and started again');
  },
  async run(ctx, args, options) {
    const timeoutText = typeof options.timeout === 'string' ? options.timeout : DEFAULT_TIMEOUT;
    const timeoutMs = parseDuration(timeoutText);
    if (timeoutMs === undefined || timeoutMs <= 0) throw new UsageError(`--timeout ${timeoutText}: not a duration; write 90s, 5m, 1h or a number of seconds`);
    const launchOptions = { wait: options.wait !== false, timeoutMs, restart: options.restart === true };

    const [{ runJobsCommand }, { launchJob }, { printFailures, printJobTable }, { printSavepoints }] = await Promise.all([
      import('../run/jobs-command.js'),
      import('../../launch/launch-job.js'),
      import('../print/job-table.js'),
      import('../print/savepoints.js'),
    ]);
    return runJobsCommand(ctx, args, options, {
      name: 'launch',
      preflight: true,
      work: (session, ref, events) => launchJob(session, ref, launchOptions, events),
      render({ out, signal }, results, clusters) {
        printJobTable(out, results, clusters, { good: ['running', 'already-running', 'started'] });
        printSavepoints(out, results, { field: 'savepoint', note: 'taken by --restart' });
        printFailures(out, results, signal.aborted);
      },
      // Waiting, a cluster left `started` did not end running (status unread, interrupted): a failure.
      junit: { passed: launchOptions.wait ? ['running', 'already-running'] : ['running', 'already-running', 'started'], skipped: ['not-target'] },
    });
  },
});
