import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { TASKS } from './paths.js';

export interface SandboxProcess {
  config: string;
  cmdb: string;
  clusters: Record<string, { url: string; token: string }>;
  stop(): Promise<void>;
}

/** Starts bench/tasks/sandbox.js and waits for its JSON line. */
export async function startSandboxProcess(dir: string, extras: Record<string, unknown> = {}): Promise<SandboxProcess> {
  const child: ChildProcess = spawn(process.execPath, [path.join(TASKS, 'sandbox.js'), dir, JSON.stringify(extras)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await Promise.race([once(lines, 'line'), once(child, 'exit').then(() => { throw new Error('the sandbox process exited'); })])) as [string];
  const info = JSON.parse(line) as Omit<SandboxProcess, 'stop'>;
  return {
    ...info,
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}
