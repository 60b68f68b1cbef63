import { defineCommand } from '../command.js';

export default defineCommand({
  name: 'history',
  summary: 'the local release journal',
  examples: ['stms history', 'stms history p1/j1', 'stms history p1 --json'],
  configure(command) {
    command.argument('[project/job]', 'only the releases of this job (or of every job of a project)');
  },
  options: async () => (await import('../no-options.js')).NoOptions,
  async run(ctx, args) {
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
