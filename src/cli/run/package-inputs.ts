import path from 'node:path';
import type { CommandContext } from '../command.js';
import { loadVarsFile, type ClusterConfig, type Config } from '../../config/load.js';
import type { VarsFile } from '../../meta/vars-file.js';
import { resolveTargets } from '../../package/targets.js';

/**
 * The inputs `validate`, `pack` and `render` share: the config (optional), the target clusters
 * and the variable values, with the precedence config < flags (`--vars` replaces config vars).
 */
export interface PackageInputs {
  config: Config | undefined;
  targets: ClusterConfig[];
  vars: VarsFile | undefined;
  varsFile: string | undefined;
}

export async function packageInputs(ctx: CommandContext, flags: { clusters?: string | undefined; vars?: string | undefined; clustersFlag?: string }): Promise<PackageInputs> {
  const config = await ctx.findConfig();
  const targets = resolveTargets(config, flags.clusters, flags.clustersFlag);
  if (flags.vars !== undefined) {
    const varsFile = path.resolve(ctx.cwd, flags.vars);
    return { config, targets, vars: await loadVarsFile(varsFile, { flag: `--vars ${flags.vars}` }), varsFile };
  }
  return { config, targets, vars: config?.vars, varsFile: config?.varsFile };
}


