import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { benchDir, benchMeta, writeBigPackage } from './fixtures.js';
import { bestOf, expectOk, runProcess, type BenchResult } from './measure.js';
import { TASKS } from './paths.js';
import { startSandboxPair } from './sandbox-process.js';

/**
 * Releasing a 512 MiB package to two clusters: within 1.3x of releasing it to one; peak RSS of
 * the release process under 150 MB. Each sandbox cluster runs in its own process (as each real
 * cluster is its own server) with a 1 GiB upload limit.
 */
export async function benchRelease(sizeBytes: number): Promise<BenchResult[]> {
  const dir = await benchDir();
  const sandbox = await startSandboxPair(path.join(dir, 'sandbox'), { switches: { maxUploadMB: 1024 } });
  try {
    const config = sandbox.config;
    for (const cluster of Object.values(config.clusters)) cluster.maxUploadMB = 1024;
    const configFile = path.join(dir, 'stms.config.json');
    await writeFile(path.join(dir, 'vars.json'), JSON.stringify({ idc: { GZ: { QUEUE: 'dws' }, TJ: { QUEUE: 'dws_tj' } } }));
    await writeFile(
      path.join(dir, 'cmdb.json'),
      JSON.stringify({ apps: [ { projectName: 'bench', jobName: 'big_single', haPolicy: 'single' }, { projectName: 'bench', jobName: 'big_double', haPolicy: 'double' } ] }),
    );
    await writeFile(configFile, JSON.stringify({ ...config, deployUser: 'bench', vars: './vars.json', cmdb: { file: './cmdb.json' } }));
    await writeBigPackage(path.join(dir, 'big_single.zip'), sizeBytes, benchMeta('bench', 'big_single', 'single'));
    await writeBigPackage(path.join(dir, 'big_double.zip'), sizeBytes, benchMeta('bench', 'big_double', 'double'));

    let peakRss = 0;
    const release = async (zip: string, clusters: string) => {
      const run = await expectOk(await runProcess(process.execPath, [path.join(TASKS, 'rss-main.js'), 'release', zip, '--clusters', clusters, '--force', '-c', configFile, '-q'], { cwd: dir }), `release to ${clusters}`);
      const rss = Number(/maxRSS (\d+)/.exec(run.stderr)?.[1] ?? 'NaN');
      peakRss = Math.max(peakRss, rss);
      return run.ms;
    };
    const one = await bestOf(2, () => release('big_single.zip', 'GZ_UAT'));
    const two = await bestOf(2, () => release('big_double.zip', 'GZ_UAT,TJ_UAT'));
    const ratio = two / one;
    const mib = (sizeBytes / 2 ** 20).toFixed(0);
    return [
      { name: `release ${mib} MiB to two clusters`, baseline: `to one: ${one.toFixed(0)} ms`, measured: `${two.toFixed(0)} ms`, value: ratio, target: '<= 1.3x', pass: ratio <= 1.3 },
      { name: `release ${mib} MiB peak RSS`, baseline: '-', measured: `${(peakRss / 2 ** 20).toFixed(0)} MB`, value: peakRss / 2 ** 20, target: '< 150 MB', pass: peakRss < 150 * 2 ** 20 },
    ];
  } finally {
    await sandbox.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
