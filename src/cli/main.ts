import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { Config } from '../config/load.js';
import { StmsError, errorMessage, exitStatusOf, isStmsError, type ErrorCode } from '../errors.js';
import type { CommandContext, CommandResult, ConfigRequest, StmsCommand, GlobalOptions, MainIO } from './command.js';
import { COMMANDS, COMMAND_NAMES, isCommandName, type CommandName } from './commands/index.js';
import { isInteractive, wantsColor } from './interactive.js';
import { ignoreClosedPipe, writeIfOpen } from './closed-pipe.js';
import { exitCodesHelp } from './exit-help.js';
import { loadScreenWidth, Output } from './output.js';
import { VERSION } from './version.js';

// bin/bundle-loader.js lends its import() to the bundle, which runs as a script (see there).
export { lendImporter } from '../util/module-import.js';

/** How long a command may take to record its state after Ctrl-C before main gives up on it. */
const INTERRUPT_GRACE_MS = 10_000;

/**
 * Runs one stms invocation and returns its exit status. Never calls process.exit: bin/stms.js
 * does. `argv` excludes the node binary and script path. The one place where a code becomes an
 * exit status (the table of src/errors.ts).
 */
export async function main(io: MainIO): Promise<number> {
  return exitStatusOf(await runCli(io));
}

/** Runs one stms invocation and returns its code: undefined when it went well. */
export async function runCli(io: MainIO): Promise<ErrorCode | undefined> {
  const argv = io.argv;
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    ignoreClosedPipe(io.stdout);
    writeIfOpen(io.stdout, `${VERSION}\n`);
    return undefined;
  }

  ignoreClosedPipe(io.stdout);
  ignoreClosedPipe(io.stderr);
  const program = buildProgram(io);
  // Output is built once, from commander's parse of the global flags; only an error raised before
  // that parse finished is reported through what commander had read by then.
  let out: Output | undefined;
  const outputFor = (global: GlobalOptions) => (out ??= makeOutput(io, global));
  let code: ErrorCode | undefined;
  if (isInteractive({ isTTY: Boolean((io.stderr as { isTTY?: boolean }).isTTY), env: io.env })) await loadScreenWidth();
  try {
    code = await runCommander(io, program, outputFor);
  } catch (error) {
    code = reportFailure(outputFor(readGlobals(program.opts())), error);
  }
  // SIGTERM stops work as Ctrl-C does (the document says INTERRUPTED); the status says which.
  if (code !== 'INTERRUPTED' || !(io.signal.aborted && io.signal.reason === 'SIGTERM')) return code;
  outputFor(readGlobals(program.opts())).error('terminated (SIGTERM)');
  return 'TERMINATED';
}

function makeOutput(io: MainIO, global: GlobalOptions): Output {
  const terminal = (stream: { isTTY?: boolean }) => ({ isTTY: Boolean(stream.isTTY), env: io.env });
  return new Output({
    json: global.json,
    quiet: global.quiet,
    verbose: global.verbose,
    color: wantsColor(terminal(io.stderr), !global.color),
    interactive: isInteractive(terminal(io.stderr)),
    stdout: io.stdout,
    stderr: io.stderr,
  });
}

async function runCommander(io: MainIO, program: Command, outputFor: (global: GlobalOptions) => Output): Promise<ErrorCode | undefined> {
  const commandName = io.argv.find((arg, i) => isCommandName(arg) && !takesValue(io.argv[i - 1])) as CommandName | undefined;
  // Only the command being run is loaded; `stms --help` loads them all for the listing.
  const names = commandName ? [commandName] : COMMAND_NAMES;
  const specs: StmsCommand[] = await Promise.all(names.map(async (name) => (await COMMANDS[name].load()).default));

  let result: CommandResult | undefined;
  let out: Output | undefined;
  for (const spec of specs) {
    const command = program.command(spec.name).description(spec.summary);
    spec.configure(command);
    command.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}\n`);
    command.action(async (...actionArgs: unknown[]) => {
      const cmd = actionArgs[actionArgs.length - 1] as Command;
      const global = readGlobals(cmd.optsWithGlobals());
      out = outputFor(global);
      result = await runSpec(spec, io, out, global, cmd.args, cmd.opts());
    });
  }
  if (!commandName) {
    for (const name of COMMAND_NAMES) if (!specs.some((s) => s.name === name)) program.command(name).description(COMMANDS[name].summary);
  }

  try {
    await program.parseAsync(io.argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return undefined;
      // Help shown because no command was given is a usage error, so scripts notice.
      if (error.code === 'commander.help') return error.exitCode === 0 ? undefined : 'USAGE';
      if (error.code === 'commander.executeSubCommandAsync') return undefined;
      throw new StmsError('USAGE', error.message.replace(/^error: /, ''), { hint: `See \`stms ${commandName ?? ''} --help\`.`.replace('  ', ' ') });
    }
    throw error;
  }
  if (!result || !out) {
    // `stms` alone: show the help, as a usage error so scripts notice.
    outputFor(readGlobals(program.opts())).error('no command given');
    writeIfOpen(io.stderr, program.helpInformation());
    return 'USAGE';
  }
  // A long-running command may have written its document already (stms sandbox).
  if (out.json && !out.wroteDocument) out.document({ ok: result.code === undefined, ...result.document });
  return result.code;
}

