import { constants } from 'node:fs';
import { access, mkdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';

/**
 * Where `pack -o` and `render --out` may write, made ready before any work: never over the
 * package being read (the original, with its variables, would be replaced by one cluster's copy),
 * never inside a package folder (the zip would become a file of the package on the next pack or
 * release), not over a folder. Checked before any work; each refusal names the path and what to
 * pass instead.
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
  if (await stat(outFile).then((info) => info.isDirectory(), () => false)) {
    throw new UsageError(`${flag} ${outFile} is a folder`, { hint: `Pass ${flag} with a file name, e.g. ${flag} ${path.join(outFile, 'my-job.zip')}.` });
  }
}

/** The folder of the output, created when missing (`-o dist/my-job.zip`), just before writing. */
export async function makeOutputFolder(outFile: string, flag: string): Promise<void> {
  const folder = path.dirname(outFile);
  try {
    await mkdir(folder, { recursive: true });
    await access(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`cannot write ${outFile}: the folder ${folder} cannot be created or written to (${code})`, { hint: `Pass ${flag} with a folder you can write to.` });
  }
}
