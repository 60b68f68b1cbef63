import path from 'node:path';
import type { CommandContext } from '../command.js';
import { loadVarsFile, requireToken, type ClusterConfig, type Config } from '../../config/load.js';
import type { VarsFile } from '../../meta/vars-file.js';
import { resolveTargets } from '../../package/targets.js';

/**
 * The targets and variable values of `release` and `plan`: --clusters names clusters of the
 * config (unknown ones: exit 2 listing the known ones), every target needs its token before
 * anything runs, and `--vars` replaces the config's vars.
 */
export interface ReleaseInputs {
  targets: ClusterConfig[];
  vars: VarsFile | undefined;
  varsFile: string | undefined;
}

export async function releaseInputs(ctx: Pick<CommandContext, 'cwd'>, config: Config, flags: { clusters: string | undefined; vars: string | undefined }): Promise<ReleaseInputs> {
  const targets = resolveTargets(config, flags.clusters ?? '');
  for (const target of targets) requireToken(target, config.file);
  if (flags.vars === undefined) return { targets, vars: config.vars, varsFile: undefined };
  const varsFile = path.resolve(ctx.cwd, flags.vars);
  return { targets, vars: await loadVarsFile(varsFile), varsFile };
}
