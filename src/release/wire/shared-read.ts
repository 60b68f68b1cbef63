import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { renderedZipPlan } from '../../package/index.js';
import { zipPass, type ZipPassEvent } from '../../package/zip-check.js';
import type { GeneratedFile } from '../../streamis/index.js';
import { Broadcast, type BroadcastReader } from '../../util/broadcast.js';
import { BufferPool } from '../../util/buffer-pool.js';
import { EntryRouter } from './entry-router.js';
import { hashedChunks, SharedPrefixHash } from './shared-prefix-hash.js';

/**
 * One read of the package feeds every upload of a release: each chunk is hashed (the package's
 * md5, for the source record), its entries checked against their CRC and size, and handed to every
 * cluster's upload at the pace of the slowest: the package as given, or the zip rendered for that
 * cluster, rebuilt from the entries' content as they go by (its own md5 computed on the way). A
 * few chunks per cluster are in memory, whatever the package's size. A retry of one cluster's
 * upload (the shared read is gone by then) reads the package again, alone.
 */

/** Chunks queued per reader: enough to keep a socket busy. */
const DEPTH = 4;
/**
 * Every chunk goes through the read, the zip check, the broadcast, the rendered zip and the
 * socket: 2 MiB ones halve that work against 1 MiB (~100 ms less CPU for 512 MiB, where the
 * server shares the machine's cores), for ~3 MB more memory.
 */
const READ_BYTES = 2 * 1024 * 1024;

/** A rendered zip's `md5`, when known already (hashed whole before: md5-cache.ts), is not computed again. */
export type ClusterBytes = { kind: 'as-given' } | { kind: 'rendered'; metaText: string; md5?: string | undefined };

export interface SharedReadInput {
  /** The zip read: the package as given, or the one packed of its folder. */
  zip: string;
  /** Where rendered zips take their files from otherwise (the zip, or the folder). */
  source: string;
  /** The package's md5 when it is known already (no hashing then). */
  md5?: string | undefined;
  /**
   * The zip was read whole and found right on this machine before, and has not changed since (its
   * md5 is known by its file identity): its entries' CRCs are not computed again.
   */
  trusted?: boolean | undefined;
  clusters: Record<string, ClusterBytes>;
  signal: AbortSignal;
  /** Hears how far the read has come when it hashes the package: `read` of `total` bytes. */
  onHashing?: ((read: number, total: number) => void) | undefined;
}

export interface ClusterZip {
  file: GeneratedFile;
  /** md5 of those bytes: known for the package as given, for a rendered zip once it was sent whole. */
  md5(): string | undefined;
  /** This cluster will not read (any more) from the shared read: do not wait for it. */
  withdraw(): void;
}

export interface SharedRead {
  /** The package's md5, once the read is through; rejects when the package is damaged. */
  md5: Promise<string>;
  zips: Record<string, ClusterZip>;
}

export async function startSharedRead(input: SharedReadInput): Promise<SharedRead> {
  const names = Object.keys(input.clusters);
  const rendered = names.some((n) => input.clusters[n]?.kind === 'rendered');
  const fromZip = input.zip === input.source;
  const zipSize = (await stat(input.zip)).size;
  if (names.length > 1 && nothingToCompute(input)) return await ownReads(input, zipSize, fromZip);
  const pool = new BufferPool(READ_BYTES);
  let settle!: { resolve: (md5: string) => void; reject: (error: unknown) => void };
  const md5 = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  md5.catch(() => undefined);

  async function* read(): AsyncGenerator<ZipPassEvent> {
    const hash = input.md5 === undefined ? createHash('md5') : undefined;
    const progress = hash ? input.onHashing : undefined;
    let done = 0;
    try {
      for await (const event of zipPass(input.zip, { signal: input.signal, content: rendered && fromZip, fresh: true, trusted: input.trusted === true, pool })) {
        if (event.kind === 'raw') {
          hash?.update(event.chunk);
          done += event.chunk.length;
          progress?.(done, zipSize);
        }
        yield event;
      }
    } catch (error) {
      settle.reject(error);
      throw error;
    }
    settle.resolve(hash ? hash.digest('hex') : (input.md5 as string));
  }

  // Readers hold each chunk until they ask for the next (the upload writes a chunk to the socket
  // whole before it asks), then its buffer goes back to the pool for another read.
  const lending = {
    hold: (event: ZipPassEvent) => {
      if (event.kind !== 'end') pool.hold(event.chunk);
    },
    release: (event: ZipPassEvent) => {
      if (event.kind !== 'end') pool.release(event.chunk);
    },
  };
  const broadcast = new Broadcast(read(), names.length, DEPTH, lending);
  const zips: Record<string, ClusterZip> = {};
  // Every rendered zip has the same entries before meta.json: one hasher for that part.
  let shared: SharedPrefixHash | undefined;
  for (const [i, name] of names.entries()) {
    const bytes = input.clusters[name] as ClusterBytes;
    const reader = broadcast.reader(i);
    if (bytes.kind === 'as-given') {
      zips[name] = asGiven(input, reader, md5, zipSize);
      continue;
    }
    const plan = await renderedZipPlan(input.source, bytes.metaText);
    if (bytes.md5 === undefined) shared ??= new SharedPrefixHash(plan.sharedPrefix);
    zips[name] = renderedZip(input, reader, bytes, plan.size, shared, fromZip);
  }
  return { md5, zips };
}

