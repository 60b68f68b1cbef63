import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { StmsError, UsageError } from '../../errors.js';
import { defineCommand } from '../command.js';

/**
 * `stms sandbox`: local Streamis-compatible clusters (GZ_UAT primary/manager, TJ_UAT backup,
 * SH_DR dr) and the CMDB stub on 127.0.0.1, with a config that points at them. Runs until
 * Ctrl-C or SIGTERM, then stops cleanly with exit 0.
 */
export default defineCommand({
  name: 'sandbox',
  summary: 'local Streamis-compatible clusters and a CMDB stub on 127.0.0.1',
  examples: ['stms sandbox', 'stms sandbox --dir /tmp/stms-sandbox --port-base 9001', 'stms sandbox --reset --json'],
  configure(command) {
    command
      .option('--dir <dir>', 'state folder; stms.config.json and cmdb.json are written there', '.stms/sandbox')
      .option('--port-base <port>', 'cluster i listens on port-base+i, the CMDB after them (default: free ports)', parsePort)
      .option('--reset', 'forget every job, version, package and the CMDB file first');
  },
  async options() {
    const { z } = await import('zod');
    // --dir always has commander's default; --port-base is a number from parsePort.
    return z.object({ dir: z.string(), portBase: z.number().int().optional(), reset: z.boolean().default(false) });
  },
  async run(ctx, _args, options) {
    const dir = path.resolve(ctx.cwd, options.dir);
    const portBase = options.portBase;
    const { startSandbox, DEFAULT_CLUSTERS } = await import('../../sandbox/index.js');
    if (portBase !== undefined && portBase + DEFAULT_CLUSTERS.length > 65535) {
      throw new UsageError(`--port-base ${portBase}: the sandbox needs ${DEFAULT_CLUSTERS.length + 1} ports from there, beyond 65535`);
    }
    let sandbox;
    try {
      sandbox = await startSandbox({ dir, portBase, reset: options.reset });
    } catch (error) {
      // A damaged state file says which file and what to do.
      if (error instanceof StmsError) throw error;
      const { code, syscall } = error as NodeJS.ErrnoException;
      if (syscall === 'listen' && (code === 'EADDRINUSE' || code === 'EACCES')) {
        throw new UsageError(`cannot listen on 127.0.0.1: ${(error as Error).message}`, { hint: 'Choose another --port-base, or leave it out to use free ports.' });
      }
      if (code !== undefined && FOLDER_ERRORS.has(code)) {
        throw new StmsError('LOCAL_STATE', `--dir ${dir}: cannot keep the sandbox state there: ${(error as Error).message}`, {
          hint: 'Point --dir at a folder you can write to (it is created when missing), not at a file.',
        });
      }
      throw new StmsError('INTERNAL', `the sandbox did not start: ${(error as Error).message}`, { cause: error });
    }
    const clusters = Object.fromEntries(Object.values(sandbox.clusters).map((c) => [c.name, { url: c.url }]));
    ctx.out.document({ ok: true, config: sandbox.configFile, clusters, cmdb: { url: sandbox.cmdbUrl } }, { compact: true });
    ctx.out.table(
      ['cluster', 'url', 'role'],
      DEFAULT_CLUSTERS.map((spec) => [spec.name, sandbox.clusters[spec.name]?.url ?? '', `${spec.role}${spec.whetherManager ? ', manager' : ''}`]).concat([['CMDB', sandbox.cmdbUrl, '']]),
    );
    ctx.out.line(`config: ${sandbox.configFile}`);
    // `stms demo` runs a sandbox of its own: point at the commands that use this one.
    ctx.out.info(`Sandbox state in ${sandbox.dir}. Use it with -c, e.g. \`stms -c ${sandbox.configFile} release <package> --clusters GZ_UAT,TJ_UAT\` (register the app in ${sandbox.cmdbFile} first); Ctrl-C stops it.`);

    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) return resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await sandbox.close();
    ctx.out.info('sandbox stopped');
    return { document: {} };
  },
});

/** File-system failures on the state folder: the user's --dir, not a bug. */
const FOLDER_ERRORS = new Set(['EEXIST', 'ENOTDIR', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC']);

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError('a port number from 1 to 65535');
  return n;
}
