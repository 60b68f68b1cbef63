import { createHash, randomBytes } from 'node:crypto';
import { readFile, rm, utimes } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspectPackage, writeRenderedZip } from '../../../src/package/index.js';
import type { MetaJson } from '../../../src/meta/index.js';
import { cachedMd5, identityOf, withKnownRenderedMd5s } from '../../../src/release/md5-cache.js';
import { hashAhead } from '../../../src/release/stages/hash-ahead.js';
import { clusterBytes } from '../../../src/release/stages/material.js';
import { startSharedRead, type SharedRead } from '../../../src/release/wire/shared-read.js';
import { jarFiles, jarMeta, tempDir, writeZipPackage } from '../../support/packages.js';

/**
 * What `plan` computes ahead of a release: the package's md5 and every rendered zip's, in one read,
 * remembered so the release that follows sends the same bytes without hashing them.
 */

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
let dir: string;
beforeEach(async () => {
  dir = await tempDir('stms-hash-ahead-');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const withQueue = (queue: string): MetaJson => {
  const meta = jarMeta() as Record<string, any>;
  meta.jobConfig['wds.linkis.flink.resource']['wds.linkis.rm.yarnqueue'] = queue;
  return meta as MetaJson;
};

/**
 * The md5 of what one cluster's upload would send, each chunk hashed only after `pause` ms: a
 * buffer lent out again too early would have changed by then.
 */
async function md5OfSent(shared: SharedRead, cluster: string, pause: number, signal: AbortSignal): Promise<string> {
  const hash = createHash('md5');
  const zip = shared.zips[cluster];
  if (!zip) throw new Error(`no zip for ${cluster}`);
  for await (const chunk of zip.file.chunks(signal)) {
    await sleep(pause);
    hash.update(chunk);
  }
  return hash.digest('hex');
}

async function settledPackage(): Promise<string> {
  const zip = await writeZipPackage(path.join(dir, 'p1-j2.zip'), { ...jarFiles(), 'z-big.bin': Buffer.alloc(3 << 20, 7) });
  // The md5 cache takes only files that have not changed for a second.
  const past = Date.now() / 1000 - 60;
  await utimes(zip, past, past);
  await sleep(1100);
  return zip;
}

describe('hashAhead', () => {
  it('remembers the package md5 and each rendered zip md5, and a release then knows them before reading a byte', async () => {
    const zip = await settledPackage();
    const inspection = await inspectPackage(zip);
    const meta = jarMeta() as MetaJson;
    const rendered = { GZ_UAT: withQueue('dws'), TJ_UAT: withQueue('dws_tj') };
    const stateDir = path.join(dir, '.stms');
    const signal = new AbortController().signal;

    const packageMd5 = await hashAhead({ inspection, meta, rendered, clusters: ['GZ_UAT', 'TJ_UAT'], stateDir, workDir: dir, signal });
    expect(packageMd5).toBe(md5(await readFile(zip)));
    expect(await cachedMd5(stateDir, await identityOf(zip))).toBe(packageMd5);

    const bytes = await withKnownRenderedMd5s(stateDir, packageMd5, clusterBytes(meta, rendered, ['GZ_UAT', 'TJ_UAT']));
    for (const [cluster, b] of Object.entries(bytes)) {
      if (b.kind !== 'rendered') throw new Error(`${cluster} should get a rendered zip`);
      // The md5 remembered is the md5 of the zip `render --out` writes for that cluster.
      const written = await writeRenderedZip(zip, b.metaText, path.join(dir, `${cluster}.zip`));
      expect(b.md5).toBe(written.md5);
    }
    const gz = bytes.GZ_UAT as { md5?: string };
    expect(gz.md5).not.toBe((bytes.TJ_UAT as { md5?: string }).md5);

    // A release given those: each zip's md5 is known at once, and its bytes are the same.
    const shared = await startSharedRead({ zip, source: zip, md5: packageMd5, clusters: bytes, signal });
    expect(shared.zips.GZ_UAT?.md5()).toBe(gz.md5);
    const sent: Buffer[] = [];
    const readers = Object.entries(shared.zips).map(async ([cluster, z]) => {
      const chunks: Buffer[] = [];
      for await (const chunk of z.file.chunks(signal)) chunks.push(Buffer.from(chunk));
      if (cluster === 'GZ_UAT') sent.push(...chunks);
    });
    await Promise.all(readers);
    expect(md5(Buffer.concat(sent))).toBe(gz.md5);
  });

  it('finds nothing for a meta.json it has not seen (another queue): that zip is hashed as it is sent', async () => {
    const zip = await settledPackage();
    const inspection = await inspectPackage(zip);
    const meta = jarMeta() as MetaJson;
    const stateDir = path.join(dir, '.stms');
    const signal = new AbortController().signal;
    const packageMd5 = await hashAhead({ inspection, meta, rendered: { GZ_UAT: withQueue('dws') }, clusters: ['GZ_UAT'], stateDir, workDir: dir, signal });

    const bytes = await withKnownRenderedMd5s(stateDir, packageMd5, clusterBytes(meta, { GZ_UAT: withQueue('dws_new') }, ['GZ_UAT']));
    expect(bytes.GZ_UAT).toMatchObject({ kind: 'rendered', md5: undefined });
    const shared = await startSharedRead({ zip, source: zip, md5: packageMd5, clusters: bytes, signal });
    const chunks: Buffer[] = [];
    for await (const chunk of (shared.zips.GZ_UAT as { file: { chunks: (s: AbortSignal) => AsyncIterable<Buffer> } }).file.chunks(signal)) chunks.push(Buffer.from(chunk));
    expect(shared.zips.GZ_UAT?.md5()).toBe(md5(Buffer.concat(chunks)));
  });
});

describe('the shared read lending its buffers', () => {
  it('a fast and a slow reader both get every byte as it is on disk, while buffers are reused', async () => {
    const zip = await writeZipPackage(path.join(dir, 'p1-j2.zip'), { ...jarFiles(), 'z-big.bin': randomBytes(9 << 20) });
    const signal = new AbortController().signal;
    const shared = await startSharedRead({ zip, source: zip, clusters: { FAST: { kind: 'as-given' }, SLOW: { kind: 'as-given' } }, signal });
    const read = (cluster: string, pause: number) => md5OfSent(shared, cluster, pause, signal);
    const [fast, slow] = await Promise.all([read('FAST', 0), read('SLOW', 5)]);
    const onDisk = md5(await readFile(zip));
    expect({ fast, slow, md5: await shared.md5 }).toEqual({ fast: onDisk, slow: onDisk, md5: onDisk });
  });
});

describe('a release with nothing to compute on the way', () => {
  it('reads the package once per cluster, each at its own pace, and sends the bytes its md5s name', async () => {
    const zip = await settledPackage();
    const inspection = await inspectPackage(zip);
    const meta = jarMeta() as MetaJson;
    const rendered = { GZ_UAT: withQueue('dws'), TJ_UAT: withQueue('dws_tj'), SH_DR: meta };
    const stateDir = path.join(dir, '.stms');
    const signal = new AbortController().signal;
    const clusters = ['GZ_UAT', 'TJ_UAT', 'SH_DR'];
    const packageMd5 = await hashAhead({ inspection, meta, rendered, clusters, stateDir, workDir: dir, signal });
    const bytes = await withKnownRenderedMd5s(stateDir, packageMd5, clusterBytes(meta, rendered, clusters));

    const shared = await startSharedRead({ zip, source: zip, md5: packageMd5, trusted: true, clusters: bytes, signal });
    const read = (cluster: string, pause: number) => md5OfSent(shared, cluster, pause, signal);
    // One reader stalls after every chunk; the others do not wait for it.
    const [gz, tj, dr] = await Promise.all([read('GZ_UAT', 0), read('TJ_UAT', 3), read('SH_DR', 0)]);
    expect({ gz, tj, dr }).toEqual({ gz: shared.zips.GZ_UAT?.md5(), tj: shared.zips.TJ_UAT?.md5(), dr: packageMd5 });
    expect(gz).not.toBe(tj);
    expect(await shared.md5).toBe(packageMd5);
  });
});
