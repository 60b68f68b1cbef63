import type { Config } from '../../config/load.js';
import { journalsOf, scanJournals } from '../journal-store.js';
import { addToStore, checkStoreWritable, removeFromStore, type StoredPackage } from './package-store.js';
import { journalsThatMatter, packagesToPrune } from './prune-plan.js';

/**
 * What `release` does with the store: before any upload, make sure the store can be written
 * (else nothing is sent); while the uploads run, copy the package in and prune the job's
 * packages beyond `history.keep`.
 */

export interface ReleasedPackage {
  releaseId: string;
  md5: string;
  /** The bytes whose md5 is in the source record. */
  file: string;
  project: string;
  job: string;
}

export interface Keeping {
  /** The package in the store and what was pruned; rejects with a local-state error. */
  done: Promise<KeptPackage>;
}

export interface KeptPackage extends StoredPackage {
  pruned: string[];
}

export async function keepReleasedPackage(config: Config, release: ReleasedPackage): Promise<Keeping> {
  await checkStoreWritable(config.packageStore);
  const done = keepAndPrune(config, release);
  // Awaited by the caller after the uploads; never an unhandled rejection meanwhile.
  done.catch(() => undefined);
  return { done };
}

async function keepAndPrune(config: Config, release: ReleasedPackage): Promise<KeptPackage> {
  const stored = await addToStore(config.packageStore, release.md5, release.file);
  const scan = await scanJournals(config.stateDir);
  // Only the journals that can matter are checked against the schema: a fleet's folder holds thousands.
  const { journals } = journalsOf(scan, journalsThatMatter(scan.files.map((f) => f.json), release.project, release.job));
  const pruned = packagesToPrune({ journals, project: release.project, job: release.job, keep: config.history.keep, current: { releaseId: release.releaseId, md5: release.md5 } });
  for (const md5 of pruned) await removeFromStore(config.packageStore, md5);
  return { ...stored, pruned };
}
