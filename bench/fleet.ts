import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bufferEntry, writeStoredZip } from '../test/support/stored-zip.js';
import { benchDir, benchMeta, writeReleaseConfig } from './fixtures.js';
import { expectOk, runProcess, type BenchResult } from './measure.js';
import { STMS_MEASURED } from './paths.js';
import { startSandboxPair } from './sandbox-process.js';

const LATENCY_MS = 20;
const MiB = 2 ** 20;
const RSS_LIMIT_MB = 250;

/**
 * A fleet release: `packages` double jobs released to two clusters whose API answers in 20 ms, in
 * one `stms release --package-list` run, against the same kind of packages released by one
 * `stms release` process after another (what a shell loop over a change's packages does). The
 * loop's cost is linear in the packages, so it is timed on a sample of fresh jobs and scaled.
 * Peak RSS is the batch process's own (getrusage maxRSS).
 */
export async function benchFleet(packages: number, sample: number): Promise<BenchResult[]> {
  const dir = await benchDir();
  const sandbox = await startSandboxPair(path.join(dir, 'sandbox'), { latencyMs: LATENCY_MS });
  try {
    const names = Array.from({ length: packages + sample }, (_, i) => `fleet_${String(i).padStart(4, '0')}`);
    const configFile = await writeReleaseConfig(dir, sandbox.config, names.map((jobName) => ({ jobName, haPolicy: 'double' })));
    await mkdir(path.join(dir, 'pkgs'));
    for (const job of names) await writeStoredZip(path.join(dir, 'pkgs', `${job}.zip`), [bufferEntry('meta.json', benchMeta('bench', job, 'double')), bufferEntry('job.sql', 'SELECT 1;\n')]);
    await writeFile(path.join(dir, 'fleet.txt'), names.slice(0, packages).map((job) => `pkgs/${job}.zip`).join('\n'));

    const batch = await expectOk(
      await runProcess(process.execPath, [...STMS_MEASURED, 'release', '--package-list', 'fleet.txt', '--clusters', 'GZ_UAT,TJ_UAT', '-c', configFile, '-q'], { cwd: dir }),
      'stms release --package-list',
    );
    const rss = Number(/maxRSS (\d+)/.exec(batch.stderr)?.[1] ?? 'NaN') / MiB;

    let loopMs = 0;
    for (const job of names.slice(packages)) {
      const one = await expectOk(await runProcess(process.execPath, [...STMS_MEASURED, 'release', `pkgs/${job}.zip`, '--clusters', 'GZ_UAT,TJ_UAT', '-c', configFile, '-q'], { cwd: dir }), `stms release ${job}`);
      loopMs += one.ms;
    }
    const perPackage = loopMs / sample;
    const baseline = perPackage * packages;
    const speedup = baseline / batch.ms;
    return [
      {
        name: `fleet: ${packages} packages to 2 clusters (${LATENCY_MS} ms API)`,
        baseline: `one stms release after another: ${(baseline / 1000).toFixed(1)} s (${perPackage.toFixed(0)} ms/package on ${sample})`,
        measured: `${(batch.ms / 1000).toFixed(1)} s in one run`,
        value: speedup,
        target: '>= 6x faster',
        pass: speedup >= 6,
      },
      {
        name: `fleet: peak RSS of that run`,
        baseline: '-',
        measured: `${rss.toFixed(0)} MB`,
        value: rss,
        target: `< ${RSS_LIMIT_MB} MB`,
        pass: rss < RSS_LIMIT_MB,
      },
    ];
  } finally {
    await sandbox.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
