import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newJournal, newReleaseId, recordOutcome } from '../src/release/journal-model.js';
import { benchDir, benchMeta, writeBigPackage, writeReleaseConfig } from './fixtures.js';
import { expectOk, median, runProcess, type BenchResult } from './measure.js';
import { STMS_MEASURED } from './paths.js';
import { startSandboxPair } from './sandbox-process.js';

const ROUNDS = 7;
const TARGET = 1.5;
/** About a month of a 1,200-job fleet's releases from one machine. */
const JOURNALS = 5000;
const FLEET_JOBS = 1200;

/**
 * A release from the state folder of a long-lived fleet against the same release from a fresh
 * one. Every release prunes the package store by its job's journals, and the folder gains a
 * journal per release: this shows what the folder's size costs a release. Other jobs' journals,
 * each with its own package; a 1 MiB package, so the fixed part of a release is what is compared.
 * Rounds alternate the two folders; the medians are compared.
 */
export async function benchJournalFolder(): Promise<BenchResult> {
  const dir = await benchDir();
  const sandbox = await startSandboxPair(path.join(dir, 'sandbox'));
  try {
    const folders = { fresh: path.join(dir, 'fresh'), fleet: path.join(dir, 'fleet') };
    for (const folder of Object.values(folders)) {
      await mkdir(folder, { recursive: true });
      await writeReleaseConfig(folder, sandbox.config, [{ jobName: 'journals_single', haPolicy: 'single' }]);
      await writeBigPackage(path.join(folder, 'journals_single.zip'), 2 ** 20, benchMeta('bench', 'journals_single', 'single'));
    }
    await writeFleetJournals(path.join(folders.fleet, '.stms', 'releases'));

    const release = async (folder: string) =>
      (await expectOk(await runProcess(process.execPath, [...STMS_MEASURED, 'release', 'journals_single.zip', '--clusters', 'GZ_UAT', '--force', '-c', 'stms.config.json', '-q'], { cwd: folder }), `release in ${folder}`)).ms;
    // Untimed: each folder's first release (its md5 cache and package store).
    await release(folders.fresh);
    await release(folders.fleet);
    const fresh: number[] = [];
    const fleet: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      fresh.push(await release(folders.fresh));
      fleet.push(await release(folders.fleet));
    }
    const value = median(fleet) / median(fresh);
    return {
      name: `release 1 MiB with ${JOURNALS} journals of ${FLEET_JOBS} other jobs in the state folder`,
      baseline: `a fresh state folder: ${median(fresh).toFixed(0)} ms`,
      measured: `${median(fleet).toFixed(0)} ms`,
      value,
      target: `<= ${TARGET}x`,
      pass: value <= TARGET,
    };
  } finally {
    await sandbox.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Journals of releases that reached GZ_UAT, of jobs other than the one released, each with its own package. */
async function writeFleetJournals(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  const start = Date.UTC(2026, 9, 1);
  const files: Array<[string, string]> = [];
  for (let i = 0; i < JOURNALS; i++) {
    const at = new Date(start + i * 9 * 60_000);
    const releaseId = newReleaseId(at, `f${String(i).padStart(5, '0')}`);
    const job = `fleet_${i % FLEET_JOBS}`;
    const md5 = createHash('md5').update(releaseId).digest('hex');
    const journal = newJournal({ releaseId, createdAt: at, package: { path: `/pkgs/${job}.zip`, md5, name: `${job}.zip` }, policy: 'single', project: 'bench', job, targets: ['GZ_UAT'], deployUser: 'bench' });
    files.push([path.join(folder, `${releaseId}.json`), `${JSON.stringify(recordOutcome(journal, 'GZ_UAT', { outcome: 'uploaded', jobId: i + 1, version: 'v00001' }, at), null, 2)}\n`]);
  }
  for (let i = 0; i < files.length; i += 200) await Promise.all(files.slice(i, i + 200).map(([file, text]) => writeFile(file, text)));
}
