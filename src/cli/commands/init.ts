import path from 'node:path';
import { Option } from 'commander';
import { DEFAULT_JOB, DEFAULT_PROJECT, DEFAULT_TYPE, JOB_TYPES } from '../../init/options.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  name: 'init',
  summary: 'scaffold a job (meta.json, vars, config, CMDB stub) or a job-list folder',
  examples: [
    'stms init demo                                    # flink.sql job my_project/my_job in ./demo',
    'stms init payments --project pay_core --job order_sum',
    'stms init payments --type flink.jar --project pay_core --job risk_stream --owner alexyang',
    'stms init payments --job-list --project pay_core --job order_sum   # payments/job-list/',
  ],
  configure(command) {
    command
      .argument('[dir]', 'folder to write into; created when missing', '.')
      .addOption(new Option('--type <type>', `job type (default: ${DEFAULT_TYPE})`).choices(JOB_TYPES))
      .option('--project <name>', `Streamis project name: letters, digits, _ (default: ${DEFAULT_PROJECT})`)
      .option('--job <name>', `job name: letters, digits, _ and . (default: ${DEFAULT_JOB})`)
      .option('--owner <login>', 'failure-alert user, CMDB owner and deployUser (default: STMS_DEPLOY_USER or your login)')
      .option('--job-list', 'write the job-list folder (joblist.txt, env files, job-list.sh) instead of a job')
      .option('--force', 'replace files that already exist');
  },
  async options() {
    const { z } = await import('zod');
    // The defaults and the rules between flags are resolveInitOptions' (src/init/options.ts).
    return z.object({
      type: z.string().optional(),
      project: z.string().optional(),
      job: z.string().optional(),
      owner: z.string().optional(),
      jobList: z.boolean().optional(),
      force: z.boolean().optional(),
    });
  },
  async run(ctx, args, options) {
    const { scaffold } = await import('../../init/scaffold.js');
    const result = await scaffold({ cwd: ctx.cwd, dir: args[0], flags: options, env: ctx.env });
    const { out } = ctx;

    for (const file of result.files) out.line(`wrote ${path.join(result.dirFromCwd, file)}`);
    if (result.options.mode === 'package') {
      out.info(`Set STMS_TOKEN_GZ_UAT, STMS_TOKEN_TJ_UAT and STMS_TOKEN_SH_DR from your secret store, and replace the cluster URLs in stms.config.yaml with your Linkis gateways (or run \`stms sandbox\`).`);
    } else {
      out.info(`List the jobs to launch in ${path.join(result.dirFromCwd, 'job-list', 'joblist.txt')}; set the STMS_TOKEN_* variables from your secret store.`);
    }
    out.line('');
    out.line('next:');
    for (const command of result.next) out.line(`  ${command}`);

    return {
      document: { ok: true, dir: result.dir, mode: result.options.mode, ...(result.options.mode === 'package' ? { type: result.options.type } : {}), project: result.options.project, job: result.options.job, files: result.files, next: result.next },
    };
  },
});