/**
 * Every md5 is known (computed ahead: `plan`) and the package was found right before: nothing is
 * computed on the way, so nothing needs one read. Uploads to several clusters then read the
 * package each on its own, at its own pace, as separate `curl`s would: one cluster's slow moment
 * does not hold the others. (One upload keeps the shared read: its few chunks read ahead.)
 */
function nothingToCompute(input: SharedReadInput): boolean {
  return input.md5 !== undefined && input.trusted === true && Object.values(input.clusters).every((b) => b.kind === 'as-given' || b.md5 !== undefined);
}

async function ownReads(input: SharedReadInput, zipSize: number, fromZip: boolean): Promise<SharedRead> {
  const zips: Record<string, ClusterZip> = {};
  for (const [name, bytes] of Object.entries(input.clusters)) {
    const content = bytes.kind === 'rendered' && fromZip;
    // Its own few buffers: the read lends one until its reader asks for the next event.
    const events = (signal: AbortSignal | undefined) => zipPass(input.zip, { signal, fresh: true, trusted: true, content, pool: new BufferPool(READ_BYTES) });
    if (bytes.kind === 'as-given') {
      zips[name] = { md5: () => input.md5, withdraw: () => undefined, file: { size: zipSize, chunks: (signal) => rawChunks(events(signal)) } };
      continue;
    }
    const { metaText } = bytes;
    const size = (await renderedZipPlan(input.source, metaText)).size;
    const chunks = (signal: AbortSignal | undefined) => (fromZip ? routedRendered(input.source, metaText, events(signal)[Symbol.asyncIterator](), signal) : soloRendered(input.source, metaText, signal));
    zips[name] = { md5: () => bytes.md5, withdraw: () => undefined, file: { size, chunks } };
  }
  return { md5: Promise.resolve(input.md5 as string), zips };
}

function asGiven(input: SharedReadInput, reader: BroadcastReader<ZipPassEvent>, md5: Promise<string>, size: number): ClusterZip {
  let known = input.md5;
  void md5.then((value) => (known = value), () => undefined);
  return {
    md5: () => known,
    withdraw: () => reader.withdraw(),
    file: {
      size,
      chunks: (signal) => (reader.used ? rawChunks(zipPass(input.zip, { signal, fresh: true })) : rawChunks(reader.items())),
    },
  };
}

function renderedZip(
  input: SharedReadInput,
  reader: BroadcastReader<ZipPassEvent>,
  bytes: { metaText: string; md5?: string | undefined },
  size: number,
  shared: SharedPrefixHash | undefined,
  fromZip: boolean,
): ClusterZip {
  const { metaText } = bytes;
  let md5 = bytes.md5;
  const hashed = (chunks: AsyncGenerator<Buffer>) => (shared && bytes.md5 === undefined ? hashedChunks(chunks, shared, (digest) => (md5 = digest)) : chunks);
  return {
    md5: () => md5,
    withdraw: () => reader.withdraw(),
    file: {
      size,
      chunks(signal) {
        if (reader.used || !fromZip) {
          // A folder's rendered zip reads its files; it is not waited for.
          reader.withdraw();
          return hashed(soloRendered(input.source, metaText, signal));
        }
        return hashed(routedRendered(input.source, metaText, reader.items()[Symbol.asyncIterator](), signal));
      },
    },
  };
}

async function* soloRendered(source: string, metaText: string, signal: AbortSignal | undefined): AsyncGenerator<Buffer> {
  yield* (await renderedZipPlan(source, metaText)).chunks(signal);
}

async function* routedRendered(source: string, metaText: string, events: AsyncIterator<ZipPassEvent>, signal: AbortSignal | undefined): AsyncGenerator<Buffer> {
  let router: EntryRouter | undefined;
  try {
    const plan = await renderedZipPlan(source, metaText, { content: (name, own) => (router as EntryRouter).content(name, own) });
    router = new EntryRouter(events);
    yield* plan.chunks(signal);
  } finally {
    await (router ? router.close() : events.return?.());
  }
}

async function* rawChunks(events: AsyncIterable<ZipPassEvent>): AsyncGenerator<Buffer> {
  for await (const event of events) if (event.kind === 'raw') yield event.chunk;
}
