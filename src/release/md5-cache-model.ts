import type { BigIntStats } from 'node:fs';

/**
 * The md5 cache's pure part. A file is the same file with the same bytes while its device, inode,
 * size, mtime and ctime are: `cp -p` over a package keeps the inode, the size and the mtime, and a
 * rewrite in place can restore the mtime (utimes), but neither can set the ctime back. Times are
 * taken in nanoseconds, but a filesystem stamps them from a coarse clock (a few ms): a file changed
 * within RACY_MS of its hashing could change again under the same stamp, so it is not remembered
 * (git's "racily clean" entries, the same way).
 */

const RACY_MS = 1000n;

/** Whether a file whose status was taken at `nowMs` is old enough to be remembered. */
export function settled(s: Pick<BigIntStats, 'ctimeNs' | 'mtimeNs'>, nowMs: number): boolean {
  const newest = s.ctimeNs > s.mtimeNs ? s.ctimeNs : s.mtimeNs;
  return newest / 1_000_000n + RACY_MS <= BigInt(Math.floor(nowMs));
}

/** Entries kept: the packages of the last releases; older ones are dropped first. */
const KEPT = 200;
const MD5 = /^[0-9a-f]{32}$/;

export function fileIdentity(s: Pick<BigIntStats, 'dev' | 'ino' | 'size' | 'mtimeNs' | 'ctimeNs'>): string {
  return [s.dev, s.ino, s.size, s.mtimeNs, s.ctimeNs].join(':');
}

export function rememberedMd5(cache: unknown, identity: string): string | undefined {
  const entries = entriesOf(cache);
  const md5 = entries[identity];
  return typeof md5 === 'string' && MD5.test(md5) ? md5 : undefined;
}

/** The cache with this md5, newest last, at most KEPT entries. */
export function withMd5(cache: unknown, identity: string, md5: string): { md5s: Record<string, string> } {
  const entries = Object.entries(entriesOf(cache)).filter(([key, value]) => key !== identity && typeof value === 'string');
  entries.push([identity, md5]);
  return { md5s: Object.fromEntries(entries.slice(-KEPT)) as Record<string, string> };
}

function entriesOf(cache: unknown): Record<string, unknown> {
  const md5s = (cache as { md5s?: unknown } | null)?.md5s;
  return typeof md5s === 'object' && md5s !== null ? (md5s as Record<string, unknown>) : {};
}
