import type { Command } from 'commander';
import type { Config } from '../config/load.js';
import type { ErrorCode } from '../errors.js';
import { UsageError } from '../errors.js';
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
  runStms(io: MainIO): Promise<ErrorCode | undefined>;
  /**
   * Every command of the table with its summary and loaded spec (completion reads their options).
   * Passed in for the same reason: a command never imports the table that loads it.
   */
  listCommands(): Promise<Array<{ name: string; summary: string; spec: StmsCommand }>>;
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

/** The part of a zod schema stms uses; the type alone, so that listing commands loads no zod. */
export interface OptionsSchema<O> {
  safeParse(input: unknown): { success: true; data: O } | { success: false; error: { issues: ReadonlyArray<{ message: string }> } };
}

export interface CommandSpec<O> {
  name: string;
  summary: string;
  /** Shown under `Examples:` in `stms <name> --help`. At least one. */
  examples: string[];
  /** Arguments and options of the command (commander): each option and its default declared here once. */
  configure(command: Command): void;
  /**
   * The schema of commander's parsed option values (a zod object, loaded only when the command
   * runs): types them, and states each default commander does not show in --help.
   */
  options(): Promise<OptionsSchema<O>>;
  /** The rules between flags and arguments, in one place: throws a UsageError. */
  check?(options: O, args: string[]): void | Promise<void>;
  /** `args` are the positional arguments; `options` the checked command options. */
  run(ctx: CommandContext, args: string[], options: O): Promise<CommandResult>;
}

/** A command as main sees it: the option type is known only inside, where it is parsed. */
export interface StmsCommand {
  name: string;
  summary: string;
  examples: string[];
  configure(command: Command): void;
  /** Parses commander's option values once (a UsageError when they do not fit), then runs. */
  invoke(ctx: CommandContext, args: string[], rawOptions: Record<string, unknown>): Promise<CommandResult>;
}

export function defineCommand<O>(spec: CommandSpec<O>): StmsCommand {
  return {
    name: spec.name,
    summary: spec.summary,
    examples: spec.examples,
    configure: (command) => spec.configure(command),
    async invoke(ctx, args, rawOptions) {
      const parsed = (await spec.options()).safeParse(rawOptions);
      if (!parsed.success) {
        throw new UsageError(parsed.error.issues.map((issue) => issue.message).join('; '), { hint: `See \`stms ${spec.name} --help\`.` });
      }
      await spec.check?.(parsed.data, args);
      return spec.run(ctx, args, parsed.data);
    },
  };
}
