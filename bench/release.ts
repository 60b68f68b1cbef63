import { readdir, rm, stat, utimes } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { buildSource } from '../src/release/source-record.js';
import { curlUpload, type CurlRun, type CurlTarget } from './curl-upload.js';
import { benchDir, benchMeta, writeBigPackage, writeReleaseConfig } from './fixtures.js';
import { expectOk, median, runProcess, type BenchResult } from './measure.js';
import { STMS_MEASURED } from './paths.js';
import { startSandboxPair } from './sandbox-process.js';

const MiB = 2 ** 20;
/** Alternating rounds: the medians of seven ride out bursts of CPU steal on a shared host (bench/README.md). */
const ROUNDS = 7;
const RSS_LIMIT_MB = 100;
/** Above every package the bench sends, on the clusters and in the config. */
const UPLOAD_LIMIT_MB = 2048;

/**
 * Releasing a package against `curl -F file=@pkg.zip` posting the same file to the same clusters
 * (each sandbox cluster its own process, parsing the multipart body and storing the file, as a
 * real cluster is its own server). Rounds alternate curl and stms so that a noisy neighbour
 * slows both; the medians are compared. The packages have a variable per IDC, so stms sends each
 * cluster its own rendered zip, as a real double job does. Each package is new to the machine
 * (its times set again, so no md5 of it is known by its file), and is planned before it is
 * released, as a change is (`stms plan`, untimed, which computes the md5s the release needs); the
 * release of a package never seen (it hashes the package and each rendered zip as it sends them)
 * is shown beside, for what it costs. Peak RSS is taken at `sizeBytes` and at 64 MiB and 1 GiB
 * (scaled like the rest), to show memory does not grow with the package.
 */
