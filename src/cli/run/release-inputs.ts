import path from 'node:path';
import type { CommandContext } from '../command.js';
import { loadVarsFile, requireToken, type ClusterConfig, type Config } from '../../config/load.js';
import type { VarsFile } from '../../meta/vars-file.js';
import { resolveTargets } from '../../package/targets.js';
import type { ReleaseJournal } from '../../release/journal-model.js';
import { resumeDeployUser } from '../../release/resume.js';
import type { ReleaseFlags } from '../../release/options.js';
import type { ReleaseRequest } from '../../release/types.js';

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
  return { targets, vars: await loadVarsFile(varsFile, { flag: `--vars ${flags.vars}` }), varsFile };
}

/** The release engine's request of `release` and `upgrade` (`journal`: the one `--resume` continues). */
export function releaseRequest(ctx: Pick<CommandContext, 'cwd' | 'signal' | 'out'>, config: Config, packageArg: string, flags: Pick<ReleaseFlags, 'deployUser' | 'force'>, inputs: ReleaseInputs, journal: ReleaseJournal | undefined): ReleaseRequest {
  return {
    packagePath: path.resolve(ctx.cwd, packageArg),
    config,
    targets: inputs.targets,
    vars: inputs.vars,
    varsFile: inputs.varsFile,
    signal: ctx.signal,
    deployUser: journal ? resumeDeployUser(journal, flags.deployUser, config.deployUser) : (flags.deployUser ?? config.deployUser),
    force: flags.force,
    ...(journal ? { resume: journal } : {}),
    trace: (line) => ctx.out.debug(line),
    secrets: ctx.out.redactor,
  };
}
