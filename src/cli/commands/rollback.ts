import { defineCommand } from '../command.js';
import { addChangeOptions } from '../options/change-flags.js';

export default defineCommand({
  name: 'rollback',
  summary: 'release the previous package again as a new version, then restart',
  examples: [
    'stms rollback p1/j1 --clusters GZ_UAT,TJ_UAT',
    'stms rollback p1/j1 --clusters GZ_UAT,TJ_UAT --to 20260121-103512-k3f9a2',
    'stms rollback p1/j1 --clusters GZ_UAT,TJ_UAT --to v00003 --package ./p1-j1-1.4.zip',
  ],
  configure(command) {
    command
      .argument('<project/job>', 'the job to roll back')
      .option('--clusters <A,B>', 'the clusters of the config to roll back on (required)')
      .option('--to <release|version>', 'the release id (stms history) or server version (stms history --clusters) to go back to; default: the release before the current one')
      .option('--restore <savepoint|latest|none|path>', 'what each restart restores from: the savepoint its stop took, what the job config says, nothing, or an hdfs:// path', 'savepoint')
      .option('--stable <duration>', 'how long a restarted job must stay up before the next cluster', '30s')
      .option('--package <zip>', 'the zip to send when the package store does not have it (its md5 must match)')
      .option('--vars <file>', "variable values (YAML or JSON), instead of the config's vars")
      .option('--deploy-user <user>', 'the deployUser of the source record (default: config, STMS_DEPLOY_USER, OS user)')
      .option('--timeout <duration>', 'how long to wait until the job runs again', '10m');
    addChangeOptions(command);
  },
  async options() {
    const [{ RollbackFlagsSchema }, { ChangeFields }] = await Promise.all([import('../../rollback/options.js'), import('../options/change-fields.js')]);
    return RollbackFlagsSchema.extend(ChangeFields);
  },
  async run(ctx, args, options) {
    const [{ runRollback }, { resolveChange, withChange }] = await Promise.all([import('../run/rollback.js'), import('../options/change-fields.js')]);
    const change = resolveChange(ctx.out, ctx.env, await ctx.loadConfig(), options, { command: 'rollback', windows: true });
    return withChange(await runRollback(ctx, args, options, change), change);
  },
});
