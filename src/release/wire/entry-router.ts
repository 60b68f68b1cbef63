import type { ZipPassEvent } from '../../package/zip-check.js';

/**
 * Hands a rendered zip the content of each entry it asks for, in its own (sorted) order, from the
 * events of the package's one read (file order). The two orders agree for zips stms wrote; where
 * they do not, an entry that goes by before it is asked for is kept if small (meta.json, a sql file)
 * and otherwise dropped, to be read from the zip alone when its turn comes: memory stays bounded
 * whatever the package, at the price of a second read of that one entry.
 */

/** Content kept for entries asked for later, in all. */
const KEPT_LIMIT = 4 * 1024 * 1024;

interface Kept {
  chunks: Buffer[];
  complete: boolean;
}

export class EntryRouter {
  private readonly kept = new Map<string, Kept>();
  private keptBytes = 0;
  /** Entries whose content went by and was not kept. */
  private readonly dropped = new Set<string>();
  private readonly served = new Set<string>();
  private exhausted = false;

  constructor(private readonly events: AsyncIterator<ZipPassEvent>) {}

  /** The content of `name`: from the shared read when it can, else `own()`. */
  async *content(name: string, own: () => Promise<AsyncIterable<Buffer>>): AsyncGenerator<Buffer> {
    this.served.add(name);
    const kept = this.kept.get(name);
    if (kept) {
      this.kept.delete(name);
      for (const chunk of kept.chunks) {
        this.keptBytes -= chunk.length;
        yield chunk;
      }
      if (kept.complete) return;
    } else if (this.dropped.has(name) || this.exhausted) {
      yield* await own();
      return;
    }
    for (;;) {
      const next = await this.events.next();
      if (next.done) {
        this.exhausted = true;
        // Nothing of it came by (a kept entry never ends without its end event).
        if (!kept) yield* await own();
        return;
      }
      const event = next.value;
      if (event.kind === 'raw') continue;
      if (event.name === name) {
        if (event.kind === 'end') return;
        yield event.chunk;
        continue;
      }
      this.keep(event);
    }
  }

  /** Ends the read of events (the zip is complete, or its send failed). */
  async close(): Promise<void> {
    await this.events.return?.();
  }

  private keep(event: Exclude<ZipPassEvent, { kind: 'raw' }>): void {
    const name = event.name;
    if (this.served.has(name) || this.dropped.has(name)) return;
    let kept = this.kept.get(name);
    if (event.kind === 'end') {
      if (kept) kept.complete = true;
      else this.kept.set(name, { chunks: [], complete: true });
      return;
    }
    if (this.keptBytes + event.chunk.length > KEPT_LIMIT) {
      if (kept) for (const chunk of kept.chunks) this.keptBytes -= chunk.length;
      this.kept.delete(name);
      this.dropped.add(name);
      return;
    }
    if (!kept) this.kept.set(name, (kept = { chunks: [], complete: false }));
    // A copy: the shared read lends its buffers only until the next event is asked for.
    kept.chunks.push(Buffer.from(event.chunk));
    this.keptBytes += event.chunk.length;
  }
}
