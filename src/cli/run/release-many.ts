import type { CommandContext, CommandResult } from '../command.js';
import { readJournal } from '../../release/journal-store.js';
import { runRelease } from '../../release/engine.js';
import { releaseVerdict } from '../../release/document.js';
import { releaseJobResult } from '../../fleet/job-result.js';
import type { ReleaseFlags } from '../../release/options.js';
import type { ChangeRecord } from '../../change/control.js';
import type { ManyPackages } from './many-packages.js';
import { runPackageBatch } from './package-batch.js';
import { releaseRequest } from './release-inputs.js';

/** `stms release` of many packages: each package's release is a job of the batch. */
export function releaseMany(ctx: CommandContext, many: ManyPackages, flags: ReleaseFlags, change: ChangeRecord): Promise<CommandResult> {
  return runPackageBatch(ctx, many, flags, {
    command: 'release',
    journal: true,
    good: ['uploaded', 'unchanged', 'skipped'],
    junit: { passed: ['uploaded', 'unchanged', 'skipped'], skipped: [] },
    async work(ref, job) {
      const journal = job.resumeReleaseId === undefined ? undefined : await readJournal(job.config.stateDir, job.resumeReleaseId);
      const request = releaseRequest(ctx, job.config, ref.packagePath, { force: flags.force, deployUser: job.deployUser }, job.inputs, journal);
      const result = await runRelease(
        { ...request, change, uploadTurns: job.uploadTurns },
        {
          onStart: (start) => {
            job.began(start.releaseId);
            for (const warning of start.warnings) ctx.out.warn(`${start.project}/${start.job}: ${warning.message}`);
          },
        },
      );
      const verdict = releaseVerdict(result, { packageArg: ref.packagePath, config: ctx.global.config, vars: flags.vars, deployUser: job.deployUser });
      return releaseJobResult(ref, job.inputs.targets.map((t) => t.name), verdict);
    },
  });
}
