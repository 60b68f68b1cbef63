import { createHash } from 'node:crypto';
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
  const md5 = entriesOf(cache, 'md5s')[identity];
  return typeof md5 === 'string' && MD5.test(md5) ? md5 : undefined;
}

/** The cache with this md5, newest last, at most KEPT entries. */
export function withMd5(cache: unknown, identity: string, md5: string): Md5Cache {
  return { ...sectionsOf(cache), md5s: withEntry(entriesOf(cache, 'md5s'), identity, md5) };
}

/**
 * The key of a rendered zip's md5: the package's md5 and the md5 of the meta.json text put in it.
 * The zip writer's layout is fixed (a rendered zip is a function of the package's files and that
 * text), so the same key always names the same bytes; the layout's name is in the key all the same,
 * so a writer that ever changed could not be given an old md5.
 */
export function renderedKey(packageMd5: string, metaText: string): string {
  return `${ZIP_LAYOUT}:${packageMd5}:${createHash('md5').update(metaText, 'utf8').digest('hex')}`;
}

export function rememberedRenderedMd5(cache: unknown, key: string): string | undefined {
  const md5 = entriesOf(cache, 'rendered')[key];
  return typeof md5 === 'string' && MD5.test(md5) ? md5 : undefined;
}

/** The cache with these rendered zips' md5s (key to md5), newest last, at most KEPT of them. */
export function withRenderedMd5s(cache: unknown, md5s: ReadonlyMap<string, string>): Md5Cache {
  const sections = sectionsOf(cache);
  for (const [key, md5] of md5s) sections.rendered = withEntry(sections.rendered, key, md5);
  return sections;
}

export interface Md5Cache {
  /** Package md5s by file identity. */
  md5s: Record<string, string>;
  /** Rendered zips' md5s by renderedKey. */
  rendered: Record<string, string>;
}

const ZIP_LAYOUT = 'stored-zip-1';

function withEntry(entries: Record<string, unknown>, key: string, md5: string): Record<string, string> {
  const kept = Object.entries(entries).filter(([k, value]) => k !== key && typeof value === 'string') as Array<[string, string]>;
  kept.push([key, md5]);
  return Object.fromEntries(kept.slice(-KEPT));
}

function sectionsOf(cache: unknown): Md5Cache {
  const strings = (entries: Record<string, unknown>) => Object.fromEntries(Object.entries(entries).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  return { md5s: strings(entriesOf(cache, 'md5s')), rendered: strings(entriesOf(cache, 'rendered')) };
}

function entriesOf(cache: unknown, section: keyof Md5Cache): Record<string, unknown> {
  const entries = (cache as Partial<Record<keyof Md5Cache, unknown>> | null)?.[section];
  return typeof entries === 'object' && entries !== null ? (entries as Record<string, unknown>) : {};
}
