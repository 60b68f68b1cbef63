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
  options: async () => {
    const { z } = await import('zod');
    return z.object({ clusters: z.string().optional(), project: z.string().optional() });
  },
  async run(ctx, _args, options) {
    const [{ resolveTargets }, { preflightClusters, preflightJson }, { checkCmdb }, { printDoctor }, { mostSevere }] = await Promise.all([
      import('../../package/targets.js'),
      import('../../streamis/preflight.js'),
      import('../../cmdb/reachable.js'),
      import('../print/doctor.js'),
      import('../../errors.js'),
    ]);
    const config = await ctx.loadConfig();
    const clusters = resolveTargets(config, options.clusters);
    const project = options.project;
    const trace = (line: string) => ctx.out.debug(line);
    const [result, cmdb] = await Promise.all([preflightClusters(clusters, config, { project, trace, signal: ctx.signal }), checkCmdb(config, ctx.signal)]);
    printDoctor(ctx.out, result, cmdb, project);
    // The failure that decides, by the one severity order of the exit-code table.
    const code = mostSevere([result.code, cmdb.code].filter((c) => c !== undefined));
    return {
      code,
      document: {
        ok: code === undefined,
        clusters: Object.fromEntries(Object.values(result.clusters).map((c) => [c.cluster, preflightJson(c)])),
        cmdb,
      },
    };
  },
});
