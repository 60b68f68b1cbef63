import os from 'node:os';
import path from 'node:path';
import { resolveInitOptions, type InitOptions, type RawInitFlags } from './options.js';
import { nextCommands, planInit, templateValues } from './plan.js';
import { writePlannedFiles } from './write-files.js';

/**
 * `stms init` without the terminal: checks the flags, writes the planned files, and says what
 * was written and what to run next. The command file only prints the result.
 */
export interface ScaffoldRequest {
  cwd: string;
  /** The `[dir]` argument; the current directory when absent. */
  dir: string | undefined;
  flags: RawInitFlags;
  env: NodeJS.ProcessEnv;
}

export interface ScaffoldResult {
  options: InitOptions;
  /** Absolute target folder. */
  dir: string;
  /** The target folder as the user would type it from cwd ('.' for cwd itself). */
  dirFromCwd: string;
  /** Written files, relative to `dir`, `/`-separated. */
  files: string[];
  /** Commands to run next, from cwd. */
  next: string[];
}

export async function scaffold(request: ScaffoldRequest): Promise<ScaffoldResult> {
  const options = resolveInitOptions(request.flags, { owner: request.env.STMS_DEPLOY_USER || osUser() });
  const dir = path.resolve(request.cwd, request.dir ?? '.');
  const plan = planInit(options);
  await writePlannedFiles(dir, plan, templateValues(options), options.force);
  const dirFromCwd = path.relative(request.cwd, dir) || '.';
  return { options, dir, dirFromCwd, files: plan.map((file) => file.path), next: nextCommands(options, dirFromCwd) };
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    // No passwd entry (some containers): the owner check then asks for --owner.
    return '';
  }
}
