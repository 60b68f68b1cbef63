import type { CommandContext, CommandResult } from '../command.js';
import type { ChangeRecord } from '../../change/control.js';
import { readJournal } from '../../release/journal-store.js';
import type { ReleaseFlags } from '../../release/options.js';
import type { RestoreMode } from '../../restore/restore-mode.js';
import { runUpgrade } from '../../upgrade/upgrade.js';
import { upgradeVerdict } from '../../upgrade/document.js';
import { upgradeJobResult } from '../../fleet/job-result.js';
import type { ManyPackages } from './many-packages.js';
import { runPackageBatch } from './package-batch.js';
import { releaseRequest } from './release-inputs.js';

/** `stms upgrade` of many packages: each package's release and rolling restart is a job of the batch. */
export function upgradeMany(
  ctx: CommandContext,
  many: ManyPackages,
  flags: ReleaseFlags,
  rollout: { restore: RestoreMode; stableMs: number; timeoutMs: number; order?: string[] },
  change: ChangeRecord,
): Promise<CommandResult> {
  return runPackageBatch(ctx, many, flags, {
    command: 'upgrade',
    journal: true,
    good: ['running', 'not-target'],
    junit: { passed: ['running'], skipped: ['not-target'] },
    async work(ref, job) {
      const journal = job.resumeReleaseId === undefined ? undefined : await readJournal(job.config.stateDir, job.resumeReleaseId);
      const request = releaseRequest(ctx, job.config, ref.packagePath, { force: flags.force, deployUser: job.deployUser }, job.inputs, journal);
      const result = await runUpgrade({ release: { ...request, change, uploadTurns: job.uploadTurns }, ...rollout }, { release: { onStart: (start) => job.began(start.releaseId) } });
      const verdict = upgradeVerdict(result, { packageArg: ref.packagePath, config: ctx.global.config, vars: flags.vars, deployUser: job.deployUser, command: 'upgrade' });
      return upgradeJobResult(ref, job.inputs.targets.map((t) => t.name), verdict);
    },
  });
}
