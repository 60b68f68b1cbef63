import type { Server } from 'node:http';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { SandboxCluster } from './cluster.js';
import { startCmdbServer } from './cmdb-server.js';
import { idcOf, sandboxConfig, writeSandboxFiles } from './config-file.js';
import { lockSandboxDir } from './dir-lock.js';
import { DEFAULT_SYNC_INTERVAL_MS } from './hdfs/standby-copy.js';
import type { Sandbox, SandboxClusterSpec, SandboxOptions } from './types.js';

export type { Sandbox, SandboxClusterHandle, SandboxClusterSpec, SandboxJobView, SandboxOptions } from './types.js';

/** GZ_UAT (primary, manager), TJ_UAT (backup), SH_DR (dr). */
export const DEFAULT_CLUSTERS: readonly SandboxClusterSpec[] = [
  { name: 'GZ_UAT', whetherManager: true, role: 'primary', idc: 'GZ' },
  { name: 'TJ_UAT', whetherManager: false, role: 'backup', idc: 'TJ' },
  { name: 'SH_DR', whetherManager: false, role: 'dr', idc: 'SH' },
];

export const CONFIG_FILE_NAME = 'stms.config.json';
export const CMDB_FILE_NAME = 'cmdb.json';

/**
 * Starts one Streamis-compatible server per cluster and the CMDB stub, all on 127.0.0.1, with
 * their state in `options.dir` (kept across restarts unless `reset`).
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const dir = path.resolve(options.dir);
  const specs = options.clusters ?? DEFAULT_CLUSTERS;
  const names = new Set(specs.map((s) => s.name));
  if (names.size !== specs.length) throw new Error('sandbox cluster names must be unique');
  for (const name of names) if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`sandbox cluster name ${name}: use letters, digits, _ . -`);
  const configFile = path.join(dir, CONFIG_FILE_NAME);
  const cmdbFile = path.join(dir, CMDB_FILE_NAME);
  await mkdir(dir, { recursive: true });
  // Before --reset: clearing the state of a sandbox that is running elsewhere would be worse.
  const lock = await lockSandboxDir(dir);
  const denied = new Set(options.deniedProjects ?? []);
  const portOf = (i: number, explicit: number | undefined) => explicit ?? (options.portBase === undefined ? 0 : options.portBase + i);

  const clusters: SandboxCluster[] = [];
  let cmdbServer: Server | undefined;
  const closeAll = async () => {
    try {
      await Promise.all(clusters.map((c) => c.close()));
      if (cmdbServer) {
        const server = cmdbServer;
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      }
    } finally {
      await lock.release();
    }
  };
  try {
    if (options.reset) {
      await rm(path.join(dir, 'clusters'), { recursive: true, force: true });
      await rm(cmdbFile, { force: true });
      // The journals of releases to clusters that no longer exist would offer resumes into
      // nothing; `.stms/` beside the config written here is that config's local state.
      await rm(path.join(dir, '.stms'), { recursive: true, force: true });
    }
    for (const [i, spec] of specs.entries()) clusters.push(await SandboxCluster.start({ ...spec, port: portOf(i, spec.port) }, dir, denied));
    const roleOf = (i: number) => specs[i]?.role ?? (specs[i]?.whetherManager ? 'primary' : 'backup');
    const primary = clusters.find((_c, i) => roleOf(i) === 'primary');
    const backup = clusters.find((_c, i) => roleOf(i) === 'backup');
    // The platform copies managerSlave checkpoints between the two clusters of the pair, both ways.
    if (primary && backup) {
      primary.copyTo(backup, options.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS);
      backup.copyTo(primary, options.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS);
    }
    const cmdb = await startCmdbServer(cmdbFile, portOf(specs.length, undefined));
    cmdbServer = cmdb.server;
    if (options.writeConfig !== false) {
      const config = sandboxConfig(
        clusters.map((c, i) => {
          const spec = specs[i] as SandboxClusterSpec;
          return {
            name: c.name,
            url: c.url,
            tokenUser: c.tokenUser,
            tokenCode: c.token,
            idc: spec.idc ?? idcOf(c.name),
            role: roleOf(i),
            sourceName: c.switches.sourceName,
            sourceToken: c.switches.sourceToken,
            maxUploadMB: c.switches.maxUploadMB,
          };
        }),
        CMDB_FILE_NAME,
      );
      await writeSandboxFiles(configFile, cmdbFile, config);
    }
    let closing: Promise<void> | undefined;
    return {
      dir,
      configFile,
      cmdbFile,
      cmdbUrl: cmdb.url,
      clusters: Object.fromEntries(clusters.map((c) => [c.name, c])),
      close: () => (closing ??= closeAll()),
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
