import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../../../src/errors.js';
import { inspectPackage } from '../../../src/package/inspect.js';
import { bufferEntry, generatedEntry, writeStoredZip } from '../../support/stored-zip.js';
import { sqlFiles } from '../../support/packages.js';

/**
 * `checkContent`: the md5 and every entry's CRC and size. Run from the TypeScript sources, the
 * md5 thread's compiled body is not there to start, so these take the fallback: the md5 hashed
 * in the same read as the checks (md5-thread.test.ts covers the thread itself).
 */
async function bigPackage(size: number): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-inspect-'));
  const file = path.join(dir, 'p1-j1.zip');
  await writeStoredZip(file, [...Object.entries(sqlFiles()).map(([name, data]) => bufferEntry(name, data)), generatedEntry('lib.jar', size, 3)]);
  return file;
}

describe('inspectPackage with checkContent', () => {
  it('gives the md5 of the whole zip', async () => {
    const file = await bigPackage(3 * 1024 * 1024 + 5);
    const inspection = await inspectPackage(file, { checkContent: true });
    expect(inspection.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(inspection.md5).toBe(createHash('md5').update(await readFile(file)).digest('hex'));
  });

  it('stops with InterruptedError when the signal aborts mid-check', async () => {
    const file = await bigPackage(64 * 1024 * 1024);
    const controller = new AbortController();
    const inspecting = inspectPackage(file, { checkContent: true, signal: controller.signal });
    setImmediate(() => controller.abort('SIGINT'));
    const error = await inspecting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect((error as Error).message).toMatch(/^interrupted while (checking|hashing) p1-j1\.zip$/);
  });

  it('stops at once under a signal already aborted', async () => {
    const file = await bigPackage(10);
    await expect(inspectPackage(file, { checkContent: true, signal: AbortSignal.abort('SIGINT') })).rejects.toBeInstanceOf(InterruptedError);
  });
});
