import { addSelectionOptions } from '../../batch/job-options.js';
import { defineCommand } from '../command.js';
import { addNotifyOption } from '../options/notify-flag.js';

export default defineCommand({
  name: 'audit',
  summary: 'the daily HA audit: same-name jobs, double jobs not on both, DR materials, CMDB',
  examples: [
    'stms audit --clusters GZ_UAT,TJ_UAT,SH_DR',
    'stms audit --clusters GZ_UAT,TJ_UAT,SH_DR --project p1 --project p2 --json',
    'stms audit --clusters GZ_UAT,TJ_UAT,SH_DR --project p1 --label kafka',
    'stms audit --clusters GZ_UAT,TJ_UAT,SH_DR --html /srv/reports/ha-audit.html --notify "$WEBHOOK_URL"',
  ],
  configure(command) {
    command
      .requiredOption('--clusters <A,B[,D]>', 'the clusters of the config to audit')
      .option('--project <name>', 'audit this project (repeatable; default: every project in the CMDB)', (value: string, all: string[] = []) => [...all, value])
      .option('--html <file>', 'also write the audit as one self-contained HTML page (the morning mail)');
    addSelectionOptions(command);
    addNotifyOption(command);
  },
  async options() {
    const [{ z }, { SelectionOptionsSchema }] = await Promise.all([import('zod'), import('../../batch/job-options-schema.js')]);
    return SelectionOptionsSchema.extend({ clusters: z.string(), project: z.array(z.string()).default([]), html: z.string().optional() });
  },
  async run(ctx, _args, options) {
    const { runAudit } = await import('../run/audit.js');
    return runAudit(ctx, { ...options, projects: options.project });
  },
});
