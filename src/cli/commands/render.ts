import path from 'node:path';
import { UsageError } from '../../errors.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  name: 'render',
  summary: 'show the meta.json one cluster will receive',
  examples: [
    'stms render my-job.zip --cluster GZ_UAT',
    'stms render ./my-job --cluster TJ_UAT --vars vars.yaml --out my-job-TJ_UAT.zip',
  ],
  configure(command) {
    command
      .argument('<package>', 'the package: a .zip file or a package folder')
      .requiredOption('--cluster <name>', 'the cluster of the config to render for')
      .option('--vars <file>', 'variable values (YAML or JSON), instead of the config\'s vars')
      .option('--out <file>', 'also write the zip that cluster receives (meta.json rendered)');
  },
  async options() {
    const { z } = await import('zod');
    return z.object({ cluster: z.string(), vars: z.string().optional(), out: z.string().optional() });
  },
  async run(ctx, args, options) {
    const [{ inspectPackage }, { packageInputs }, { printProblems }, { problemsJson }, { renderedMetaText, writeClusterZip }, { checkZipFileName }, { checkOutputPath, makeOutputFolder }] = await Promise.all([
      import('../../package/inspect.js'),
      import('../run/package-inputs.js'),
      import('../print/package.js'),
      import('../../package/json.js'),
      import('../../package/render-zip.js'),
      import('../../package/zip-name.js'),
      import('../../package/output-path.js'),
    ]);
    const { out } = ctx;
    await ctx.loadConfig();
    const cluster = options.cluster;
    const outFlag = options.out;
    const outFile = outFlag === undefined ? undefined : path.resolve(ctx.cwd, outFlag);
    if (outFile !== undefined) {
      const nameProblems = checkZipFileName(path.basename(outFile));
      if (nameProblems.length > 0) throw new UsageError(nameProblems.map((p) => p.message).join('; '), { hint: 'Pass --out with a name like my-job.zip: letters, digits, . _ - only.' });
      await checkOutputPath(path.resolve(ctx.cwd, args[0] ?? ''), outFile, '--out');
    }
    const inputs = await packageInputs(ctx, { clusters: cluster, vars: options.vars, clustersFlag: '--cluster' });
    const inspection = await inspectPackage(path.resolve(ctx.cwd, args[0] ?? ''), { ...inputs, resolveWithoutVars: true });
    const meta = inspection.meta?.resolved[cluster];
    printProblems(out, inspection.problems, 'diagnostic');
    if (inspection.problems.some((p) => p.severity === 'error') || meta === undefined) {
      const message = `${args[0]} cannot be rendered for ${cluster}: fix the problems listed above`;
      out.error(message);
      return { code: 'PACKAGE_INVALID', document: { ok: false, cluster, ...problemsJson(inspection), error: { code: 'PACKAGE_INVALID', message } } };
    }

    const text = renderedMetaText(meta);
    if (outFile === undefined) {
      out.data(text.trimEnd());
      return { document: { ok: true, cluster, meta } };
    }
    await makeOutputFolder(outFile, '--out');
    const zip = await writeClusterZip(inspection.path, inspection.meta?.meta, meta, outFile, { signal: ctx.signal });
    out.line(zip.path);
    out.line(`size ${zip.size} bytes`);
    out.line(`md5  ${zip.md5}`);
    return { document: { ok: true, cluster, meta, out: zip.path, size: zip.size, md5: zip.md5 } };
  },
});
