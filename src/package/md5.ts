import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

const READ_SIZE = 1024 * 1024;

/**
 * Hex md5 of a file, read in 1 MiB pieces into one reused buffer: a 1 GiB package never sits in
 * memory, and without a stream's per-chunk allocations Node hashes at md5sum's speed (bench/).
 */
export async function md5File(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('md5');
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(READ_SIZE);
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, READ_SIZE, null);
      if (bytesRead === 0) break;
      hash.update(bytesRead === READ_SIZE ? buffer : buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/**
 * The same, synchronously, for places that cannot wait (the sandbox's `jobs()` view for tests).
 * Still read in 1 MiB pieces: never the whole file in memory.
 */
export function md5FileSync(file: string): string {
  const fd = openSync(file, 'r');
  try {
    return md5OfDescriptor(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Hex md5 of an open file from its first byte, synchronously (the md5 thread, md5-worker.ts). Reads
 * at explicit positions, so the descriptor's own position is neither used nor moved.
 */
export function md5OfDescriptor(fd: number): string {
  const hash = createHash('md5');
  const buffer = Buffer.allocUnsafe(READ_SIZE);
  for (let position = 0; ; ) {
    const bytesRead = readSync(fd, buffer, 0, READ_SIZE, position);
    if (bytesRead === 0) break;
    hash.update(bytesRead === READ_SIZE ? buffer : buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
  return hash.digest('hex');
}
