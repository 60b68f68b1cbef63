import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashedChunks, SharedPrefixHash } from '../../../src/release/wire/shared-prefix-hash.js';

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

function split(data: Buffer, sizes: number[]): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  for (let i = 0; at < data.length; i++) {
    const size = sizes[i % sizes.length] as number;
    out.push(data.subarray(at, at + size));
    at += size;
  }
  return out;
}

async function* from(chunks: Buffer[]): AsyncGenerator<Buffer> {
  yield* chunks;
}

describe('SharedPrefixHash', () => {
  const prefix = Buffer.from('0123456789'.repeat(50));
  const gz = Buffer.concat([prefix, Buffer.from('{"queue":"dws"}')]);
  const tj = Buffer.concat([prefix, Buffer.from('{"queue":"dws_tj","x":1}')]);

  it('gives each stream its own md5 while the common part is hashed once, however the streams interleave and are cut', async () => {
    for (const [gzSizes, tjSizes] of [[[500], [500]], [[7, 93], [250]], [[500, 3], [1]]] as const) {
      const shared = new SharedPrefixHash(prefix.length);
      const results: Record<string, string> = {};
      // Chunks are cut at the end of the common part, as the zip plans cut them.
      const cut = (data: Buffer, sizes: readonly number[]) => [...split(data.subarray(0, prefix.length), [...sizes]), ...split(data.subarray(prefix.length), [5])];
      const a = hashedChunks(from(cut(gz, gzSizes)), shared, (d) => (results.gz = d));
      const b = hashedChunks(from(cut(tj, tjSizes)), shared, (d) => (results.tj = d));
      // Alternate pulls: sometimes one stream is ahead, sometimes the other.
      let doneA = false;
      let doneB = false;
      for (let i = 0; !doneA || !doneB; i++) {
        if (!doneA && i % 3 !== 2) doneA = (await a.next()).done === true;
        if (!doneB && i % 2 === 0) doneB = (await b.next()).done === true;
      }
      expect(results).toEqual({ gz: md5(gz), tj: md5(tj) });
    }
  });

  it('a stream that starts again after a failed attempt still gets the right md5', async () => {
    const shared = new SharedPrefixHash(prefix.length);
    const first = hashedChunks(from(split(prefix, [100])), shared, () => undefined);
    await first.next();
    await first.next(); // gave up after 200 bytes
    let md5Again = '';
    for await (const _ of hashedChunks(from([...split(prefix, [64]), Buffer.from('{"queue":"dws"}')]), shared, (d) => (md5Again = d))) void _;
    expect(md5Again).toBe(md5(gz));
  });

  it('with no common part each stream hashes everything itself', async () => {
    const shared = new SharedPrefixHash(0);
    let digest = '';
    for await (const _ of hashedChunks(from(split(gz, [33])), shared, (d) => (digest = d))) void _;
    expect(digest).toBe(md5(gz));
  });
});
