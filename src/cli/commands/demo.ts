import path from 'node:path';
import { Writable } from 'node:stream';
import { InterruptedError, exitStatusOf, type ErrorCode } from '../../errors.js';
import { defineCommand } from '../command.js';

/**
 * `stms demo`: the whole flow on one machine. Starts the sandbox in this process, writes the
 * example's packages, then runs each step through the real CLI entry (the same code a person
 * runs by hand), so the demo can never show something the commands do not do.
 */
export default defineCommand({
  name: 'demo',
  summary: 'sandbox + sample package: release, check, launch, status',
  examples: ['stms demo', 'stms demo --dir /tmp/stms-demo --keep', 'stms demo --json'],
  configure(command) {
    command
      .option('--dir <dir>', 'where the sandbox state, config, packages and journals go (reset on every run)', '.stms/demo')
      .option('--keep', 'leave the sandbox running after the last step, until Ctrl-C');
  },
  async options() {
    const { z } = await import('zod');
    // --dir always has commander's default.
    return z.object({ dir: z.string(), keep: z.boolean().default(false) });
  },
  async run(ctx, _args, options) {
    const [{ prepareDemo }, { DEMO_JOBS, demoSteps }] = await Promise.all([import('../../demo/workspace.js'), import('../../demo/steps.js')]);
    const dir = path.resolve(ctx.cwd, options.dir);
    const out = ctx.out;
    out.info(`Starting the sandbox in ${dir} …`);
    const workspace = await prepareDemo(dir, DEMO_JOBS);
    for (const cluster of Object.values(workspace.sandbox.clusters)) out.addSecret(cluster.token);
    // Each step's exit status is what the person running that command by hand would see.
    const steps: Array<{ command: string; exitCode: number; code?: ErrorCode; document?: unknown }> = [];
    let failed: ErrorCode | undefined;
    try {
      for (const step of demoSteps(DEMO_JOBS)) {
        if (ctx.signal.aborted) throw new InterruptedError('demo interrupted');
        const command = `stms ${step.argv.join(' ')}`;
        out.line();
        out.line(out.c.bold(`# ${step.title}`));
        out.line(out.c.cyan(`$ ${command}`));
        // In --json mode each step's document is collected into the demo's one document.
        const captured: string[] = [];
        const stdout = ctx.global.json ? collector(captured) : process.stdout;
        const argv = [...step.argv, '-c', workspace.configFile, ...(ctx.global.json ? ['--json'] : []), ...(ctx.global.color ? [] : ['--no-color'])];
        const code = await ctx.runStms({ argv, cwd: dir, env: ctx.env, stdout, stderr: process.stderr, signal: ctx.signal });
        steps.push({ command, exitCode: exitStatusOf(code), ...(code ? { code } : {}), ...(ctx.global.json ? { document: parseDocument(captured.join('')) } : {}) });
        if (code !== undefined) {
          out.error(`the demo stopped: \`${command}\` exited ${exitStatusOf(code)} (${code})`);
          failed = code;
          break;
        }
      }
      if (failed === undefined) {
        out.line();
        out.line(out.c.green('The demo ran the whole flow.'));
        out.line(`Config: ${workspace.configFile}`);
        out.line(`Journals: ${path.join(dir, '.stms', 'releases')}`);
      }
      if (options.keep && failed === undefined) {
        out.info(`The sandbox keeps running; try \`stms -c ${workspace.configFile} status demo_project/demo_sql --clusters GZ_UAT,TJ_UAT\`. Ctrl-C stops it.`);
        await new Promise<void>((resolve) => {
          if (ctx.signal.aborted) return resolve();
          ctx.signal.addEventListener('abort', () => resolve(), { once: true });
        });
      }
    } finally {
      await workspace.sandbox.close();
    }
    return { code: failed, document: { dir, config: workspace.configFile, steps } };
  },
});

function collector(chunks: string[]): NodeJS.WritableStream {
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
}

function parseDocument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
