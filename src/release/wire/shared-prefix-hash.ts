import { createHash, type Hash } from 'node:crypto';

/**
 * The md5 of bytes that several streams send the same way: each cluster's rendered zip starts
 * with the same entries before meta.json (entries are sorted by name), so that common part is hashed once, by
 * whichever stream gets to each byte first, instead of once per cluster. Each stream takes a copy
 * of the state when it reaches the end of the common part and hashes its own (small) rest.
 */
export class SharedPrefixHash {
  private readonly hash = createHash('md5');
  private hashed = 0;

  constructor(readonly prefixSize: number) {}

  /** Feeds the part of [position, position + chunk.length) that nobody has hashed yet. */
  offer(position: number, chunk: Buffer): void {
    const end = Math.min(position + chunk.length, this.prefixSize);
    if (position > this.hashed || end <= this.hashed) return;
    this.hash.update(chunk.subarray(this.hashed - position, end - position));
    this.hashed = end;
  }

  /** The hash state after the common part, for a stream that has passed its end. */
  fork(): Hash {
    if (this.hashed !== this.prefixSize) throw new Error(`the common part was hashed up to ${this.hashed} of ${this.prefixSize} bytes`);
    return this.hash.copy();
  }
}

/**
 * The chunks of one stream, with its md5 set when the last chunk has been read: the common part
 * through `shared`, the rest on a copy of its state.
 */
export async function* hashedChunks(chunks: AsyncIterable<Buffer>, shared: SharedPrefixHash, done: (md5: string) => void): AsyncGenerator<Buffer> {
  let position = 0;
  let own: Hash | undefined = shared.prefixSize === 0 ? createHash('md5') : undefined;
  for await (const chunk of chunks) {
    if (own) {
      own.update(chunk);
    } else {
      shared.offer(position, chunk);
      const end = position + chunk.length;
      if (end >= shared.prefixSize) {
        own = shared.fork();
        // A chunk running past the common part (not one of ours: plans split there) hashes its tail here.
        if (end > shared.prefixSize) own.update(chunk.subarray(shared.prefixSize - position));
      }
    }
    position += chunk.length;
    yield chunk;
  }
  if (!own) throw new Error('the stream ended inside the common part');
  done(own.digest('hex'));
}
