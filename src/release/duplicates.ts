import type { SourceRecord } from '../streamis/index.js';

/**
 * Versions that landed on a cluster while a release ran, besides its own. The server keeps every
 * upload as a new version and refuses none for being a copy: two runs of the same package from
 * two machines (two CI agents; the local lock cannot see the other), or an upload answered only
 * after the settle window, leave two versions. stms cannot prevent that across machines; it makes
 * sure no such copy goes unsaid. Pure: the caller reads the versions and their sources.
 */

export interface LandedVersion {
  version: string;
  /** The parsed source record when the server lets it be read (the latest; jar jobs' older ones). */
  source: Pick<SourceRecord, 'md5' | 'releaseId' | 'deployUser'> | undefined;
}

export interface Duplicate {
  version: string;
  /** What makes it a copy of this release: its release id, its md5, or unknown (no readable source). */
  same: 'releaseId' | 'md5' | 'unknown';
  releaseId?: string;
  deployUser?: string;
}

/** Numeric order of server version names (v00009 < v00010); unknown shapes compare as text. */
export function compareVersions(a: string, b: string): number {
  const na = /^v(\d+)$/.exec(a)?.[1];
  const nb = /^v(\d+)$/.exec(b)?.[1];
  if (na !== undefined && nb !== undefined) return Number(na) - Number(nb);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The versions newer than `before` (all when there was none). */
export function newerThan<T extends { version: string }>(versions: readonly T[], before: string | undefined): T[] {
  return before === undefined ? [...versions] : versions.filter((v) => compareVersions(v.version, before) > 0);
}

/**
 * Among the versions that landed during the release, the copies other than its own: `own` is the
 * version the release created (undefined when it cannot be told: then every copy is listed).
 */
export function findDuplicates(landed: readonly LandedVersion[], own: string | undefined, wanted: { md5: string; releaseId: string }): Duplicate[] {
  const duplicates: Duplicate[] = [];
  for (const v of landed) {
    if (v.version === own) continue;
    const s = v.source;
    const same = !s ? 'unknown' : s.releaseId === wanted.releaseId ? 'releaseId' : s.md5 === wanted.md5 ? 'md5' : undefined;
    if (!same) continue;
    duplicates.push({ version: v.version, same, ...(s?.releaseId ? { releaseId: s.releaseId } : {}), ...(s?.deployUser ? { deployUser: s.deployUser } : {}) });
  }
  return duplicates.sort((a, b) => compareVersions(a.version, b.version));
}

/** One line for people: `v00002 (same md5, release 2026…-x, by bob)`. */
export function describeDuplicate(d: Duplicate): string {
  const why = d.same === 'releaseId' ? 'this release, uploaded twice' : d.same === 'md5' ? 'same md5' : 'its source cannot be read';
  const extra = [d.same !== 'releaseId' && d.releaseId ? `release ${d.releaseId}` : '', d.deployUser ? `by ${d.deployUser}` : ''].filter(Boolean).join(', ');
  return `${d.version} (${why}${extra ? `, ${extra}` : ''})`;
}