async function runSpec(
  spec: StmsCommand,
  io: MainIO,
  out: Output,
  global: GlobalOptions,
  args: string[],
  options: Record<string, unknown>,
): Promise<CommandResult> {
  const configs = new Map<string, Promise<Config | undefined>>();
  const find = (request: ConfigRequest = {}) => {
    const key = JSON.stringify(request.extraEnv ?? {});
    let loaded = configs.get(key);
    if (!loaded) {
      const env = { ...(request.extraEnv ?? {}), ...io.env };
      // Loaded on first use: cosmiconfig and the zod schemas cost more than most commands' own work.
      loaded = import('../config/load.js').then(async ({ findConfig }) => {
        const config = await findConfig({ cwd: io.cwd, explicitPath: global.config, env });
        for (const cluster of Object.values(config?.clusters ?? {})) {
          out.addSecret(cluster.tokenCode);
          if (cluster.hdfs?.kind === 'webhdfs') out.addSecret(cluster.hdfs.token);
        }
        if (config?.cmdb?.kind === 'http') out.addSecret(config.cmdb.tokenCode);
        return config;
      });
      configs.set(key, loaded);
    }
    return loaded;
  };
  const ctx: CommandContext = {
    out,
    cwd: io.cwd,
    env: io.env,
    global,
    signal: io.signal,
    runStms: runCli,
    listCommands: async () => Promise.all(COMMAND_NAMES.map(async (name) => ({ name, summary: COMMANDS[name].summary, spec: (await COMMANDS[name].load()).default }))),
    findConfig: find,
    async loadConfig(request) {
      const config = await find(request);
      if (config) return config;
      throw new StmsError('CONFIG', `no stms config found from ${io.cwd}`, {
        hint: 'Create stms.config.yaml (`stms init` writes one), pass -c/--config, or run `stms sandbox` for a local one.',
      });
    },
  };
  // Loaded only when asked for: the HTTP client costs startup time every other command would pay.
  if (typeof options.notify !== 'string') return await invokeWithGrace(spec, ctx, io, args, options);
  const { notifyOutcome, takeNotify } = await import('./notify-hook.js');
  const { hook, options: commandOptions } = takeNotify(out, options);
  let result: CommandResult;
  try {
    result = await invokeWithGrace(spec, ctx, io, args, commandOptions);
  } catch (error) {
    await notifyOutcome(ctx, spec.name, hook, { error });
    throw error;
  }
  await notifyOutcome(ctx, spec.name, hook, { result });
  return result;
}

async function invokeWithGrace(spec: StmsCommand, ctx: CommandContext, io: MainIO, args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const running = spec.invoke(ctx, args, options);
  if (io.signal.aborted) return await running;
  // After Ctrl-C the command gets a grace period to record what happened (journal) and answer.
  return await new Promise<CommandResult>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      timer = setTimeout(() => reject(new StmsError('INTERRUPTED', 'interrupted')), INTERRUPT_GRACE_MS);
      timer.unref();
    };
    io.signal.addEventListener('abort', onAbort, { once: true });
    running.then(resolve, reject).finally(() => {
      io.signal.removeEventListener('abort', onAbort);
      if (timer) clearTimeout(timer);
    });
  });
}

function reportFailure(out: Output, error: unknown): ErrorCode {
  if (isStmsError(error)) {
    if (out.json && !out.wroteDocument) {
      out.document({ ok: false, error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } });
    }
    out.error(error.message);
    if (error.hint) out.info(`${out.c.cyan('hint:')} ${error.hint}`);
    return error.code;
  }
  if (out.json && !out.wroteDocument) out.document({ ok: false, error: { code: 'INTERNAL', message: errorMessage(error) } });
  out.error(`internal error (this is a bug in stms, please report it): ${errorMessage(error)}`);
  if (error instanceof Error && error.stack) out.info(error.stack);
  return 'INTERNAL';
}

function buildProgram(io: MainIO): Command {
  const program = new Command('stms');
  program
    .description('Release and launch Flink streaming jobs on Streamis clusters.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => writeIfOpen(io.stdout, text),
      // commander's own error text is rethrown and printed by reportFailure.
      writeErr: (text) => {
        if (!text.startsWith('error:')) writeIfOpen(io.stderr, text);
      },
    });
  addGlobalOptions(program);
  program.addHelpText('after', `\nExamples:\n  $ stms demo\n  $ stms validate ./my-job --clusters GZ_UAT,TJ_UAT\n  $ stms release my-job.zip --clusters GZ_UAT,TJ_UAT\n\n${exitCodesHelp()}`);
  return program;
}

/** Global options live on the program; commander recognises them before and after the command name. */
function addGlobalOptions(command: Command): void {
  command
    .addOption(new Option('-c, --config <file>', 'config file (default: searched from the current directory)'))
    .addOption(new Option('--json', 'print exactly one JSON document on stdout'))
    .addOption(new Option('-q, --quiet', 'only warnings and errors'))
    .addOption(new Option('-v, --verbose', 'trace HTTP requests and responses (tokens redacted)'))
    .addOption(new Option('--no-color', 'no colours (also NO_COLOR)'))
    .addOption(new Option('--concurrency <n>', 'jobs worked on at once in multi-job commands').argParser(positiveInt));
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of 1 or more');
  return n;
}

function readGlobals(options: Record<string, unknown>): GlobalOptions {
  return {
    config: typeof options.config === 'string' ? options.config : undefined,
    json: options.json === true,
    quiet: options.quiet === true,
    verbose: options.verbose === true,
    color: options.color !== false,
    concurrency: typeof options.concurrency === 'number' ? options.concurrency : undefined,
  };
}

const VALUE_FLAGS = new Set(['-c', '--config', '--concurrency']);
function takesValue(previous: string | undefined): boolean {
  return previous !== undefined && VALUE_FLAGS.has(previous);
}
