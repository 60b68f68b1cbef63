import { addJobOptions } from '../../batch/job-options.js';
import { defineCommand } from '../command.js';
import { addChangeOptions } from '../options/change-flags.js';
import { addNotifyOption } from '../options/notify-flag.js';

export default defineCommand({
  name: 'check',
  summary: 'cross-cluster consistency check; writes the verdict to each cluster',
  examples: [
    'stms check p1/j1 --clusters GZ_UAT,TJ_UAT',
    'stms check --job-list ./job-list --clusters GZ_UAT,TJ_UAT,SH_DR --continue-on-error --report junit.xml',
    'stms check p1/hotfix --clusters GZ_UAT,TJ_UAT --accept-missing GZ_UAT --reason "GZ_UAT down (INC-4711)"',
  ],
  configure(command) {
    addJobOptions(command, { report: true });
    command.option('--accept-missing <cluster>', 'the cluster of --clusters that does not answer: write the verdict on the others alone, naming it (needs --reason)');
    addChangeOptions(command, 'why: with --accept-missing, why the verdict leaves the cluster out (written into it); with --override-window, why it runs outside its window');
    addNotifyOption(command);
  },
  async options() {
    const [{ z }, { JobOptionsSchema }, { ChangeFields }] = await Promise.all([import('zod'), import('../../batch/job-options-schema.js'), import('../options/change-fields.js')]);
    return JobOptionsSchema.extend({ ...ChangeFields, acceptMissing: z.string().optional() });
  },
  async check(options) {
    (await import('../run/accept-missing.js')).checkAcceptMissingFlags(options);
  },
  async run(ctx, args, options) {
    const [{ runJobsCommand }, { checkJob }, { printFailures, printJobTable }, { acceptMissingSpec, changeFlagsOf }] = await Promise.all([
      import('../run/jobs-command.js'),
      import('../../launch/check-job.js'),
      import('../print/job-table.js'),
      import('../run/accept-missing.js'),
    ]);
    const acceptMissing = options.acceptMissing;
    return runJobsCommand(ctx, args, options, {
      name: 'check',
      // It only writes verdicts: recorded, never held by the windows.
      change: { flags: changeFlagsOf(options), windows: false },
      work: (session, ref) => checkJob(session, ref),
      ...(acceptMissing === undefined ? {} : acceptMissingSpec(ctx, { ...options, acceptMissing })),
      render({ out, signal }, results, clusters) {
        printJobTable(out, results, clusters, { good: ['consistent', 'skipped', 'accepted'] });
        if (results.length === 1 && results[0]?.message && !results[0].failure) out.line(results[0].message);
        printFailures(out, results, signal.aborted);
      },
      junit: { passed: ['consistent', 'skipped', 'accepted'], skipped: ['not-target'] },
    });
  },
});
