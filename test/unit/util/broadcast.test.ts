import { describe, expect, it } from 'vitest';
import { Broadcast } from '../../../src/util/broadcast.js';

async function* counted(n: number, produced: number[], failAt?: number): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) {
    if (i === failAt) throw new Error('damaged');
    produced.push(i);
    yield i;
  }
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('Broadcast', () => {
  it('gives every reader every item, the producer never more than `depth` ahead of the slowest', async () => {
    const produced: number[] = [];
    const b = new Broadcast(counted(20, produced), 2, 3);
    const slow = b.reader(1).items()[Symbol.asyncIterator]();
    const fast = all(b.reader(0).items());
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The slow reader took nothing yet: at most depth items were produced (one more waits for room).
    expect(produced.length).toBeLessThanOrEqual(4);
    const rest: number[] = [];
    for (let next = await slow.next(); !next.done; next = await slow.next()) rest.push(next.value);
    expect(await fast).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(rest).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('is not held up by a reader that withdrew, and runs to its end with no reader left', async () => {
    const produced: number[] = [];
    const b = new Broadcast(counted(50, produced), 2, 2);
    b.reader(1).withdraw();
    expect(await all(b.reader(0).items())).toHaveLength(50);
    const alone = new Broadcast(counted(30, [], undefined), 1, 2);
    alone.reader(0).withdraw();
    await alone.done;
  });

  it("ends every reader with the producer's failure, and reads once", async () => {
    const b = new Broadcast(counted(10, [], 5), 2, 2);
    const reader = b.reader(0);
    await expect(Promise.all([all(reader.items()), all(b.reader(1).items())])).rejects.toThrow('damaged');
    expect(() => reader.items()).toThrow(/reads once/);
  });
});
