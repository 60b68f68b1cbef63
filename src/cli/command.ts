import type { Command } from 'commander';
import type { Config } from '../config/load.js';
import type { ErrorCode } from '../errors.js';
import type { Output } from './output.js';

/** The global flags, accepted before or after the command name. */
export interface GlobalOptions {
  config: string | undefined;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  color: boolean;
  concurrency: number | undefined;
}

export interface ConfigRequest {
  /** Extra variables below the real environment (the env files of a job-list folder). */
  extraEnv?: Record<string, string>;
}

/** What a command gets: no globals, no process access beyond what is passed here. */
export interface CommandContext {
  out: Output;
  cwd: string;
  env: NodeJS.ProcessEnv;
  global: GlobalOptions;
  /** Aborted on Ctrl-C / SIGTERM: stop work in flight, record it, throw InterruptedError. */
  signal: AbortSignal;
  /** The config; a missing one is a usage error (exit 2). Its tokens are registered as secrets. */
  loadConfig(request?: ConfigRequest): Promise<Config>;
  /** The config if there is one. */
  findConfig(request?: ConfigRequest): Promise<Config | undefined>;
}

/**
 * What a command returns. `document` is the `--json` result (main adds `ok` when missing); the
 * human output was already printed by the command through `ctx.out`. Expected failures with a
 * result to show (invalid package, partial release) are returned with their code; other
 * failures are thrown as StmsError. No code: ok. Only main turns a code into an exit status
 * (the table of src/errors.ts).
 */
export interface CommandResult {
  code?: ErrorCode | undefined;
  document: Record<string, unknown>;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** Shown under `Examples:` in `stms <name> --help`. At least one. */
  examples: string[];
  /** Arguments and options of the command (commander). */
  configure(command: Command): void;
  /** `args` are the positional arguments; `options` the parsed command options. */
  run(ctx: CommandContext, args: string[], options: Record<string, unknown>): Promise<CommandResult>;
}

export function defineCommand(spec: CommandSpec): CommandSpec {
  return spec;
}
