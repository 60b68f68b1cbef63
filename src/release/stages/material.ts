import path from 'node:path';
import { md5CheckedZip, packDirectory, renderedMetaText, renderedZipPlan, sendsAsGiven, type ZipPlan } from '../../package/index.js';
import type { GeneratedFile } from '../../streamis/index.js';
import { hashedChunks, SharedPrefixHash } from './shared-prefix-hash.js';
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

/** How far hashing the package has come: `read` of `total` bytes. */
export type HashProgress = (read: number, total: number) => void;

export async function materialMd5(inspection: PackageInspection, workDir: string, signal: AbortSignal, onHashing?: HashProgress): Promise<Material> {
  // Every entry is checked against its CRC and size in the same read: a damaged zip stops here (exit 3), before any upload.
  if (inspection.kind === 'zip') {
    const total = inspection.sizeBytes;
    const md5 = inspection.md5 ?? (await md5CheckedZip(inspection.path, signal, onHashing ? (read) => onHashing(read, total) : undefined));
    return { md5, file: inspection.path };
  }
  const packed = await packDirectory(inspection.path, path.join(workDir, 'material.zip'), { signal });
  return { md5: packed.md5, file: packed.path };
}

export interface ClusterZip {
  /** What is uploaded: the material zip itself, or the rendered zip generated while it is sent. */
  file: string | GeneratedFile;
  /** md5 of those bytes: known for the material zip; for a rendered zip, once it was sent whole. */
  md5(): string | undefined;
}

/**
 * The zip each target receives. A target whose meta.json needs no variable gets the material
 * zip itself; the others get their rendered zip streamed straight into the upload (its size is
 * known up front), so a big package is never copied to disk once per cluster. Targets whose
 * rendered meta.json is the same text share one plan.
 */
export async function renderZips(
  source: string,
  original: MetaJson,
  material: Material,
  rendered: Record<string, MetaJson>,
  clusters: readonly string[],
): Promise<Record<string, ClusterZip>> {
  const plans = new Map<string, ClusterZip>();
  const out: Record<string, ClusterZip> = {};
  let shared: SharedPrefixHash | undefined;
  for (const name of clusters) {
    const meta = rendered[name];
    if (meta === undefined) throw new Error(`no rendered meta.json for ${name}`);
    if (sendsAsGiven(original, meta)) {
      out[name] = { file: material.file, md5: () => material.md5 };
      continue;
    }
    const text = renderedMetaText(meta);
    let zip = plans.get(text);
    if (!zip) {
      const plan = await renderedZipPlan(source, text);
      // Every plan of this package has the same entries before meta.json: one hasher for them all.
      shared ??= new SharedPrefixHash(plan.sharedPrefix);
      zip = hashedWhileSent(plan, shared);
      plans.set(text, zip);
    }
    out[name] = zip;
  }
  return out;
}

/** A rendered zip sent as it is generated; its md5 is known once it was sent whole. */
function hashedWhileSent(plan: ZipPlan, shared: SharedPrefixHash): ClusterZip {
  let md5: string | undefined;
  return {
    md5: () => md5,
    file: {
      size: plan.size,
      chunks: (signal) =>
        hashedChunks(plan.chunks(signal), shared, (digest) => {
          md5 = digest;
        }),
    },
  };
}
