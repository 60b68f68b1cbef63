import { addJobOptions } from '../../batch/job-options.js';
import type { SwitchoverOptions, SwitchoverRecord } from '../../switchover/switchover-job.js';
import { defineCommand } from '../command.js';
import { addNotifyOption } from '../options/notify-flag.js';

const DEFAULT_STABLE = '30s';
const DEFAULT_TIMEOUT = '10m';

export default defineCommand({
  name: 'switchover',
  summary: 'move managerSlave jobs to the cluster that is now the manager, from the standby copy of their state',
  examples: [
    'stms switchover p1/j1 --from GZ_UAT --to TJ_UAT',
    'stms switchover --project p1 --from GZ_UAT --to TJ_UAT --continue-on-error --report switchover.xml',
    'stms switchover --job-list ./job-list --from GZ_UAT --to TJ_UAT --unplanned --reason "GZ IDC power loss, YARN confirmed down"',
    'stms switchover p1/j1 --from GZ_UAT --to TJ_UAT --restore hdfs:///flink/savepoints/p1.j1/savepoint-1a2b3c-aabbccddeeff',
  ],
  configure(command) {
    addJobOptions(command, { report: true, clusters: false });
    command
      .requiredOption('--from <A>', 'the cluster the jobs run on now (the old manager)')
      .requiredOption('--to <B>', 'the cluster to run them on (getHAMsg must say it is the manager)')
      .option('--max-age <duration>', 'refuse a standby copy older than this (default: standby.maxAge of the config, else 15m)')
      .option('--accept-age', 'start from a standby copy older than --max-age anyway')
      .option('--restore <path>', 'start from this hdfs:// state instead of the newest standby copy')
      .option('--unplanned', `go on when ${'--from'} does not answer (needs --reason)`)
      .option('--reason <text>', 'why an unplanned switchover goes on without the old manager: recorded in the journal and the result')
      .option('--stable <duration>', 'how long a started job must stay up', DEFAULT_STABLE)
      .option('--timeout <duration>', 'how long a start may take to reach running', DEFAULT_TIMEOUT)
      .option('--change <id>', 'the change or incident ticket this runs under, recorded with it (default: STMS_CHANGE_ID)');
    addNotifyOption(command);
  },
  async options() {
    const [{ z }, { JobOptionsSchema }, { durationField }] = await Promise.all([import('zod'), import('../../batch/job-options-schema.js'), import('../options/rollout-fields.js')]);
    return JobOptionsSchema.omit({ clusters: true }).extend({
      from: z.string(),
      to: z.string(),
      maxAge: durationField('--max-age', { allowZero: false }).optional(),
      acceptAge: z.boolean().default(false),
      restore: z.string().optional(),
      unplanned: z.boolean().default(false),
      reason: z.string().optional(),
      stable: durationField('--stable', { allowZero: true }),
      timeout: durationField('--timeout', { allowZero: false }),
      change: z.string().optional(),
    });
  },
  async run(ctx, args, options) {
    const [{ runJobsCommand }, { switchoverJob }, { hdfsReaders, requireStandby }, { printSwitchoverTable }, { printFailures }, { prepareSwitchover, switchoverFlags }] = await Promise.all([
      import('../run/jobs-command.js'),
      import('../../switchover/switchover-job.js'),
      import('../../standby/hdfs-reader.js'),
      import('../print/switchover.js'),
      import('../print/job-table.js'),
      import('../run/switchover.js'),
    ]);
    const flags = switchoverFlags(options);
    let readers: ReturnType<typeof hdfsReaders> | undefined;
    let jobOptions: SwitchoverOptions | undefined;
    try {
      return await runJobsCommand<SwitchoverRecord>(ctx, args, { ...options, clusters: `${flags.from},${flags.to}` }, {
        name: 'switchover',
        // A ticket is recorded (and required by requireChange); the windows never hold an outage back.
        change: { flags: { change: options.change, overrideWindow: false }, windows: false },
        // The old manager may be down: prepare asks both clusters itself.
        preflight: false,
        async prepare(session, change) {
          const roots = requireStandby(session.config);
          readers = hdfsReaders(session.config, session.clusters, { signal: ctx.signal, trace: (line) => ctx.out.debug(line), secrets: ctx.out.redactor });
          readers.reader(flags.to);
          const open = readers;
          jobOptions = { ...(await prepareSwitchover(ctx, session, flags, change.changeId)), roots, maxAgeMs: options.maxAge ?? roots.maxAgeMs, acceptAge: options.acceptAge, stableMs: options.stable, timeoutMs: options.timeout, reader: (c) => open.reader(c), now: () => Date.now() };
        },
        work: (session, ref, events) => switchoverJob(session, ref, jobOptions as SwitchoverOptions, events),
        render({ out, signal }, results) {
          printSwitchoverTable(out, results);
          printFailures(out, results, signal.aborted);
          if (jobOptions) out.info(`journal: ${jobOptions.journal.file}`);
        },
        junit: { passed: ['switched', 'stopped', 'running', 'not-running', 'already-switched'], skipped: ['unreachable', 'untouched'] },
      });
    } finally {
      await readers?.close();
    }
  },
});
