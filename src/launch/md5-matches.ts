/**
 * `status`'s md5Matches: a cluster's latest md5 equals the latest md5 on every other cluster
 * that has the job. An unknown md5 (a hand upload, an unreadable source) matches nothing; a job
 * on one cluster only has nothing to differ from. Pure.
 */
export function md5Matches(md5Of: ReadonlyMap<string, string | null>): Map<string, boolean> {
  const result = new Map<string, boolean>();
  for (const [cluster, md5] of md5Of) {
    const others = [...md5Of].filter(([c]) => c !== cluster).map(([, m]) => m);
    result.set(cluster, md5 !== null && others.every((m) => m === md5));
  }
  return result;
}

/** The policy a job declares on the clusters that have it, for reports: `double`, or `double|single` when they differ. */
export function policyLabel(raws: ReadonlyArray<string | null | undefined>): string | null {
  if (raws.length === 0) return null;
  return [...new Set(raws.map((r) => r ?? 'single'))].join('|');
}
