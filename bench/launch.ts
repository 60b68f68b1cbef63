import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ClusterConfig } from '../src/config/load.js';
import { buildSource } from '../src/release/source-record.js';
import { createStreamisClient, isRunning, type StreamisClient } from '../src/streamis/index.js';
import { bufferEntry, writeStoredZip } from '../test/support/stored-zip.js';
import { benchDir, benchMeta } from './fixtures.js';
import { expectOk, runProcess, type BenchResult } from './measure.js';
import { STMS_BIN } from './paths.js';
import { startSandboxPair } from './sandbox-process.js';

const LATENCY_MS = 20;
const CLUSTERS = ['GZ_UAT', 'TJ_UAT'] as const;
const TIMEOUTS = { requestMs: 30_000, uploadMs: 60_000, executeMs: 60_000, settleMs: 60_000 };
const RETRIES = { attempts: 0, baseDelayMs: 10, maxDelayMs: 10 };

/**
 * Launching 600 double jobs on two clusters whose API answers in 20 ms: at least 8x faster than
 * one call at a time. The baseline is what a shell loop of curl does for a consistent start, one
 * call after another: per cluster find the job, read its source (inspect), write the verdict,
 * start it; then poll status until it runs on both. Its cost is linear in the jobs, so it is
 * timed on a sample and scaled to the same number of jobs.
 */
export async function benchLaunch(jobs: number, sample: number): Promise<BenchResult> {
  const dir = await benchDir();
  const sandbox = await startSandboxPair(path.join(dir, 'sandbox'), { latencyMs: LATENCY_MS, startDelayMs: 200 });
  try {
    const configFile = path.join(dir, 'stms.config.json');
    await writeFile(configFile, JSON.stringify({ ...sandbox.config, deployUser: 'bench' }));
    const clusters = CLUSTERS.map((name) => clusterConfig(name, sandbox.config.clusters[name] as Record<string, unknown>));
    const names = Array.from({ length: jobs + sample }, (_, i) => `launch_${i}`);
    await putJobs(dir, clusters, names);

    await writeFile(path.join(dir, 'joblist.txt'), names.slice(0, jobs).map((job) => `bench,${job}`).join('\n'));
    const stms = await expectOk(
      await runProcess(process.execPath, [STMS_BIN, 'launch', '--job-list', 'joblist.txt', '--clusters', CLUSTERS.join(','), '-c', configFile, '-q'], { cwd: dir }),
      'stms launch',
    );

    const clients = clusters.map((c) => createStreamisClient(c, { timeouts: TIMEOUTS, retries: RETRIES }));
    const started = process.hrtime.bigint();
    for (const job of names.slice(jobs)) await launchOneCallAtATime(clients, job);
    const perJob = Number(process.hrtime.bigint() - started) / 1e6 / sample;
    await Promise.all(clients.map((c) => c.close()));

    const baseline = perJob * jobs;
    const speedup = baseline / stms.ms;
    return {
      name: `launch ${jobs} jobs on 2 clusters (${LATENCY_MS} ms API)`,
      baseline: `one call at a time: ${(baseline / 1000).toFixed(1)} s (${perJob.toFixed(0)} ms/job on ${sample} jobs)`,
      measured: `${(stms.ms / 1000).toFixed(1)} s`,
      value: speedup,
      target: '>= 8x faster',
      pass: speedup >= 8,
    };
  } finally {
    await sandbox.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function clusterConfig(name: string, c: Record<string, unknown>): ClusterConfig {
  return { name, url: String(c.url), tokenUser: String(c.tokenUser), tokenCode: String(c.tokenCode), idc: String(c.idc), role: c.role as ClusterConfig['role'], policies: [], ca: undefined, maxUploadMB: 500 };
}

/** Every job on both clusters with the source record release writes (not measured). */
async function putJobs(dir: string, clusters: ClusterConfig[], names: string[]): Promise<void> {
  const clients = clusters.map((c) => createStreamisClient(c, { timeouts: TIMEOUTS, retries: RETRIES }));
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const job = names[next++] as string;
      const file = path.join(dir, `${job}.zip`);
      await writeStoredZip(file, [bufferEntry('meta.json', benchMeta('bench', job, 'double').replace('[@QUEUE]', 'dws')), bufferEntry('job.sql', 'SELECT 1;\n')]);
      const md5 = createHash('md5').update(await readFile(file)).digest('hex');
      const source = buildSource({ pkgName: `${job}.zip`, deployUser: 'bench', createTime: new Date(), sourceName: 'aomp', sourceToken: 'streamis0.3.8', policy: 'double', md5, releaseId: 'bench' });
      for (const client of clients) await client.upload({ file, projectName: 'bench', source });
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  await Promise.all(clients.map((c) => c.close()));
}

async function launchOneCallAtATime(clients: StreamisClient[], job: string): Promise<void> {
  const ids: number[] = [];
  for (const client of clients) {
    const found = await client.findJob('bench', job);
    if (!found) throw new Error(`${job} is not on ${client.cluster}`);
    const inspect = await client.inspect(found.id);
    await client.updateHighAvailable({ jobId: found.id, version: inspect.version?.now?.version ?? '', highAvailable: true, highAvailableMessage: 'bench' });
    await client.execute(found.id);
    ids.push(found.id);
  }
  for (const [i, client] of clients.entries()) {
    for (;;) {
      const [status] = await client.status([ids[i] as number]);
      if (status && isRunning(status.statusCode)) break;
      if (status && (status.statusCode === 6 || status.statusCode === 7)) throw new Error(`${job} failed on ${client.cluster}`);
    }
  }
}
