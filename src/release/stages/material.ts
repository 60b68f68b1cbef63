import path from 'node:path';
import { md5CheckedZip, packDirectory, renderedMetaText, sendsAsGiven } from '../../package/index.js';
import type { PackageInspection } from '../../package/index.js';
import type { MetaJson } from '../../meta/index.js';
import type { ClusterBytes } from '../wire/shared-read.js';

/**
 * Stage 4, the bytes: the material package as given to release (the zip file, or the
 * deterministic zip `pack` makes of a folder; the same md5 for every cluster), and what each
 * cluster receives: that package, or a zip with its rendered meta.json. Nothing is held in memory.
 */

export interface Material {
  /** The zip as given, or the one packed from the folder. */
  file: string;
  /** Hex md5 of the package (the source record's `md5`), when known before it is sent. */
  md5: string | undefined;
}

/** How far hashing the package has come: `read` of `total` bytes. */
export type HashProgress = (read: number, total: number) => void;

/** A folder is packed (its md5 computed on the way); a zip is taken as it is. */
export async function materialFile(inspection: PackageInspection, workDir: string, signal: AbortSignal): Promise<Material> {
  if (inspection.kind === 'zip') return { file: inspection.path, md5: inspection.md5 };
  const packed = await packDirectory(inspection.path, path.join(workDir, 'material.zip'), { signal });
  return { file: packed.path, md5: packed.md5 };
}

/**
 * The md5 of a zip read on its own, before anything is sent (a resume, or a cluster whose latest
 * version may already be this package): every entry is checked against its CRC and size in the
 * same read, so a damaged zip stops here (exit 3).
 */
export async function hashMaterial(file: string, total: number, signal: AbortSignal, onHashing?: HashProgress): Promise<string> {
  return await md5CheckedZip(file, signal, onHashing ? (read) => onHashing(read, total) : undefined);
}

/**
 * What each target receives: the package itself when its meta.json needs no variable, else its
 * rendered zip (generated while it is sent, never written to disk).
 */
export function clusterBytes(original: MetaJson, rendered: Record<string, MetaJson>, clusters: readonly string[]): Record<string, ClusterBytes> {
  const out: Record<string, ClusterBytes> = {};
  for (const name of clusters) {
    const meta = rendered[name];
    if (meta === undefined) throw new Error(`no rendered meta.json for ${name}`);
    out[name] = sendsAsGiven(original, meta) ? { kind: 'as-given' } : { kind: 'rendered', metaText: renderedMetaText(meta) };
  }
  return out;
}
