import { defineCommand } from '../command.js';

export default defineCommand({
  name: 'audit',
  summary: 'the daily HA audit: same-name jobs, double jobs not on both, DR materials, CMDB',
  examples: ['stms audit --clusters GZ_UAT,TJ_UAT,SH_DR', 'stms audit --clusters GZ_UAT,TJ_UAT,SH_DR --project p1 --project p2 --json'],
  configure(command) {
    command
      .requiredOption('--clusters <A,B[,D]>', 'the clusters of the config to audit')
      .option('--project <name>', 'audit this project (repeatable; default: every project in the CMDB)', (value: string, all: string[] = []) => [...all, value]);
  },
  async run(ctx, _args, options) {
    const { runAudit } = await import('../run/audit.js');
    return runAudit(ctx, {
      clusters: typeof options.clusters === 'string' ? options.clusters : '',
      projects: Array.isArray(options.project) ? (options.project as string[]) : [],
    });
  },
});
