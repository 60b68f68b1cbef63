import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';

/**
 * Where `pack -o` and `render --out` may write. Never over the package being read (the original,
 * with its variables, would be replaced by one cluster's copy) and never inside a package folder
 * (the zip would become a file of the package on the next pack or release).
 */
export async function checkOutputPath(packagePath: string, outFile: string, flag: string): Promise<void> {
  const source = await realpath(packagePath).catch(() => path.resolve(packagePath));
  const target = path.join(await realpath(path.dirname(outFile)).catch(() => path.dirname(outFile)), path.basename(outFile));
  if (target === source) {
    throw new UsageError(`${flag} ${outFile} is the package itself; writing it would replace the original`, { hint: `Pass ${flag} with another file name, e.g. ${flag} my-job-GZ_UAT.zip.` });
  }
  if (path.dirname(target) === source) {
    throw new UsageError(`the zip would be written inside the package folder (${outFile})`, { hint: `Pass ${flag} with a path outside the folder, e.g. ${flag} ../my-job.zip.` });
  }
}
