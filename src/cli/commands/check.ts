import { addJobOptions } from '../../batch/job-options.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  name: 'check',
  summary: 'cross-cluster consistency check; writes the verdict to each cluster',
  examples: [
    'stms check p1/j1 --clusters GZ_UAT,TJ_UAT',
    'stms check --job-list ./job-list --clusters GZ_UAT,TJ_UAT,SH_DR --continue-on-error --report junit.xml',
  ],
  configure(command) {
    addJobOptions(command, { report: true });
  },
  options: async () => (await import('../../batch/job-options-schema.js')).JobOptionsSchema,
  async run(ctx, args, options) {
    const [{ runJobsCommand }, { checkJob }, { printFailures, printJobTable }] = await Promise.all([
      import('../run/jobs-command.js'),
      import('../../launch/check-job.js'),
      import('../print/job-table.js'),
    ]);
    return runJobsCommand(ctx, args, options, {
      name: 'check',
      work: (session, ref) => checkJob(session, ref),
      render({ out, signal }, results, clusters) {
        printJobTable(out, results, clusters, { good: ['consistent', 'skipped'] });
        if (results.length === 1 && results[0]?.message && !results[0].failure) out.line(results[0].message);
        printFailures(out, results, signal.aborted);
      },
      junit: { passed: ['consistent', 'skipped'], skipped: ['not-target'] },
    });
  },
});
