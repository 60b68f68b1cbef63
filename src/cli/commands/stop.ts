import { addJobOptions } from '../../batch/job-options.js';
import { defineCommand } from '../command.js';
import { addChangeOptions } from '../options/change-flags.js';
import { addNotifyOption } from '../options/notify-flag.js';

export default defineCommand({
  name: 'stop',
  summary: 'stop jobs on every cluster where they run',
  examples: ['stms stop p1/j1 --clusters GZ_UAT,TJ_UAT --snapshot', 'stms stop --job-list ./job-list --clusters GZ_UAT,TJ_UAT --continue-on-error'],
  configure(command) {
    addJobOptions(command, { report: true });
    command.option('--snapshot', 'take a savepoint as the job stops, and print its path');
    addChangeOptions(command);
    addNotifyOption(command);
  },
  async options() {
    const [{ z }, { JobOptionsSchema }, { ChangeFields }] = await Promise.all([import('zod'), import('../../batch/job-options-schema.js'), import('../options/change-fields.js')]);
    return JobOptionsSchema.extend({ snapshot: z.boolean().default(false), ...ChangeFields });
  },
  async run(ctx, args, options) {
    const [{ runJobsCommand }, { actOnRunning, STOP }, { printFailures, printJobTable }, { printSavepoints }] = await Promise.all([
      import('../run/jobs-command.js'),
      import('../../launch/running-action.js'),
      import('../print/job-table.js'),
      import('../print/savepoints.js'),
    ]);
    const action = STOP(options.snapshot);
    return runJobsCommand(ctx, args, options, {
      name: 'stop',
      preflight: true,
      change: { flags: options, windows: true },
      work: (session, ref, events) => actOnRunning(session, ref, action, events),
      render({ out, signal }, results, clusters) {
        printJobTable(out, results, clusters, { good: ['stopped'] });
        printSavepoints(out, results);
        printFailures(out, results, signal.aborted);
      },
      junit: { passed: ['stopped', 'not-running'], skipped: ['missing'] },
    });
  },
});
