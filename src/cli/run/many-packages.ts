import path from 'node:path';
import type { CommandContext } from '../command.js';
import { UsageError } from '../../errors.js';
import { resolvePackageArgs } from '../../fleet/package-args.js';
import { readBatchJournal, type BatchJournal } from '../../fleet/batch-journal.js';

/**
 * Whether a release, upgrade or plan is a batch, and of which packages: more than one package, a
 * folder of packages, `--package-list`, or `--resume` of a batch id (whose journal is read here,
 * once). undefined: one package, run as a single release with the exit codes it has always had.
 */

export interface ManyPackages {
  paths: string[];
  /** The batch `--resume` names; its own packages are the ones run. */
  resumed?: BatchJournal | undefined;
}

export async function manyPackages(ctx: Pick<CommandContext, 'cwd'>, stateDir: string, args: readonly string[], flags: { packageList?: string | undefined; resume?: string | undefined }): Promise<ManyPackages | undefined> {
  const resumed = flags.resume === undefined ? undefined : await readBatchJournal(stateDir, flags.resume);
  if (resumed) return { paths: args.map((a) => path.resolve(ctx.cwd, a)), resumed };
  if (args.length === 0 && flags.packageList === undefined) return undefined;
  const resolved = await resolvePackageArgs(ctx.cwd, args, flags.packageList);
  if (!resolved.batch) return undefined;
  if (flags.resume !== undefined) throw new UsageError(`--resume ${flags.resume} finishes one release: give it one package, or give the id of a batch`);
  return { paths: resolved.paths };
}
