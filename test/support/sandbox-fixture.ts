import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CmdbRecord } from '../../src/cmdb/types.js';
import { startSandbox, type Sandbox, type SandboxClusterHandle, type SandboxClusterSpec } from '../../src/sandbox/index.js';
import { defaultVars, tempDir, writeDirPackage, writeZipPackage, type PackageFiles } from './packages.js';
import { runStms, type StmsRun } from './run-stms.js';

/**
 * The in-process sandbox for end-to-end tests of the built binary: three loopback clusters
 * (GZ_UAT primary and manager, TJ_UAT backup, SH_DR dr; GZ_UAT+TJ_UAT a declared pair), the
 * stms.config.json the sandbox writes (tokens literal) plus a deploy user, a vars file, short
 * timeouts and fast retries, and a file CMDB the test fills with `register`. The folder is the
 * working directory of every `run`, so `.stms/` (journals) lands in it too.
 */

export const FIXTURE_CLUSTERS: readonly SandboxClusterSpec[] = [
  { name: 'GZ_UAT', whetherManager: true, role: 'primary', idc: 'GZ', startDelayMs: 40 },
  { name: 'TJ_UAT', whetherManager: false, role: 'backup', idc: 'TJ', startDelayMs: 40 },
  { name: 'SH_DR', whetherManager: false, role: 'dr', idc: 'SH', startDelayMs: 40 },
];

export interface SandboxFixtureOptions {
  clusters?: SandboxClusterSpec[];
  /** The vars file's content; default: the j1 queue variable for GZ, TJ and SH (packages.ts). */
  vars?: Record<string, unknown>;
  /** Registered apps in cmdb.json (default none). */
  apps?: CmdbRecord[];
  /** Projects where Token-User has no EDIT privilege. */
  deniedProjects?: string[];
  /** Merged over the config the sandbox writes (top-level keys replace). */
  config?: Record<string, unknown>;
  /** How often managerSlave checkpoints are copied to the pair's other cluster. */
  syncIntervalMs?: number;
}

export interface SandboxFixture {
  sandbox: Sandbox;
  /** Working folder: stms.config.json, cmdb.json, vars.json, packages, `.stms/`. */
  dir: string;
  configFile: string;
  cmdbFile: string;
  /** `<dir>/.stms`, the CLI's state folder (journals under `releases/`). */
  stateDir: string;
  clusters: Record<string, SandboxClusterHandle>;
  gz: SandboxClusterHandle;
  tj: SandboxClusterHandle;
  dr: SandboxClusterHandle;
  /** Every cluster's Token-Code: tests assert none of them appears in any output or file. */
  tokens: string[];
  /** Runs the built binary with `dir` as the working directory. */
  run(args: string[], env?: Record<string, string | undefined>): Promise<StmsRun>;
  /** Replaces the registered apps of cmdb.json. */
  register(apps: CmdbRecord[]): Promise<void>;
  /** Rewrites stms.config.json through `change` (e.g. drop the pairs, narrow a cluster's policies). */
  editConfig(change: (config: Record<string, any>) => void): Promise<void>;
  /** Writes a package (a folder, or a zip when the name ends in .zip) into `dir`; returns its path. */
  writePackage(name: string, files: PackageFiles): Promise<string>;
  /** The tokens that occur in `text` (empty when it is clean). */
  leakedTokens(text: string): string[];
  close(): Promise<void>;
}

export async function startSandboxFixture(options: SandboxFixtureOptions = {}): Promise<SandboxFixture> {
  const dir = await tempDir('stms-e2e-');
  const sandbox = await startSandbox({ dir, clusters: options.clusters ?? [...FIXTURE_CLUSTERS], ...(options.deniedProjects ? { deniedProjects: options.deniedProjects } : {}), ...(options.syncIntervalMs ? { syncIntervalMs: options.syncIntervalMs } : {}) });
  try {
    const written = JSON.parse(await readFile(sandbox.configFile, 'utf8')) as Record<string, unknown>;
    const config = {
      ...written,
      deployUser: 'alexyang',
      vars: './vars.json',
      timeouts: { request: '5s', upload: '30s', execute: '10s', settle: '3s' },
      retries: { attempts: 2, baseDelay: '5ms', maxDelay: '50ms' },
      ...options.config,
    };
    await writeFile(sandbox.configFile, `${JSON.stringify(config, null, 2)}\n`);
    await writeFile(path.join(dir, 'vars.json'), JSON.stringify(options.vars ?? defaultVars('j1'), null, 2));
    const register = async (apps: CmdbRecord[]) => writeFile(sandbox.cmdbFile, `${JSON.stringify({ apps }, null, 2)}\n`);
    await register(options.apps ?? []);
    const handle = (name: string) => sandbox.clusters[name] as SandboxClusterHandle;
    const tokens = Object.values(sandbox.clusters).map((c) => c.token);
    return {
      sandbox,
      dir,
      configFile: sandbox.configFile,
      cmdbFile: sandbox.cmdbFile,
      stateDir: path.join(dir, '.stms'),
      clusters: sandbox.clusters,
      gz: handle('GZ_UAT'),
      tj: handle('TJ_UAT'),
      dr: handle('SH_DR'),
      tokens,
      run: (args, env) => runStms(args, { cwd: dir, ...(env ? { env } : {}) }),
      register,
      async editConfig(change) {
        const current = JSON.parse(await readFile(sandbox.configFile, 'utf8')) as Record<string, any>;
        change(current);
        await writeFile(sandbox.configFile, `${JSON.stringify(current, null, 2)}\n`);
      },
      writePackage: async (name, files) =>
        name.endsWith('.zip') ? await writeZipPackage(path.join(dir, name), files) : await writeDirPackage(path.join(dir, name), files),
      leakedTokens: (text) => tokens.filter((t) => t !== '' && text.includes(t)),
      async close() {
        await sandbox.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}
