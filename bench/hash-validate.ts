import path from 'node:path';
import { rm } from 'node:fs/promises';
import { benchDir, benchMeta, writeBigPackage } from './fixtures.js';
import { bestOf, expectOk, runProcess, type BenchResult } from './measure.js';
import { TASKS } from './paths.js';

/** Hashing and validating a 1 GiB package: within 1.15x of md5sum on the same file. */
export async function benchHashValidate(sizeBytes: number): Promise<BenchResult> {
  const dir = await benchDir();
  const zip = path.join(dir, 'big.zip');
  try {
    await writeBigPackage(zip, sizeBytes, benchMeta('bench', 'hash_job', 'single'));
    // Warm the page cache once so neither side pays for the first read from disk.
    const reference = (await expectOk(await runProcess('md5sum', [zip]), 'md5sum')).stdout.split(' ')[0];
    let checked = false;
    const md5sum = await bestOf(3, async () => (await expectOk(await runProcess('md5sum', [zip]), 'md5sum')).ms);
    const stms = await bestOf(3, async () => {
      const run = await expectOk(await runProcess(process.execPath, [path.join(TASKS, 'hash-validate.js'), zip]), 'hash-validate');
      if (run.stdout.trim() !== reference) throw new Error(`md5 differs from md5sum: ${run.stdout.trim()} vs ${reference}`);
      checked = true;
      return run.ms;
    });
    const ratio = stms / md5sum;
    return {
      name: `hash + validate ${(sizeBytes / 2 ** 30).toFixed(2)} GiB`,
      baseline: `md5sum: ${md5sum.toFixed(0)} ms`,
      measured: `${stms.toFixed(0)} ms`,
      value: ratio,
      target: '<= 1.15x',
      pass: checked && ratio <= 1.15,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
