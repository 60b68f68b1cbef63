import { defineCommand } from '../command.js';

export default defineCommand({
  name: 'history',
  summary: 'the local release journal; with --clusters, the versions on the servers',
  examples: ['stms history', 'stms history p1/j1', 'stms history p1 --json', 'stms history p1/j1 --clusters GZ_UAT,TJ_UAT'],
  configure(command) {
    command
      .argument('[project/job]', 'only the releases of this job (or of every job of a project)')
      .option('--clusters <A,B>', "the job's versions on these clusters, newest first, instead of the local journal");
  },
  options: async () => {
    const { z } = await import('zod');
    return z.object({ clusters: z.string().optional() });
  },
  async run(ctx, args, options) {
    if (options.clusters !== undefined) {
      const { runServerHistory } = await import('../run/server-history.js');
      return runServerHistory(ctx, args[0], options.clusters);
    }
    const [{ stateDirFor }, { listJournals, journalPath }, history] = await Promise.all([
      import('../../config/load.js'),
      import('../../release/journal-store.js'),
      import('../../release/history.js'),
    ]);
    const { out } = ctx;
    const config = await ctx.findConfig();
    const stateDir = stateDirFor(config, ctx.cwd);
    const filter = history.parseHistoryFilter(args[0]);
    const listing = await listJournals(stateDir);
    for (const bad of listing.unreadable) out.warn(`skipped ${bad.reason}`);
    const journals = listing.journals.filter((j) => history.matches(j, filter));
    if (journals.length === 0) {
      out.line(`no releases${filter ? ` of ${args[0]}` : ''} recorded in ${stateDir}`);
    } else {
      out.table(['release', 'time', 'job', 'policy', 'md5', 'clusters'], journals.map(history.historyRow));
    }
    return { document: { ok: true, stateDir, releases: journals.map((j) => history.historyJson(j, journalPath(stateDir, j.releaseId))) } };
  },
});
