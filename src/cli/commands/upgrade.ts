import { UsageError } from '../../errors.js';
import { parseDuration } from '../../util/duration.js';
import { defineCommand } from '../command.js';

const DEFAULT_STABLE = '30s';
const DEFAULT_TIMEOUT = '10m';

function duration(flag: string, text: unknown, fallback: string, allowZero: boolean): number {
  const value = typeof text === 'string' ? text : fallback;
  const ms = parseDuration(value);
  if (ms === undefined || ms < 0 || (!allowZero && ms === 0)) throw new UsageError(`${flag} ${value}: not a duration; write 30s, 5m, 1h or a number of seconds`);
  return ms;
}

export default defineCommand({
  name: 'upgrade',
  summary: 'release a package, then restart the job one cluster at a time from its savepoints',
  examples: [
    'stms upgrade my-job.zip --clusters GZ_UAT,TJ_UAT',
    'stms upgrade ./my-job --clusters GZ_UAT,TJ_UAT,SH_DR --vars vars.yaml --stable 2m --order TJ_UAT,GZ_UAT',
    'stms upgrade my-job.zip --resume 20260121-103512-k3f9a2     # finish an upgrade that stopped',
    'stms upgrade my-job.zip --clusters GZ_UAT --restore none      # start fresh, no state restored',
  ],
  configure(command) {
    command
      .argument('<package>', 'the package: a .zip file or a package folder')
      .option('--clusters <A,B>', 'the target clusters of the config (required unless --resume)')
      .option('--vars <file>', "variable values (YAML or JSON), instead of the config's vars")
      .option('--deploy-user <user>', 'the deployUser of the source record (default: config, STMS_DEPLOY_USER, OS user)')
      .option('--restore <savepoint|latest|none|path>', 'what each restart restores from: the savepoint its stop took, what the job config says, nothing, or an hdfs:// path', 'savepoint')
      .option('--stable <duration>', 'how long a restarted job must stay up before the next cluster', DEFAULT_STABLE)
      .option('--timeout <duration>', 'how long a start may take to reach running', DEFAULT_TIMEOUT)
      .option('--order <A,B>', 'the order of the clusters to restart (default: the config pair order)')
      .option('--resume <releaseId>', 'continue an upgrade from the last step its journal recorded');
  },
  async run(ctx, args, options) {
    const [{ parseReleaseFlags }, { releaseInputs, releaseRequest }, { readJournal }, { parseRestoreMode }, { runUpgrade }, { upgradeVerdict }, releasePrint, upgradePrint] = await Promise.all([
      import('../../release/options.js'),
      import('../run/release-inputs.js'),
      import('../../release/journal-store.js'),
      import('../../restore/restore-mode.js'),
      import('../../upgrade/upgrade.js'),
      import('../../upgrade/document.js'),
      import('../print/release.js'),
      import('../print/upgrade.js'),
    ]);
    const { out } = ctx;
    const flags = parseReleaseFlags('upgrade', args, options);
    const restore = parseRestoreMode(typeof options.restore === 'string' ? options.restore : undefined);
    const stableMs = duration('--stable', options.stable, DEFAULT_STABLE, true);
    const timeoutMs = duration('--timeout', options.timeout, DEFAULT_TIMEOUT, false);
    const order = typeof options.order === 'string' ? options.order.split(',').map((c) => c.trim()).filter(Boolean) : undefined;
    const config = await ctx.loadConfig();
    const journal = flags.resume === undefined ? undefined : await readJournal(config.stateDir, flags.resume);
    const inputs = await releaseInputs(ctx, config, { clusters: flags.clusters ?? journal?.targets.join(','), vars: flags.vars });
    const result = await runUpgrade(
      {
        release: releaseRequest(ctx, config, { ...flags, force: false }, inputs, journal),
        restore,
        stableMs,
        timeoutMs,
        ...(order ? { order } : {}),
      },
      out.json ? {} : { release: releasePrint.releaseEvents(out), rollout: upgradePrint.rolloutEvents(out), onReleased: (report) => releasePrint.printSummary(out, report, flags.packageArg) },
    );
    const verdict = upgradeVerdict(result, flags.packageArg);
    if (result.kind === 'refused') releasePrint.printRefusal(out, result.refusal);
    else if (result.kind === 'release-failed') releasePrint.printSummary(out, result.report, flags.packageArg);
    if (result.kind !== 'refused') upgradePrint.printUpgrade(out, verdict);
    return { exitCode: verdict.exitCode, document: verdict.document };
  },
});
