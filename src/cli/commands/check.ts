import { addJobOptions } from '../../batch/job-options.js';
import { defineCommand } from '../command.js';
import { addChangeOptions } from '../options/change-flags.js';

export default defineCommand({
  name: 'check',
  summary: 'cross-cluster consistency check; writes the verdict to each cluster',
  examples: [
    'stms check p1/j1 --clusters GZ_UAT,TJ_UAT',
    'stms check --job-list ./job-list --clusters GZ_UAT,TJ_UAT,SH_DR --continue-on-error --report junit.xml',
  ],
  configure(command) {
    addJobOptions(command, { report: true });
    addChangeOptions(command);
  },
  async options() {
    const [{ JobOptionsSchema }, { ChangeFields }] = await Promise.all([import('../../batch/job-options-schema.js'), import('../options/change-fields.js')]);
    return JobOptionsSchema.extend(ChangeFields);
  },
  async run(ctx, args, options) {
    const [{ runJobsCommand }, { checkJob }, { printFailures, printJobTable }] = await Promise.all([
      import('../run/jobs-command.js'),
      import('../../launch/check-job.js'),
      import('../print/job-table.js'),
    ]);
    return runJobsCommand(ctx, args, options, {
      name: 'check',
      // It only writes verdicts: recorded, never held by the windows.
      change: { flags: options, windows: false },
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
