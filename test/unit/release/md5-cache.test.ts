import { mkdtemp, open, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedMd5, identityOf, rememberMd5 } from '../../../src/release/md5-cache.js';
import { rememberedMd5, rememberedRenderedMd5, renderedKey, settled, withMd5, withRenderedMd5s } from '../../../src/release/md5-cache-model.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stms-md5-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const MD5 = '0123456789abcdef0123456789abcdef';

describe('the md5 cache', () => {
  it('gives the md5 of a package released before, and not of one rewritten in place with its size and mtime restored', async () => {
    const file = path.join(dir, 'pkg.zip');
    await writeFile(file, 'the first build');
    // Whole seconds, so the mtime can be set back to the nanosecond.
    const stamp = Math.floor(Date.now() / 1000) - 60;
    await utimes(file, stamp, stamp);
    await sleep(1100);
    const before = await identityOf(file);
    expect(before).toBeDefined();
    await rememberMd5(dir, file, before, MD5);
    expect(await cachedMd5(dir, await identityOf(file))).toBe(MD5);

    // Same inode, same size, mtime set back: only the ctime tells.
    const handle = await open(file, 'r+');
    await handle.write(Buffer.from('THE'), 0, 3, 0);
    await handle.close();
    await utimes(file, stamp, stamp);
    expect((await stat(file, { bigint: true })).mtimeNs).toBe(BigInt(stamp) * 1_000_000_000n);
    await sleep(1100);
    const after = await identityOf(file);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect(await cachedMd5(dir, after)).toBeUndefined();
  });

  it('does not remember a file that changed while it was hashed', async () => {
    const file = path.join(dir, 'pkg.zip');
    await writeFile(file, 'a build');
    await sleep(1100);
    const before = await identityOf(file);
    await writeFile(file, 'another');
    await rememberMd5(dir, file, before, MD5);
    expect(await cachedMd5(dir, before)).toBeUndefined();
  });

  it('neither looks up nor remembers a file changed within the last second (its next change may keep the same stamps)', async () => {
    const file = path.join(dir, 'pkg.zip');
    await writeFile(file, 'just written');
    expect(await identityOf(file)).toBeUndefined();
    const ns = (ms: number) => BigInt(ms) * 1_000_000n;
    expect(settled({ ctimeNs: ns(10_000), mtimeNs: ns(10_000) }, 10_999)).toBe(false);
    expect(settled({ ctimeNs: ns(10_000), mtimeNs: ns(9_000) }, 11_000)).toBe(true);
    expect(settled({ ctimeNs: ns(9_000), mtimeNs: ns(10_500) }, 11_000)).toBe(false);
  });
});

describe('the rendered zips in the md5 cache', () => {
  it('keeps package md5s and rendered md5s apart, each write keeping the other section', () => {
    const key = renderedKey(MD5, '{"queue":"dws"}\n');
    let cache: unknown = withMd5({}, 'dev:ino:1:2:3', MD5);
    cache = withRenderedMd5s(cache, new Map([[key, 'f'.repeat(32)]]));
    cache = withMd5(cache, 'dev:ino:9:9:9', 'e'.repeat(32));
    expect(rememberedMd5(cache, 'dev:ino:1:2:3')).toBe(MD5);
    expect(rememberedRenderedMd5(cache, key)).toBe('f'.repeat(32));
    // A rendered key is not a file identity, nor the other way round.
    expect(rememberedMd5(cache, key)).toBeUndefined();
    expect(rememberedRenderedMd5(cache, 'dev:ino:1:2:3')).toBeUndefined();
  });

  it('names a rendered zip by the package md5 and the exact meta.json text', () => {
    const key = renderedKey(MD5, '{"queue":"dws"}\n');
    expect(renderedKey(MD5, '{"queue":"dws"}\n')).toBe(key);
    expect(renderedKey(MD5, '{"queue":"dws_tj"}\n')).not.toBe(key);
    expect(renderedKey('f'.repeat(32), '{"queue":"dws"}\n')).not.toBe(key);
  });

  it('ignores entries that are not md5s, and keeps the newest 200', () => {
    const key = renderedKey(MD5, 'x');
    expect(rememberedRenderedMd5({ rendered: { [key]: 'not an md5' } }, key)).toBeUndefined();
    let cache: unknown = {};
    for (let i = 0; i < 210; i++) cache = withRenderedMd5s(cache, new Map([[renderedKey(MD5, String(i)), MD5]]));
    expect(rememberedRenderedMd5(cache, renderedKey(MD5, '0'))).toBeUndefined();
    expect(rememberedRenderedMd5(cache, renderedKey(MD5, '209'))).toBe(MD5);
    expect(Object.keys((cache as { rendered: object }).rendered)).toHaveLength(200);
  });
});
