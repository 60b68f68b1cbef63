import path from 'node:path';
import { rm } from 'node:fs/promises';
import { benchDir, benchMeta, writeBigPackage } from './fixtures.js';
import { expectOk, median, runProcess, type BenchResult } from './measure.js';
import { TASKS } from './paths.js';

const RUNS = 7;
const TARGET = 1.1;

/**
 * Hashing and validating a package of stored entries (as jars are): every entry's CRC and size
 * checked and the md5 computed, within 1.10x of md5sum on the same file (medians of alternating runs).
 */
export async function benchHashValidate(sizeBytes: number): Promise<BenchResult> {
  const dir = await benchDir();
  const zip = path.join(dir, 'big.zip');
  try {
    await writeBigPackage(zip, sizeBytes, benchMeta('bench', 'hash_job', 'single'));
    // The package just written is written back first: neither side shares the CPU with the
    // writeback (stms uses both cores, md5sum one). Then the page cache is warmed once so neither
    // pays for the first read from disk.
    await expectOk(await runProcess('sync', []), 'sync');
    const reference = (await expectOk(await runProcess('md5sum', [zip]), 'md5sum')).stdout.split(' ')[0];
    const md5sum: number[] = [];
    const stms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      md5sum.push((await expectOk(await runProcess('md5sum', [zip]), 'md5sum')).ms);
      const run = await expectOk(await runProcess(process.execPath, [path.join(TASKS, 'hash-validate.js'), zip]), 'hash-validate');
      if (run.stdout.trim() !== reference) throw new Error(`md5 differs from md5sum: ${run.stdout.trim()} vs ${reference}`);
      stms.push(run.ms);
    }
    const ratio = median(stms) / median(md5sum);
    return {
      name: `hash + validate ${(sizeBytes / 2 ** 30).toFixed(2)} GiB`,
      baseline: `md5sum: ${median(md5sum).toFixed(0)} ms`,
      measured: `${median(stms).toFixed(0)} ms`,
      value: ratio,
      target: `<= ${TARGET}x`,
      pass: ratio <= TARGET,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
