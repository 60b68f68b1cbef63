import { defineCommand } from '../command.js';

export default defineCommand({
  name: 'doctor',
  summary: 'check every cluster before writing: gateway, token, cluster name, privilege, CMDB, clock',
  examples: ['stms doctor', 'stms doctor --clusters GZ_UAT,TJ_UAT --project p1', 'stms doctor --json'],
  configure(command) {
    command
      .option('--clusters <A,B>', 'the clusters of the config to check (default: all of them)')
      .option('--project <name>', 'also check the edit privilege of Token-User on this project');
  },
  async run(ctx, _args, options) {
    const [{ resolveTargets }, { preflightClusters, preflightJson }, { checkCmdb }, { printDoctor }] = await Promise.all([
      import('../../package/targets.js'),
      import('../../streamis/preflight.js'),
      import('../../cmdb/reachable.js'),
      import('../print/doctor.js'),
    ]);
    const config = await ctx.loadConfig();
    const clusters = resolveTargets(config, typeof options.clusters === 'string' ? options.clusters : undefined);
    const project = typeof options.project === 'string' ? options.project : undefined;
    const trace = (line: string) => ctx.out.debug(line);
    const [result, cmdb] = await Promise.all([preflightClusters(clusters, config, { project, trace, signal: ctx.signal }), checkCmdb(config, ctx.signal)]);
    printDoctor(ctx.out, result, cmdb, project);
    // The worst failure decides: 5 (unreachable) over 2 (token, name, privilege, CMDB file).
    const exitCode = Math.max(result.exitCode, cmdb.exitCode);
    return {
      exitCode,
      document: {
        ok: exitCode === 0,
        clusters: Object.fromEntries(Object.values(result.clusters).map((c) => [c.cluster, preflightJson(c)])),
        cmdb,
      },
    };
  },
});
