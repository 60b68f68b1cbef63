import { spawn } from 'node:child_process';

/**
 * Timing for benchmarks: whole processes, wall clock, medians of runs that alternate with their
 * baseline's (a noisy neighbour on a shared machine slows both). Results are compared as ratios
 * against a baseline measured in the same run, never against fixed numbers from another machine.
 */
export interface ProcessRun {
  ms: number;
  stdout: string;
  stderr: string;
  code: number;
}

export function runProcess(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, stdout, stderr, code: code ?? -1 }));
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export async function expectOk(run: ProcessRun, what: string): Promise<ProcessRun> {
  if (run.code !== 0) throw new Error(`${what} exited ${run.code}:\n${run.stderr.slice(-2000)}`);
  return run;
}

export interface BenchResult {
  name: string;
  baseline: string;
  measured: string;
  /** measured / baseline, or the measured value itself for absolute targets. */
  value: number;
  target: string;
  pass: boolean;
  /** Shown for what it tells, with no target of its own (its `pass` is not counted). */
  info?: boolean;
  notes?: string;
}
