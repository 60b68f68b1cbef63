import path from 'node:path';
import type { CommandContext } from '../command.js';
import { UsageError } from '../../errors.js';
import { kindOf, resolvePackageArgs } from '../../fleet/package-args.js';
import { readBatchJournal } from '../../fleet/batch-journal.js';

/**
 * Whether a release, upgrade or plan is a batch, and of which packages: more than one package, a
 * folder of packages, `--package-list`, or `--resume` of a batch id. undefined: one package, run
 * as a single release with the exit codes it has always had.
 */
export async function manyPackages(ctx: Pick<CommandContext, 'cwd'>, stateDir: string, args: readonly string[], flags: { packageList?: string | undefined; resume?: string | undefined }): Promise<string[] | undefined> {
  const resumesBatch = flags.resume !== undefined && (await readBatchJournal(stateDir, flags.resume)) !== undefined;
  if (resumesBatch) return args.map((a) => path.resolve(ctx.cwd, a));
  // One package (even a missing one: its release says so, as it always has) is no batch.
  const single = flags.packageList === undefined && (args.length === 0 || (args.length === 1 && (await kindOf(path.resolve(ctx.cwd, args[0] ?? ''))) !== 'folder-of-packages'));
  if (single) return undefined;
  const resolved = await resolvePackageArgs(ctx.cwd, args, flags.packageList);
  if (!resolved.batch) return undefined;
  if (flags.resume !== undefined) throw new UsageError(`--resume ${flags.resume} finishes one release: give it one package, or give the id of a batch`);
  return resolved.paths;
}
