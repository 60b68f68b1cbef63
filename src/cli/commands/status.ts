import { addJobOptions } from '../../batch/job-options.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  name: 'status',
  summary: 'status, version and md5 of jobs on each cluster',
  examples: ['stms status p1/j1 --clusters GZ_UAT,TJ_UAT', 'stms status --job-list ./job-list --clusters GZ_UAT,TJ_UAT,SH_DR --json', 'stms status --project p1 --name-like etl --dry-run --clusters GZ_UAT,TJ_UAT'],
  configure(command) {
    addJobOptions(command, { report: false });
  },
  options: async () => (await import('../../batch/job-options-schema.js')).JobOptionsSchema,
  async run(ctx, args, options) {
    const [{ runJobsCommand }, { statusJob }, { printStatusTable }, { printFailures }] = await Promise.all([
      import('../run/jobs-command.js'),
      import('../../launch/status-job.js'),
      import('../print/status-table.js'),
      import('../print/job-table.js'),
    ]);
    return runJobsCommand(ctx, args, options, {
      name: 'status',
      work: (session, ref) => statusJob(session, ref),
      render({ out, signal }, results, clusters) {
        printStatusTable(out, results, clusters);
        printFailures(out, results, signal.aborted);
      },
    });
  },
});
