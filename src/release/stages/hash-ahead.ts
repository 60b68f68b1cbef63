import type { PackageInspection } from '../../package/index.js';
import type { MetaJson } from '../../meta/index.js';
import { knownPackageMd5, rememberMd5, rememberRenderedMd5s, withKnownRenderedMd5s } from '../md5-cache.js';
import { startSharedRead } from '../wire/shared-read.js';
import { clusterBytes, materialFile } from './material.js';

/**
 * The md5s a release of this package to these clusters needs, computed ahead and remembered in
 * the md5 cache (`plan` does this): the package's, and each rendered zip's. One read of the package
 * makes all of them, as a release's does, with nothing sent. A release that follows finds them and
 * hashes nothing: the hashing happens at plan time, the release goes at the speed of the wire.
 */
export async function hashAhead(input: {
  inspection: PackageInspection;
  meta: MetaJson;
  rendered: Record<string, MetaJson>;
  clusters: readonly string[];
  stateDir: string;
  workDir: string;
  signal: AbortSignal;
}): Promise<string> {
  const material = await materialFile(input.inspection, input.workDir, input.signal);
  const { md5: known, identity, trusted } = await knownPackageMd5(input.stateDir, material);
  const withKnown = await withKnownRenderedMd5s(input.stateDir, known, clusterBytes(input.meta, input.rendered, input.clusters));
  // Only the rendered zips not known yet are made (the package as given needs no second hash).
  const toHash = Object.fromEntries(Object.entries(withKnown).filter(([, b]) => b.kind === 'rendered' && b.md5 === undefined));
  if (known !== undefined && Object.keys(toHash).length === 0) return known;

  const shared = await startSharedRead({ zip: material.file, source: input.inspection.path, md5: known, trusted, clusters: toHash, signal: input.signal });
  try {
    await Promise.all(
      Object.values(shared.zips).map(async (zip) => {
        for await (const chunk of zip.file.chunks(input.signal)) void chunk;
      }),
    );
  } finally {
    for (const zip of Object.values(shared.zips)) zip.withdraw();
  }
  const md5 = await shared.md5;
  if (known === undefined) await rememberMd5(input.stateDir, material.file, identity, md5);
  await rememberRenderedMd5s(input.stateDir, md5, toHash, (name) => shared.zips[name]?.md5());
  return md5;
}
