import path from 'node:path';
import { md5File, packDirectory, writeRenderedZip } from '../../package/index.js';
import type { PackageInspection } from '../../package/index.js';
import type { MetaJson } from '../../meta/index.js';

/**
 * Stage 4, the bytes: the md5 of the material package as given to release (the zip file, or the
 * deterministic zip `pack` makes of a folder; the same value for every cluster), and the zip each
 * cluster receives with its rendered meta.json. Everything is streamed to files in `workDir`;
 * no package is held in memory.
 */

export interface Material {
  /** Hex md5 of the package as given (the source record's `md5`). */
  md5: string;
}

export async function materialMd5(inspection: PackageInspection, workDir: string, signal: AbortSignal): Promise<Material> {
  if (inspection.kind === 'zip') return { md5: await md5File(inspection.path, signal) };
  const packed = await packDirectory(inspection.path, path.join(workDir, 'material.zip'), { signal });
  return { md5: packed.md5 };
}

/** The text of meta.json as a cluster receives it (as `stms render --out` writes it). */
export function renderedMetaText(meta: MetaJson): string {
  return `${JSON.stringify(meta, null, 2)}\n`;
}

export interface RenderedZip {
  file: string;
  md5: string;
  size: number;
}

/** One zip per target, in parallel; file names are the cluster names (safe: [A-Za-z0-9_.-]). */
export async function renderZips(source: string, rendered: Record<string, MetaJson>, clusters: readonly string[], workDir: string, signal: AbortSignal): Promise<Record<string, RenderedZip>> {
  const written = await Promise.all(
    clusters.map(async (name) => {
      const meta = rendered[name];
      if (meta === undefined) throw new Error(`no rendered meta.json for ${name}`);
      const zip = await writeRenderedZip(source, renderedMetaText(meta), path.join(workDir, `${name}.zip`), { signal });
      return [name, { file: zip.path, md5: zip.md5, size: zip.size }] as const;
    }),
  );
  return Object.fromEntries(written);
}
