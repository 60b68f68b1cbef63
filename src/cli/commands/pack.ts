import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  name: 'pack',
  summary: 'write a deterministic zip of a package folder and print its md5',
  examples: [
    'stms pack ./my-job                                # writes ./my-job.zip',
    'stms pack ./my-job -o dist/my-job.zip --json',
  ],
  configure(command) {
    command
      .argument('<dir>', 'the package folder: meta.json and the files it names, no subfolders')
      .option('-o, --out <file>', 'the zip to write (default: <folder name>.zip in the current directory)')
      .option('--clusters <A,B>', 'also resolve the variables for these clusters of the config (default: syntax only)')
      .option('--vars <file>', 'variable values for --clusters, instead of the config\'s vars');
  },
  async options() {
    const { z } = await import('zod');
    return z.object({ out: z.string().optional(), clusters: z.string().optional(), vars: z.string().optional() });
  },
  async run(ctx, args, options) {
    const [{ inspectPackage }, { packageInputs }, { printProblems }, { packageJson, problemsJson }, { packDirectory }, { checkZipFileName, zipNameForDir }, { formatBytes }, { checkOutputPath, makeOutputFolder }] =
      await Promise.all([
        import('../../package/inspect.js'),
        import('../run/package-inputs.js'),
        import('../print/package.js'),
        import('../../package/json.js'),
        import('../../package/pack.js'),
        import('../../package/zip-name.js'),
        import('../../package/size-rules.js'),
        import('../../package/output-path.js'),
      ]);
    const { out } = ctx;
    const dir = path.resolve(ctx.cwd, args[0] ?? '');
    const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
    if (!isDir) throw new UsageError(`${args[0]} is not a folder`, { hint: 'stms pack takes a package folder; a zip is already a package (check it with `stms validate`).' });

    const outFile = path.resolve(ctx.cwd, options.out ?? zipNameForDir(dir));
    const nameProblems = checkZipFileName(path.basename(outFile));
    if (nameProblems.length > 0) throw new UsageError(nameProblems.map((p) => p.message).join('; '), { hint: 'Pass -o with a name like my-job.zip: letters, digits, . _ - only.' });
    await checkOutputPath(dir, outFile, '-o');

    // Variables are resolved only for the clusters asked for: a zip is not tied to clusters, and a
    // shared vars file need not cover every cluster of the config for every job.
    const clusters = options.clusters;
    const inputs = await packageInputs(ctx, { clusters, vars: options.vars });
    const targets = clusters === undefined ? [] : inputs.targets;
    const inspection = await inspectPackage(dir, { ...inputs, targets, vars: targets.length > 0 ? inputs.vars : undefined, zipName: path.basename(outFile), resolveWithoutVars: true });
    printProblems(out, inspection.problems, 'diagnostic');
    if (!inspection.ok) {
      out.error(`not packed: ${args[0]} has problems (listed above); no zip was written`);
      return { code: 'PACKAGE_INVALID', document: { ok: false, ...problemsJson(inspection), package: packageJson(inspection), error: { code: 'PACKAGE_INVALID', message: `${args[0]} is not a valid package; no zip was written` } } };
    }

    await makeOutputFolder(outFile, '-o');
    const zip = await packDirectory(dir, outFile, { signal: ctx.signal });
    out.line(zip.path);
    out.line(`size ${zip.size} bytes (${formatBytes(zip.size)})`);
    out.line(`md5  ${zip.md5}`);
    return { document: { ok: true, path: zip.path, size: zip.size, md5: zip.md5, ...problemsJson(inspection), package: packageJson(inspection) } };
  },
});
