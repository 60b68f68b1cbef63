import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { bufferEntry, generatedEntry, writeStoredZip } from '../support/stored-zip.js';
import { clientFor, md5File, meta, source } from './helpers.js';

const PACKAGE_BYTES = 300 * 1024 * 1024;
/** Well under the package size: both the client and the in-process sandbox must stream. */
const MAX_RSS_GROWTH = 100 * 1024 * 1024;

describe('Streamis client: a 300 MB upload streams', () => {
  let dir: string;
  let sandbox: Sandbox;
  let file: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stms-client-big-'));
    sandbox = await startSandbox({ dir: path.join(dir, 'sandbox') });
    file = path.join(dir, 'p1_big.zip');
    // meta.json + one big STORE entry, written to disk 1 MiB at a time.
    await writeStoredZip(file, [bufferEntry('meta.json', JSON.stringify(meta({ projectName: 'p1', jobName: 'big' }))), generatedEntry('big-resource.dat', PACKAGE_BYTES, 42)]);
  }, 120_000);
  afterAll(async () => {
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores the package byte-identical while memory stays flat', async () => {
    const size = (await stat(file)).size;
    expect(size).toBeGreaterThan(PACKAGE_BYTES);
    const localMd5 = await md5File(file);

    const client = clientFor(sandbox.clusters.GZ_UAT!);
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    let lastProgress = 0;
    let progressEvents = 0;
    try {
      const { jobId } = await client.upload({
        file,
        projectName: 'p1',
        source: source({ md5: localMd5 }),
        onProgress: (sent, total) => {
          expect(total).toBe(size);
          expect(sent).toBeGreaterThanOrEqual(lastProgress);
          lastProgress = sent;
          progressEvents++;
        },
      });
      peak = Math.max(peak, process.memoryUsage().rss);
      const job = sandbox.clusters.GZ_UAT!.jobs().find((j) => j.id === jobId);
      expect(job?.name).toBe('big');
      expect(job?.versions.at(-1)?.md5).toBe(localMd5);
    } finally {
      clearInterval(sampler);
      await client.close();
    }
    expect(peak - baseline, `RSS grew by ${Math.round((peak - baseline) / 1048576)} MB`).toBeLessThan(MAX_RSS_GROWTH);
    expect(lastProgress).toBe(size);
    expect(progressEvents).toBeGreaterThan(100);
  }, 120_000);
});
