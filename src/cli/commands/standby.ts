import { addJobOptions } from '../../batch/job-options.js';
import type { StandbyJobOptions, StandbyRecord } from '../../standby/standby-job.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  name: 'standby',
  summary: 'is the standby copy of managerSlave jobs ready for a switchover? ages, lag, verdict (read-only)',
  examples: [
    'stms standby p1/j1 --clusters GZ_UAT,TJ_UAT',
    'stms standby --project p1 --clusters GZ_UAT,TJ_UAT --max-age 10m --report standby.xml',
    'stms standby --job-list ./job-list --clusters GZ_UAT,TJ_UAT --json',
  ],
  configure(command) {
    addJobOptions(command, { report: true });
    command.option('--max-age <duration>', 'a standby copy older than this is stale (default: standby.maxAge of the config, else 15m)');
  },
  async options() {
    const [{ JobOptionsSchema }, { durationField }] = await Promise.all([import('../../batch/job-options-schema.js'), import('../options/rollout-fields.js')]);
    return JobOptionsSchema.extend({ maxAge: durationField('--max-age', { allowZero: false }).optional() });
  },
  async run(ctx, args, options) {
    const [{ runJobsCommand }, { standbyJob }, { hdfsReaders, requireStandby }, { printStandbyTable }, { printFailures }, { managerAndStandby }, { findingsOf }] = await Promise.all([
      import('../run/jobs-command.js'),
      import('../../standby/standby-job.js'),
      import('../../standby/hdfs-reader.js'),
      import('../print/standby.js'),
      import('../print/job-table.js'),
      import('../options/cluster-pair.js'),
      import('../../standby/findings.js'),
    ]);
    const [manager, standby] = managerAndStandby(options.clusters, '--clusters MANAGER,STANDBY');
    let readers: ReturnType<typeof hdfsReaders> | undefined;
    let jobOptions: StandbyJobOptions | undefined;
    try {
      return await runJobsCommand<StandbyRecord>(ctx, args, options, {
        name: 'standby',
        async prepare(session) {
          const roots = requireStandby(session.config);
          readers = hdfsReaders(session.config, session.clusters, { signal: ctx.signal, trace: (line) => ctx.out.debug(line), secrets: ctx.out.redactor });
          // Both readers now: a cluster without hdfs is a config error before any job.
          readers.reader(manager);
          readers.reader(standby);
          jobOptions = { manager, standby, roots, maxAgeMs: options.maxAge ?? roots.maxAgeMs, reader: (c) => (readers as NonNullable<typeof readers>).reader(c), now: () => Date.now() };
        },
        work: (session, ref) => standbyJob(session, ref, jobOptions as NonNullable<typeof jobOptions>),
        render({ out, signal }, results) {
          printStandbyTable(out, results, manager, standby);
          printFailures(out, results, signal.aborted);
        },
        findings: findingsOf,
        junit: { passed: ['source', 'ready'], skipped: ['not-ha', 'unread'] },
      });
    } finally {
      await readers?.close();
    }
  },
});
