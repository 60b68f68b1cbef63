import type { ReleaseJournal } from '../release/journal-model.js';
import { parseSource } from '../streamis/source.js';

/**
 * One version of a job on one cluster, as `stms history --clusters` shows it: what its source
 * record says (when the server returns it) or, when it does not, what a local journal recorded
 * for that cluster and version. Pure.
 */

/**
 * Where the version came from: `stms` (a source record with a release id), `foreign` (a source
 * record another tool or a person wrote: uploaded from the web page), `none` (no source record),
 * `unknown` (the server does not return this version's source and no journal names it).
 */
export type VersionOrigin = 'stms' | 'foreign' | 'none' | 'unknown';

export interface VersionFacts {
  origin: VersionOrigin;
  /** `source` when read from the server's source record, `journal` when from a local journal. */
  from: 'source' | 'journal' | null;
  deployUser: string | null;
  md5: string | null;
  releaseId: string | null;
  rollbackOf: string | null;
  pkgName: string | null;
}

const NOTHING: Omit<VersionFacts, 'origin'> = { from: null, deployUser: null, md5: null, releaseId: null, rollbackOf: null, pkgName: null };

/** Facts from a source text the server returned (null: the version has none). */
export function factsFromSource(text: string | null): VersionFacts {
  const parsed = parseSource(text);
  if (!parsed.ok) return { ...NOTHING, origin: parsed.kind === 'missing' ? 'none' : 'foreign', from: 'source' };
  const r = parsed.record;
  return {
    origin: r.releaseId ? 'stms' : 'foreign',
    from: 'source',
    deployUser: r.deployUser ?? null,
    md5: r.md5 ?? null,
    releaseId: r.releaseId ?? null,
    rollbackOf: r.rollbackOf ?? null,
    pkgName: r.pkgName ?? null,
  };
}

/** Facts from the newest journal that recorded this version on this cluster, if any. */
export function factsFromJournals(journals: readonly ReleaseJournal[], cluster: string, version: string): VersionFacts | undefined {
  const journal = journals.find((j) => {
    const entry = j.clusters[cluster];
    return entry?.version === version && (entry.outcome === 'uploaded' || entry.outcome === 'unchanged' || entry.outcome === 'skipped');
  });
  if (!journal) return undefined;
  return {
    origin: 'stms',
    from: 'journal',
    deployUser: journal.deployUser ?? null,
    md5: journal.package.md5,
    releaseId: journal.releaseId,
    rollbackOf: journal.rollbackOf ?? null,
    pkgName: journal.package.name,
  };
}

export const UNKNOWN_FACTS: VersionFacts = { ...NOTHING, origin: 'unknown' };
