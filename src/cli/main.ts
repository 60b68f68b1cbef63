import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { Config } from '../config/load.js';
import { EXIT, StmsError, errorMessage, isStmsError } from '../errors.js';
import type { CommandContext, CommandResult, CommandSpec, ConfigRequest, GlobalOptions, MainIO } from './command.js';
import { COMMANDS, COMMAND_NAMES, isCommandName, type CommandName } from './commands/index.js';
import { isInteractive, wantsColor } from './interactive.js';
import { Output } from './output.js';
import { VERSION } from './version.js';

/** How long a command may take to record its state after Ctrl-C before main gives up on it. */
const INTERRUPT_GRACE_MS = 10_000;

/**
 * Runs one stms invocation and returns its exit code. Never calls process.exit: bin/stms.js does.
 * `argv` excludes the node binary and script path.
 */
export async function main(io: MainIO): Promise<number> {
  const argv = io.argv;
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.OK;
  }

  const preliminary = peekGlobals(argv, io.env);
  const out = new Output({
    json: preliminary.json,
    quiet: preliminary.quiet,
    verbose: preliminary.verbose,
    color: wantsColor({ isTTY: Boolean(io.stderr.isTTY), env: io.env }, !preliminary.color),
    interactive: isInteractive({ isTTY: Boolean(io.stderr.isTTY), env: io.env }),
    stdout: io.stdout,
    stderr: io.stderr,
  });

  try {
    return await runCommander(io, out);
  } catch (error) {
    return reportFailure(out, error);
  }
}

async function runCommander(io: MainIO, out: Output): Promise<number> {
  const program = buildProgram(io);
  const commandName = io.argv.find((arg, i) => isCommandName(arg) && !takesValue(io.argv[i - 1])) as CommandName | undefined;
  // Only the command being run is loaded; `stms --help` loads them all for the listing.
  const names = commandName ? [commandName] : COMMAND_NAMES;
  const specs: CommandSpec[] = await Promise.all(names.map(async (name) => (await COMMANDS[name].load()).default));

  let result: CommandResult | undefined;
  for (const spec of specs) {
    const command = program.command(spec.name).description(spec.summary);
    spec.configure(command);
    command.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}\n`);
    command.action(async (...actionArgs: unknown[]) => {
      const cmd = actionArgs[actionArgs.length - 1] as Command;
      const global = readGlobals(cmd.optsWithGlobals());
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
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.OK;
      // Help shown because no command was given is a usage error, so scripts notice.
      if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
      if (error.code === 'commander.executeSubCommandAsync') return EXIT.OK;
      throw new StmsError('USAGE', error.message.replace(/^error: /, ''), { hint: `See \`stms ${commandName ?? ''} --help\`.`.replace('  ', ' ') });
    }
    throw error;
  }
  if (!result) {
    // `stms` alone: show the help, as a usage error so scripts notice.
    out.error('no command given');
    io.stderr.write(program.helpInformation());
    return EXIT.USAGE;
  }
  // A long-running command may have written its document already (stms sandbox).
  if (out.json && !out.wroteDocument) out.document({ ok: result.exitCode === EXIT.OK, ...result.document });
  return result.exitCode;
}

async function runSpec(
  spec: CommandSpec,
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
        for (const cluster of Object.values(config?.clusters ?? {})) out.addSecret(cluster.tokenCode);
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
    runStms: main,
    findConfig: find,
    async loadConfig(request) {
      const config = await find(request);
      if (config) return config;
      throw new StmsError('CONFIG', `no stms config found from ${io.cwd}`, {
        hint: 'Create stms.config.yaml (`stms init` writes one), pass -c/--config, or run `stms sandbox` for a local one.',
      });
    },
  };
  const running = spec.run(ctx, args, options);
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

function reportFailure(out: Output, error: unknown): number {
  if (isStmsError(error)) {
    if (out.json && !out.wroteDocument) {
      out.document({ ok: false, error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } });
    }
    out.error(error.message);
    if (error.hint) out.info(`${out.c.cyan('hint:')} ${error.hint}`);
    return error.exitCode;
  }
  if (out.json && !out.wroteDocument) out.document({ ok: false, error: { code: 'INTERNAL', message: errorMessage(error) } });
  out.error(`internal error (this is a bug in stms, please report it): ${errorMessage(error)}`);
  if (error instanceof Error && error.stack) out.info(error.stack);
  return EXIT.INTERNAL;
}

function buildProgram(io: MainIO): Command {
  const program = new Command('stms');
  program
    .description('Release and launch Flink streaming jobs on Streamis clusters.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      // commander's own error text is rethrown and printed by reportFailure.
      writeErr: (text) => {
        if (!text.startsWith('error:')) io.stderr.write(text);
      },
    });
  addGlobalOptions(program);
  program.addHelpText('after', `\nExamples:\n  $ stms demo\n  $ stms validate ./my-job --clusters GZ_UAT,TJ_UAT\n  $ stms release my-job.zip --clusters GZ_UAT,TJ_UAT\n`);
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

/** The output flags are needed before commander has parsed anything (to report its errors). */
function peekGlobals(argv: string[], env: NodeJS.ProcessEnv): Pick<GlobalOptions, 'json' | 'quiet' | 'verbose' | 'color'> {
  const before = argv.indexOf('--');
  const flags = before === -1 ? argv : argv.slice(0, before);
  return {
    json: flags.includes('--json'),
    quiet: flags.includes('-q') || flags.includes('--quiet'),
    verbose: flags.includes('-v') || flags.includes('--verbose'),
    color: !flags.includes('--no-color') && !(env.NO_COLOR !== undefined && env.NO_COLOR !== ''),
  };
}

const VALUE_FLAGS = new Set(['-c', '--config', '--concurrency']);
function takesValue(previous: string | undefined): boolean {
  return previous !== undefined && VALUE_FLAGS.has(previous);
}
