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

describe('Broadcast lending its items', () => {
  /** Counts, per item, the readers holding it now. */
  function ledger() {
    const held = new Map<number, number>();
    return {
      held,
      lending: {
        hold: (item: number) => held.set(item, (held.get(item) ?? 0) + 1),
        release: (item: number) => {
          const count = (held.get(item) ?? 0) - 1;
          if (count < 0) throw new Error(`item ${item} released more often than held`);
          if (count === 0) held.delete(item);
          else held.set(item, count);
        },
      },
    };
  }

  it('a reader holds an item from when it is queued until it asks for the next one', async () => {
    const { held, lending } = ledger();
    const b = new Broadcast(counted(5, []), 2, 2, lending);
    const first = b.reader(0).items()[Symbol.asyncIterator]();
    const second = b.reader(1).items()[Symbol.asyncIterator]();
    expect((await first.next()).value).toBe(0);
    expect((await second.next()).value).toBe(0);
    // Both still hold item 0 (being used); item 1 is queued for both.
    expect(held.get(0)).toBe(2);
    expect((await first.next()).value).toBe(1);
    expect(held.get(0)).toBe(1);
    expect((await second.next()).value).toBe(1);
    expect(held.has(0)).toBe(false);
    const drain = async (reader: AsyncIterator<number>) => {
      for (let next = await reader.next(); !next.done; next = await reader.next()) void next;
    };
    await Promise.all([drain(first), drain(second)]);
    await b.done;
    expect([...held]).toEqual([]);
  });

  it('a reader that stops early, or withdraws with items queued, lets go of all of them', async () => {
    const { held, lending } = ledger();
    const b = new Broadcast(counted(10, []), 2, 3, lending);
    const stopping = b.reader(0).items()[Symbol.asyncIterator]();
    await stopping.next();
    await stopping.next();
    await stopping.return?.();
    const withdrawing = b.reader(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    withdrawing.withdraw();
    await b.done;
    expect([...held]).toEqual([]);
  });
});
