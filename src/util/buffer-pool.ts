/**
 * Buffers of one size, lent out and given back, so a long read reuses a handful of buffers instead
 * of allocating one per chunk: a fresh buffer costs its pages' first touch, and the garbage waits
 * for a collection that only comes once tens of MB are pending (memory that grows with the package's
 * size, and CPU for the collector). A buffer may be held by several users at once (the readers of
 * one broadcast chunk): it goes back only when the last of them lets go. Views (subarrays) count as
 * their buffer. A buffer not from this pool is ignored by hold and release.
 */
export class BufferPool {
  private readonly free: Buffer[] = [];
  /** Lent buffers by their memory, with how many users hold each. */
  private readonly holders = new Map<ArrayBufferLike, number>();

  constructor(readonly size: number) {}

  /** A buffer of `size` bytes (old contents), held once: by the caller. */
  take(): Buffer {
    const buffer = this.free.pop() ?? Buffer.allocUnsafeSlow(this.size);
    this.holders.set(buffer.buffer, 1);
    return buffer;
  }

  /** One more user of the buffer behind `view`. */
  hold(view: Buffer): void {
    const count = this.holders.get(view.buffer);
    if (count !== undefined) this.holders.set(view.buffer, count + 1);
  }

  /** One user fewer; the last one gives the buffer back. */
  release(view: Buffer): void {
    const count = this.holders.get(view.buffer);
    if (count === undefined) return;
    if (count > 1) {
      this.holders.set(view.buffer, count - 1);
      return;
    }
    this.holders.delete(view.buffer);
    this.free.push(Buffer.from(view.buffer, 0, this.size));
  }

  /** Buffers lent and not given back (for tests). */
  get lent(): number {
    return this.holders.size;
  }
}