export async function benchRelease(sizeBytes: number, scale: number): Promise<BenchResult[]> {
  const dir = await benchDir();
  const sandboxDir = path.join(dir, 'sandbox');
  const sandbox = await startSandboxPair(sandboxDir, { switches: { maxUploadMB: UPLOAD_LIMIT_MB } });
  try {
    const config = sandbox.config;
    for (const cluster of Object.values(config.clusters)) cluster.maxUploadMB = UPLOAD_LIMIT_MB;
    const configFile = await writeReleaseConfig(dir, config, [
      { jobName: 'big_single', haPolicy: 'single' },
      { jobName: 'big_double', haPolicy: 'double' },
    ]);
    const target = (name: string): CurlTarget => {
      const c = config.clusters[name] as Record<string, unknown>;
      return { url: String(c.url), tokenUser: String(c.tokenUser), tokenCode: String(c.tokenCode) };
    };
    const source = (pkgName: string, policy: 'single' | 'double') =>
      buildSource({ pkgName, deployUser: 'bench', createTime: new Date(), sourceName: String(config.sourceName), sourceToken: String(config.sourceToken), policy, md5: '0'.repeat(32), releaseId: 'curl' });

    const stms = async (args: string[], what: string) => {
      const run = await expectOk(await runProcess(process.execPath, [...STMS_MEASURED, ...args, '-c', configFile, '-q'], { cwd: dir }), what);
      if (process.env.BENCH_VERBOSE) process.stderr.write(`  stms ${args.slice(0, 4).join(' ')}: ${run.ms.toFixed(0)} ms\n`);
      return { ms: run.ms, rss: Number(/maxRSS (\d+)/.exec(run.stderr)?.[1] ?? 'NaN'), cpuSeconds: Number(/cpu ([\d.]+)/.exec(run.stderr)?.[1] ?? 'NaN') };
    };
    /** A package new to this machine: setting its times again changes its ctime, so its md5 is not known by its identity. */
    const renew = async (zip: string) => {
      const { atime, mtime } = await stat(path.join(dir, zip));
      await utimes(path.join(dir, zip), atime, mtime);
    };
    const release = async (zip: string, clusters: string, { planned }: { planned: boolean }): Promise<StmsRun> => {
      await renew(zip);
      if (planned) {
        // The md5 cache takes a file unchanged for a second; then the plan, untimed.
        await sleep(1100);
        await stms(['plan', zip, '--clusters', clusters], `plan of ${zip}`);
      }
      await settleDisk(sandboxDir);
      return await stms(['release', zip, '--clusters', clusters, '--force'], `release to ${clusters}`);
    };
    const single = path.join(dir, 'big_single.zip');
    const double = path.join(dir, 'big_double.zip');
    await writeBigPackage(single, sizeBytes, benchMeta('bench', 'big_single', 'single'));
    await writeBigPackage(double, sizeBytes, benchMeta('bench', 'big_double', 'double'));

    const curlTwo: CurlRun[] = [];
    const stmsTwo: StmsRun[] = [];
    const stmsTwoUnseen: StmsRun[] = [];
    const curlOne: CurlRun[] = [];
    const stmsOne: StmsRun[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await settleDisk(sandboxDir);
      curlTwo.push(await curlUpload(double, 'bench', source('big_double.zip', 'double'), [target('GZ_UAT'), target('TJ_UAT')]));
      if (process.env.BENCH_VERBOSE) process.stderr.write(`  curl to two: ${curlTwo.at(-1)?.ms.toFixed(0)} ms\n`);
      stmsTwo.push(await release('big_double.zip', 'GZ_UAT,TJ_UAT', { planned: true }));
      stmsTwoUnseen.push(await release('big_double.zip', 'GZ_UAT,TJ_UAT', { planned: false }));
      await settleDisk(sandboxDir);
      curlOne.push(await curlUpload(single, 'bench', source('big_single.zip', 'single'), [target('GZ_UAT')]));
      if (process.env.BENCH_VERBOSE) process.stderr.write(`  curl to one: ${curlOne.at(-1)?.ms.toFixed(0)} ms\n`);
      stmsOne.push(await release('big_single.zip', 'GZ_UAT', { planned: true }));
    }
    await rm(single, { force: true });

    // Memory at other sizes: the same release, once each.
    const rssBySize: Array<[number, number]> = [[sizeBytes, Math.max(...stmsTwo.map((r) => r.rss), ...stmsOne.map((r) => r.rss))]];
    for (const other of [64 * MiB, 1024 * MiB - MiB].map((b) => Math.round(b * scale))) {
      await writeBigPackage(double, other, benchMeta('bench', 'big_double', 'double'));
      rssBySize.push([other, (await release('big_double.zip', 'GZ_UAT,TJ_UAT', { planned: true })).rss]);
    }
    rssBySize.sort((a, b) => a[0] - b[0]);

    const mib = (sizeBytes / MiB).toFixed(0);
    const peak = Math.max(...rssBySize.map(([, rss]) => rss)) / MiB;
    return [
      versus(`release ${mib} MiB to two clusters (planned)`, 'curl to both at once', curlTwo, stmsTwo, 1.25),
      { ...versus(`release ${mib} MiB to two clusters, never seen (md5s computed while sending)`, 'curl to both at once', curlTwo, stmsTwoUnseen, 1.25), info: true, target: '-' },
      versus(`release ${mib} MiB to one cluster (planned)`, 'curl to it', curlOne, stmsOne, 1.2),
      {
        name: 'release peak RSS by package size',
        baseline: '-',
        measured: rssBySize.map(([size, rss]) => `${(size / MiB).toFixed(0)} MiB: ${(rss / MiB).toFixed(0)} MB`).join(', '),
        value: peak,
        target: `< ${RSS_LIMIT_MB} MB`,
        pass: peak < RSS_LIMIT_MB,
      },
    ];
  } finally {
    await sandbox.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Untimed, before every timed upload: the versions earlier runs stored are deleted from the
 * servers' folders and the disk writes back what is left, so every run, curl's or stms's, writes to
 * the same disk and page cache as the first (kept, the ~30 GiB of seven rounds would fill the page
 * cache and make the later runs pay for evicting it). The servers never read a stored version again here.
 */
async function settleDisk(sandboxDir: string): Promise<void> {
  await removeStoredVersions(sandboxDir);
  await expectOk(await runProcess('sync', []), 'sync');
}

/** The zips a sandbox cluster stored (clusters/<name>/packages/<job>/<version>.zip). */
async function removeStoredVersions(dir: string): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const stored = entries.filter((e) => e.isFile() && e.name.endsWith('.zip') && e.parentPath.split(path.sep).includes('packages'));
  await Promise.all(stored.map((e) => rm(path.join(e.parentPath, e.name), { force: true })));
}

interface StmsRun {
  ms: number;
  rss: number;
  cpuSeconds: number;
}

function versus(name: string, what: string, curl: CurlRun[], stms: StmsRun[], target: number): BenchResult {
  const base = median(curl.map((r) => r.ms));
  const ours = median(stms.map((r) => r.ms));
  const ratio = ours / base;
  const cpu = (runs: Array<{ cpuSeconds: number }>) => median(runs.map((r) => r.cpuSeconds)).toFixed(2);
  return {
    name,
    baseline: `${what}: ${base.toFixed(0)} ms, ${cpu(curl)} s CPU`,
    measured: `${ours.toFixed(0)} ms, ${cpu(stms)} s CPU`,
    value: ratio,
    target: `<= ${target}x`,
    pass: ratio <= target,
  };
}
