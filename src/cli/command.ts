import type { Command } from 'commander';
import type { Config } from '../config/load.js';
import type { Output } from './output.js';

/** One stms invocation's process-facing inputs; `argv` excludes the node binary and script path. */
export interface MainIO {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  signal: AbortSignal;
}

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
  /**
   * Runs another stms invocation in this process (the demo's steps). Passed in rather than
   * imported so a command never imports the entry point that loads it.
   */
  runStms(io: MainIO): Promise<number>;
  /** The config; a missing one is a usage error (exit 2). Its tokens are registered as secrets. */
  loadConfig(request?: ConfigRequest): Promise<Config>;
  /** The config if there is one. */
  findConfig(request?: ConfigRequest): Promise<Config | undefined>;
}

/**
 * What a command returns. `document` is the `--json` result (main adds `ok` when missing); the
 * human output was already printed by the command through `ctx.out`. Expected failures with a
 * result to show (invalid package, partial release) are returned with their exit code; other
 * failures are thrown as StmsError.
 */
export interface CommandResult {
  exitCode: number;
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
