import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';

/** Hex md5 of a file, streamed in 1 MiB reads: a 1 GiB package never sits in memory. */
export async function md5File(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('md5');
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024, ...(signal ? { signal } : {}) });
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A pass-through that hashes and counts what flows through it, for md5-while-writing. */
export class HashingStream extends Transform {
  private readonly hash = createHash('md5');
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }

  /** Call once, after the stream has ended. */
  digest(): string {
    return this.hash.digest('hex');
  }
}
