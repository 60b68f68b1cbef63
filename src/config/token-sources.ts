import { stat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../errors.js';

/**
 * Reads a token from where the config says it is. What a secret manager's command printed on
 * stderr is never shown (it may echo the secret or the vault's address); only how it ended.
 */

export interface TokenSource {
  tokenCode?: string | undefined;
  tokenFile?: string | undefined;
  tokenCommand?: string[] | undefined;
}

export interface TokenContext {
  /** The config file, for messages. */
  file: string;
  /** The field's place in the config, e.g. `clusters.GZ_UAT` or `cmdb`. */
  field: string;
  /** Relative token files resolve against the config's folder. */
  dir: string;
  timeoutMs: number;
}

export async function readTokenSource(source: TokenSource, context: TokenContext): Promise<string | undefined> {
  if (source.tokenFile !== undefined) return await readTokenFile(path.resolve(context.dir, source.tokenFile), context);
  if (source.tokenCommand !== undefined) return await runTokenCommand(source.tokenCommand, context);
  return source.tokenCode;
}

async function readTokenFile(file: string, context: TokenContext): Promise<string> {
  const where = `${context.file}: ${context.field}.tokenFile`;
  let mode: number;
  let text: string;
  try {
    mode = (await stat(file)).mode;
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${where}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, {
      hint: 'The path is relative to the config file; the file holds the token alone.',
    });
  }
  // As ssh refuses a private key others can read: a token file readable by the group or the world
  // has already leaked to them, and accepting it would make that a habit.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new ConfigError(`${where}: ${file} can be read by others (mode ${(mode & 0o777).toString(8).padStart(3, '0')})`, {
      hint: `Make it readable by its owner only: chmod 600 ${file}`,
    });
  }
  const token = withoutFinalNewline(text);
  if (token === '') throw new ConfigError(`${where}: ${file} is empty`, { hint: 'Write the token into the file, alone on its line.' });
  return token;
}

async function runTokenCommand(argv: string[], context: TokenContext): Promise<string> {
  const where = `${context.file}: ${context.field}.tokenCommand`;
  const [command, ...args] = argv as [string, ...string[]];
  // Loaded only when a config asks for a command: execa is ~120 modules every other run would load.
  const { execa } = await import('execa');
  const result = await execa(command, args, { shell: false, reject: false, stdin: 'ignore', timeout: context.timeoutMs, stripFinalNewline: false });
  if (result.timedOut) {
    throw new ConfigError(`${where}: ${command} did not answer within ${Math.round(context.timeoutMs / 1000)} s`, {
      hint: 'Run the command by hand to see whether it waits for a login or a prompt; stms gives it no input.',
    });
  }
  if (result.failed) {
    const how = result.exitCode !== undefined ? `exited with ${result.exitCode}` : `could not be run (${(result as { code?: string }).code ?? 'not found'})`;
    throw new ConfigError(`${where}: ${command} ${how}; what it printed is not shown, as it may hold the secret`, {
      hint: 'Run the command by hand; it must print the token alone on stdout and exit 0.',
    });
  }
  const token = withoutFinalNewline(String(result.stdout));
  if (token === '') throw new ConfigError(`${where}: ${command} printed nothing on stdout`, { hint: 'It must print the token alone on stdout.' });
  return token;
}

function withoutFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/**
 * The token goes in an HTTP header. A character no header may carry (a line break, NUL, anything
 * past U+00FF) would make every request fail in the HTTP library, retried as if the network were
 * down; it is a config error instead, named without showing the token.
 */
export function headerProblem(token: string): string | undefined {
  const bad = /[^\t\x20-\x7e\x80-\xff]/.exec(token);
  if (!bad) return undefined;
  const code = bad[0].codePointAt(0) ?? 0;
  return `holds a character an HTTP header cannot carry (U+${code.toString(16).toUpperCase().padStart(4, '0')} at position ${bad.index + 1})`;
}
