import { access } from 'node:fs/promises';
import { POLICIES, WITH_BAK_POLICIES } from '../ha/policies.js';
import { writeJsonAtomic } from '../util/atomic-write.js';
import type { SandboxRole } from './types.js';

/**
 * The files `stms sandbox` writes for the CLI: stms.config.json in the config shape of docs/concepts.md
 * (tokens literal, as the sandbox's are throw-away; deployUser left to the environment) and an
 * empty cmdb.json that is never overwritten.
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
        },
      ]),
    ),
    pairs: primary && backup ? [[primary.name, backup.name]] : [],
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
