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
  /** The zip as given, or the one packed from the folder. */
  file: string;
}

export async function materialMd5(inspection: PackageInspection, workDir: string, signal: AbortSignal): Promise<Material> {
  if (inspection.kind === 'zip') return { md5: await md5File(inspection.path, signal), file: inspection.path };
  const packed = await packDirectory(inspection.path, path.join(workDir, 'material.zip'), { signal });
  return { md5: packed.md5, file: packed.path };
}

/** The text of meta.json as a cluster receives it (as `stms render --out` writes it). */
export function renderedMetaText(meta: MetaJson): string {
  return `${JSON.stringify(meta, null, 2)}\n`;
}

export interface RenderedZip {
  file: string;
  md5: string;
}

/**
 * The zip each target receives. Copies cost time and disk on big packages, so: a target whose
 * meta.json needs no variable gets the material zip itself, and targets whose rendered meta.json
 * is the same text share one rendered zip.
 */
export async function renderZips(
  source: string,
  original: MetaJson,
  material: Material,
  rendered: Record<string, MetaJson>,
  clusters: readonly string[],
  workDir: string,
  signal: AbortSignal,
): Promise<Record<string, RenderedZip>> {
  const asGiven = JSON.stringify(original);
  const byText = new Map<string, string[]>();
  const out: Record<string, RenderedZip> = {};
  for (const name of clusters) {
    const meta = rendered[name];
    if (meta === undefined) throw new Error(`no rendered meta.json for ${name}`);
    if (JSON.stringify(meta) === asGiven) {
      out[name] = { file: material.file, md5: material.md5 };
      continue;
    }
    const text = renderedMetaText(meta);
    byText.set(text, [...(byText.get(text) ?? []), name]);
  }
  await Promise.all(
    [...byText].map(async ([text, names], i) => {
      const zip = await writeRenderedZip(source, text, path.join(workDir, `rendered-${i + 1}.zip`), { signal });
      for (const name of names) out[name] = { file: zip.path, md5: zip.md5 };
    }),
  );
  return out;
}
