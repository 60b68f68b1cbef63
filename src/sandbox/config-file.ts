import { access } from 'node:fs/promises';
import { POLICIES, WITH_BAK_POLICIES } from '../ha/policies.js';
import { writeJsonAtomic } from '../util/atomic-write.js';
import { SANDBOX_CHECKPOINT_ROOT, SANDBOX_COPY_ROOT } from './hdfs/flink-state.js';
import type { SandboxRole } from './types.js';

/**
 * The files `stms sandbox` writes for the CLI: stms.config.json in the config shape of docs/concepts.md
 * (tokens literal, as the sandbox's are throw-away; deployUser left to the environment; each
 * cluster's WebHDFS on its own port, and the standby roots its tasks write to) and an empty
 * cmdb.json that is never overwritten.
 */

export interface ConfigCluster {
  name: string;
  url: string;
  tokenUser: string;
  tokenCode: string;
  idc: string;
  role: SandboxRole;
  sourceName: string;
  sourceToken: string;
  maxUploadMB: number;
}

export function sandboxConfig(clusters: ConfigCluster[], cmdbFileName: string): Record<string, unknown> {
  const primary = clusters.find((c) => c.role === 'primary');
  const backup = clusters.find((c) => c.role === 'backup');
  const first = clusters[0];
  return {
    ...(first ? { sourceName: first.sourceName, sourceToken: first.sourceToken } : {}),
    cmdb: { file: cmdbFileName },
    clusters: Object.fromEntries(
      clusters.map((c) => [
        c.name,
        {
          url: c.url,
          tokenUser: c.tokenUser,
          tokenCode: c.tokenCode,
          idc: c.idc,
          role: c.role,
          policies: c.role === 'dr' ? [...WITH_BAK_POLICIES] : [...POLICIES],
          maxUploadMB: c.maxUploadMB,
          hdfs: { webhdfs: c.url, user: c.tokenUser },
        },
      ]),
    ),
    pairs: primary && backup ? [[primary.name, backup.name]] : [],
    standby: { checkpointRoot: SANDBOX_CHECKPOINT_ROOT, copyRoot: SANDBOX_COPY_ROOT, maxAge: '15m' },
  };
}

export async function writeSandboxFiles(configFile: string, cmdbFile: string, config: Record<string, unknown>): Promise<void> {
  await writeJsonAtomic(configFile, config);
  try {
    await access(cmdbFile);
  } catch {
    await writeJsonAtomic(cmdbFile, { apps: [] });
  }
}

/** GZ_UAT -> GZ: the IDC is the name's first part unless the spec says otherwise. */
export function idcOf(name: string): string {
  return name.split(/[_-]/)[0] || name;
}
