import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { TASKS } from './paths.js';

export interface SandboxProcess {
  config: string;
  cmdb: string;
  clusters: Record<string, { url: string; token: string }>;
  stop(): Promise<void>;
}

/** Starts bench/tasks/sandbox.js (one cluster, or all when `cluster` is undefined) and waits for its JSON line. */
export async function startSandboxProcess(dir: string, extras: Record<string, unknown> = {}, cluster?: string): Promise<SandboxProcess> {
  const args = [path.join(TASKS, 'sandbox.js'), dir, JSON.stringify(extras), ...(cluster ? [cluster] : [])];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
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

export interface SandboxPair {
  /** stms.config.json with both clusters (each from its own process), the pair, and no CMDB yet. */
  config: { clusters: Record<string, Record<string, unknown>>; pairs: string[][] } & Record<string, unknown>;
  clusters: Record<string, { url: string; token: string }>;
  stop(): Promise<void>;
}

/** GZ_UAT and TJ_UAT, each in its own process, and the config that names both. */
export async function startSandboxPair(dir: string, extras: Record<string, unknown> = {}): Promise<SandboxPair> {
  const processes = await Promise.all(['GZ_UAT', 'TJ_UAT'].map((name) => startSandboxProcess(path.join(dir, name), extras, name)));
  const configs = await Promise.all(processes.map(async (p) => JSON.parse(await readFile(p.config, 'utf8')) as { clusters: Record<string, Record<string, unknown>> }));
  const clusters: Record<string, Record<string, unknown>> = {};
  for (const c of configs) Object.assign(clusters, c.clusters);
  return {
    config: { ...configs[0], clusters, pairs: [['GZ_UAT', 'TJ_UAT']] },
    clusters: Object.assign({}, ...processes.map((p) => p.clusters)) as Record<string, { url: string; token: string }>,
    async stop() {
      await Promise.all(processes.map((p) => p.stop()));
    },
  };
}
