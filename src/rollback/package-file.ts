import { stat } from 'node:fs/promises';
import { StmsError, UsageError } from '../errors.js';
import { md5File } from '../package/index.js';
import { findStoredPackage } from '../release/store/package-store.js';
import type { RollbackTarget } from './target.js';

/**
 * The bytes of a rollback's package: from the package store, or from `--package <zip>` when the
 * store does not have them (another machine released it, or it was pruned). A `--package` whose
 * md5 is not the target's is refused (exit 3): it is not the package that was released.
 */
export async function rollbackPackageFile(store: string, target: RollbackTarget, packageFlag: string | undefined, signal: AbortSignal): Promise<{ file: string; from: 'store' | 'flag' }> {
  const what = target.releaseId ? `release ${target.releaseId}` : `version ${target.version ?? '?'}`;
  if (packageFlag !== undefined) {
    const isFile = await stat(packageFlag).then((s) => s.isFile(), () => false);
    if (!isFile) throw new UsageError(`--package ${packageFlag}: not a file; give the zip of ${what} (md5 ${target.md5})`);
    const md5 = await md5File(packageFlag, signal);
    if (md5 !== target.md5) {
      throw new StmsError('PACKAGE_INVALID', `--package ${packageFlag} has md5 ${md5}, but the package of ${what} has md5 ${target.md5}`, {
        hint: 'Give the zip exactly as it was released (for a folder, the zip `stms pack` made of it).',
        details: { wanted: target.md5, given: md5 },
      });
    }
    return { file: packageFlag, from: 'flag' };
  }
  const stored = await findStoredPackage(store, target.md5);
  if (stored) return { file: stored, from: 'store' };
  throw new UsageError(`the package of ${what} (md5 ${target.md5}) is not in the package store ${store}`, {
    hint: `Pass --package <zip> with that md5 (the zip as it was released; \`stms pack\` prints the md5 of a folder's zip).`,
    details: { md5: target.md5 },
  });
}
