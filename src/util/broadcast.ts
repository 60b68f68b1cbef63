/**
 * One producer, several readers of the same items, with bounded memory: each reader has a queue of
 * at most `depth` items, and the producer is asked for the next item only when every reader still
 * listening has room. So one read of a package feeds every upload of it at the pace of the slowest,
 * and a package of any size costs `depth` items per reader. A reader that stops (its upload ended
 * or was never made) withdraws and is no longer waited for; the producer runs to its end even with
 * no reader left (it computes what the caller needs, the md5). A producer's failure ends every
 * reader with that failure.
 *
 * Items may be lent (`Lending`): each reader holds an item from the moment it is queued for it
 * until the reader asks for the next one (or stops), so a reader must be done with an item when it
 * asks for the next: its consumer may not keep it, or a view of it, beyond that.
 */

/** Told when a reader starts and stops holding an item (buffers lent from a pool). */
export interface Lending<T> {
  hold(item: T): void;
  release(item: T): void;
}

export interface BroadcastReader<T> {
  /** The items, once: a second call throws (a retry reads its bytes another way). */
  items(): AsyncIterable<T>;
  /** Not reading (any more): never waited for again. */
  withdraw(): void;
  /** True once items() was called or withdraw() was. */
  readonly used: boolean;
}

interface Slot<T> {
  queue: T[];
  gone: boolean;
  taken: boolean;
  wake: (() => void) | undefined;
}

export class Broadcast<T> {
  private readonly slots: Array<Slot<T>>;
  private ended = false;
  private failure: { error: unknown } | undefined;
  private room: (() => void) | undefined;
  /** Settles when the producer has given its last item (or failed). */
  readonly done: Promise<void>;

  constructor(
    source: AsyncIterable<T>,
    readers: number,
    private readonly depth: number,
    private readonly lending?: Lending<T>,
  ) {
    this.slots = Array.from({ length: readers }, () => ({ queue: [], gone: false, taken: false, wake: undefined }));
    this.done = this.pump(source);
    this.done.catch(() => undefined);
  }

  reader(index: number): BroadcastReader<T> {
    const slot = this.slots[index];
    if (!slot) throw new RangeError(`no reader ${index}`);
    return {
      items: () => {
        if (slot.taken || slot.gone) throw new Error('a broadcast reader reads once');
        slot.taken = true;
        return this.iterate(slot);
      },
      withdraw: () => this.leave(slot),
      get used() {
        return slot.taken || slot.gone;
      },
    };
  }

  private async pump(source: AsyncIterable<T>): Promise<void> {
    try {
      for await (const item of source) {
        while (this.slots.some((s) => !s.gone && s.queue.length >= this.depth)) await new Promise<void>((resolve) => (this.room = resolve));
        for (const slot of this.slots) {
          if (slot.gone) continue;
          this.lending?.hold(item);
          slot.queue.push(item);
          this.wakeReader(slot);
        }
      }
    } catch (error) {
      this.failure = { error };
      throw error;
    } finally {
      this.ended = true;
      for (const slot of this.slots) this.wakeReader(slot);
    }
  }

  private async *iterate(slot: Slot<T>): AsyncGenerator<T> {
    try {
      for (;;) {
        const item = slot.queue.shift();
        if (item !== undefined) {
          this.wakeProducer();
          try {
            yield item;
          } finally {
            // Asked for the next item, or stopped: done with this one.
            this.lending?.release(item);
          }
          continue;
        }
        if (this.failure) throw this.failure.error;
        if (this.ended) return;
        await new Promise<void>((resolve) => (slot.wake = resolve));
      }
    } finally {
      this.leave(slot);
    }
  }

  private leave(slot: Slot<T>): void {
    slot.gone = true;
    for (const item of slot.queue.splice(0)) this.lending?.release(item);
    this.wakeProducer();
  }

  private wakeReader(slot: Slot<T>): void {
    const wake = slot.wake;
    slot.wake = undefined;
    wake?.();
  }

  private wakeProducer(): void {
    const room = this.room;
    this.room = undefined;
    room?.();
  }
}
