import { addJobOptions } from '../../batch/job-options.js';
import { defineCommand } from '../command.js';
import { addChangeOptions } from '../options/change-flags.js';

export default defineCommand({
  name: 'snapshot',
  summary: 'take a savepoint where the job runs',
  examples: ['stms snapshot p1/j1 --clusters GZ_UAT,TJ_UAT', 'stms snapshot p1/j1 --clusters GZ_UAT --json'],
  configure(command) {
    addJobOptions(command, { report: false });
    addChangeOptions(command);
  },
  async options() {
    const [{ JobOptionsSchema }, { ChangeFields }] = await Promise.all([import('../../batch/job-options-schema.js'), import('../options/change-fields.js')]);
    return JobOptionsSchema.extend(ChangeFields);
  },
  async run(ctx, args, options) {
    const [{ runJobsCommand }, { actOnRunning, SNAPSHOT }, { printFailures, printJobTable }, { printSavepoints }] = await Promise.all([
      import('../run/jobs-command.js'),
      import('../../launch/running-action.js'),
      import('../print/job-table.js'),
      import('../print/savepoints.js'),
    ]);
    return runJobsCommand(ctx, args, options, {
      name: 'snapshot',
      // A savepoint changes nothing that runs: recorded, never held by the windows.
      change: { flags: options, windows: false },
      work: (session, ref, events) => actOnRunning(session, ref, SNAPSHOT, events),
      render({ out, signal }, results, clusters) {
        printJobTable(out, results, clusters, { good: ['snapshot'] });
        printSavepoints(out, results, { taken: 'snapshot' });
        printFailures(out, results, signal.aborted);
      },
    });
  },
});
