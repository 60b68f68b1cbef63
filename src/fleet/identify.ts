import path from 'node:path';
import { inspectPackage } from '../package/inspect.js';
import { mapLimit } from '../batch/map-limit.js';
import type { JobRef } from '../launch/types.js';

/**
 * Which job each package of a batch releases, read from its meta.json before anything runs, so
 * that two packages of one job are refused up front (they would race for the same versions).
 * A package whose meta.json cannot be read keeps its file name as its job: its own release
 * refuses it with every problem, in its turn.
 */

export interface PackageRef extends JobRef {
  /** Absolute path of the .zip or package folder. */
  packagePath: string;
  /** False when meta.json did not name the project and job. */
  identified: boolean;
}

const READ_AT_ONCE = 8;

export async function identifyPackages(paths: readonly string[]): Promise<PackageRef[]> {
  return mapLimit(paths, READ_AT_ONCE, async (packagePath): Promise<PackageRef> => {
    const inspection = await inspectPackage(packagePath).catch(() => undefined);
    const project = inspection?.meta?.projectName;
    const job = inspection?.meta?.jobName;
    if (project !== undefined && job !== undefined) return { project, job, packagePath, identified: true };
    return { project: '?', job: path.basename(packagePath), packagePath, identified: false };
  });
}

/** Pairs of packages that release the same job: `[first, second]` for each repeat. */
export function sameJobTwice(refs: readonly PackageRef[]): Array<[PackageRef, PackageRef]> {
  const first = new Map<string, PackageRef>();
  const repeats: Array<[PackageRef, PackageRef]> = [];
  for (const ref of refs) {
    if (!ref.identified) continue;
    const key = `${ref.project}\u0000${ref.job}`;
    const earlier = first.get(key);
    if (earlier) repeats.push([earlier, ref]);
    else first.set(key, ref);
  }
  return repeats;
}
