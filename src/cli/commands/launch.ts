import { addJobOptions } from '../../batch/job-options.js';
import { defineCommand } from '../command.js';
import { addChangeOptions } from '../options/change-flags.js';
import { addNotifyOption } from '../options/notify-flag.js';

export default defineCommand({
  name: 'launch',
  summary: 'start jobs where their HA policy says, and wait until they run',
  examples: [
    'stms launch p1/j1 --clusters GZ_UAT,TJ_UAT',
    'stms launch p1/j1 --clusters GZ_UAT,TJ_UAT --restart --timeout 5m --stable 30s',
    'stms launch p1/j1 --clusters GZ_UAT --restore none           # start fresh, no state restored',
    'stms launch --job-list ./job-list --clusters GZ_UAT,TJ_UAT --continue-on-error --report junit.xml',
    'stms launch --project p1 --label kafka --expect 12 --clusters GZ_UAT,TJ_UAT   # the jobs labelled kafka, read from the servers',
  ],
  configure(command) {
    addJobOptions(command, { report: true });
    command
      .option('--no-wait', 'return after the start call instead of waiting until the job runs')
      .option('--timeout <duration>', 'how long to wait until running: 90s, 5m, 1h or seconds', '10m')
      .option('--restart', 'a job already running is stopped with a savepoint and started again from it, one cluster at a time')
      .option('--restore <savepoint|latest|none|path>', 'what a start restores from: the savepoint --restart took, what the job config says, nothing, or an hdfs:// path')
      .option('--stable <duration>', 'with --restart: how long a restarted job must stay up before the next cluster', '0');
    addChangeOptions(command);
    addNotifyOption(command);
  },
  async options() {
    const [{ z }, { JobOptionsSchema }, { durationField, restoreField }, { ChangeFields }] = await Promise.all([
      import('zod'),
      import('../../batch/job-options-schema.js'),
      import('../options/rollout-fields.js'),
      import('../options/change-fields.js'),
    ]);
    // commander supplies the defaults (shown in --help), so the texts are always there.
    return JobOptionsSchema.extend({
      wait: z.boolean(),
      timeout: durationField('--timeout', { allowZero: false }),
      restart: z.boolean().default(false),
      restore: restoreField,
      stable: durationField('--stable', { allowZero: true }),
      ...ChangeFields,
    });
  },
  async run(ctx, args, options) {
    const launchOptions = { wait: options.wait, timeoutMs: options.timeout, restart: options.restart, stableMs: options.stable, ...(options.restore ? { restore: options.restore } : {}) };

    const [{ runJobsCommand }, { launchJob }, { printFailures, printJobTable }, { printSavepoints }] = await Promise.all([
      import('../run/jobs-command.js'),
      import('../../launch/launch-job.js'),
      import('../print/job-table.js'),
      import('../print/savepoints.js'),
    ]);
    return runJobsCommand(ctx, args, options, {
      name: 'launch',
      preflight: true,
      // Every launch changes what runs, a plain start as much as a restart: the windows hold both.
      change: { flags: options, windows: true },
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
