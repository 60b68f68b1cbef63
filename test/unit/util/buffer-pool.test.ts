import { describe, expect, it } from 'vitest';
import { BufferPool } from '../../../src/util/buffer-pool.js';

describe('BufferPool', () => {
  it('gives a buffer back only when its last holder lets go, views counting as the buffer', () => {
    const pool = new BufferPool(16);
    const a = pool.take();
    pool.hold(a.subarray(2, 5));
    pool.release(a);
    expect(pool.lent).toBe(1);
    // Still held through the view: a take now must not hand out the same memory.
    const b = pool.take();
    expect(b.buffer).not.toBe(a.buffer);
    pool.release(a.subarray(2, 5));
    expect(pool.lent).toBe(1);
    const c = pool.take();
    expect(c.buffer).toBe(a.buffer);
    expect(c.length).toBe(16);
  });

  it('ignores buffers that are not its own', () => {
    const pool = new BufferPool(8);
    const stranger = Buffer.alloc(8);
    pool.hold(stranger);
    pool.release(stranger);
    expect(pool.lent).toBe(0);
    expect(pool.take().buffer).not.toBe(stranger.buffer);
  });
});
