import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { execa, type Options } from 'execa';

/** The built binary, as users run it. `npm test` builds first. */
export const STMS_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/stms.js');

export interface StmsRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (only for --json runs). */
  json: any;
}

/**
 * Runs `stms` as a child process. Colour is off and CI is set, so output is plain and stable;
 * `env` is added to the parent environment minus any STMS_* variables of the machine.
 */
export async function runStms(args: string[], options: { cwd?: string; env?: Record<string, string | undefined>; input?: string; timeoutMs?: number } = {}): Promise<StmsRun> {
  const execOptions: Options = {
    cwd: options.cwd,
    env: childEnv(options.env),
    extendEnv: false,
    reject: false,
    timeout: options.timeoutMs ?? 120_000,
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
  };
  const result = await execa('node', [STMS_BIN, ...args], execOptions);
  const stdout = String(result.stdout ?? '');
  let json: unknown;
  if (args.includes('--json')) {
    try {
      json = JSON.parse(stdout);
    } catch {
      json = undefined;
    }
  }
  return { exitCode: result.exitCode ?? -1, stdout, stderr: String(result.stderr ?? ''), json };
}

/**
 * Runs `stms` with a stdout whose reader has gone before anything was written, as
 * `stms … | head -1` leaves it once head has its line: every write to stdout fails with EPIPE.
 */
export async function runStmsClosedStdout(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<Omit<StmsRun, 'stdout' | 'json'>> {
  const child = spawn('node', [STMS_BIN, ...args], { cwd: options.cwd, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exitCode = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  return { exitCode, stderr };
}

/** The parent environment minus the machine's STMS_* variables, plain output, CI, plus `extra`. */
function childEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('STMS_')));
  return { ...baseEnv, NO_COLOR: '1', CI: 'true', ...extra };
}
