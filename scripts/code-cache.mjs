// Makes dist/bundle/stms.cache, V8's code cache of the CLI bundle, at `npm run build` (after
// scripts/bundle.mjs): the bundle is loaded as bin/stms.js loads it, runs the commands of a
// release engineer's day against a sandbox on 127.0.0.1, and the cache then holds the compiled
// code of everything they ran. A command later run from it starts without parsing the bundle or
// compiling those functions again. The sandbox here is tsc's unbundled build (dist/sandbox), not
// the bundle's copy, so the server's code stays out of the cache.
//
// A step that fails is a defect of the CLI (the demo runs the same steps), so the build fails
// with its output; without a cache file the CLI still runs, compiling at every start.
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setMaxListeners } from 'node:events';
import { Writable } from 'node:stream';
import { BUNDLE_FILE, CACHE_FILE, cacheFileBytes, loadBundle } from '../bin/bundle-loader.js';
import { prepareDemo } from '../dist/demo/workspace.js';
import { DEMO_JOBS, demoSteps } from '../dist/demo/steps.js';

const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-code-cache-'));
const output = [];
const sink = () => new Writable({ write: (chunk, _encoding, done) => (output.push(String(chunk)), done()) });
try {
  const workspace = await prepareDemo(dir, DEMO_JOBS);
  try {
    const { exports, script } = loadBundle({ useCache: false });
    // The machine's STMS_* settings (a change id, a clock) are not the demo's.
    const env = { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('STMS_'))), NO_COLOR: '1' };
    const signal = new AbortController().signal;
    // As bin/stms.js: every request of a run listens to the one signal.
    setMaxListeners(0, signal);
    // The demo's steps: validate, pack, plan, release, check, launch, status, upgrade, rollback,
    // history, stop. Each must go as it goes for a person: a failed step would leave its
    // command's later code out of the cache.
    for (const step of [{ argv: ['validate', `packages/${DEMO_JOBS[0].job}`] }, ...demoSteps(DEMO_JOBS)]) {
      const argv = [...step.argv, '-c', workspace.configFile, '--no-color'];
      const status = await exports.main({ argv, cwd: dir, env, stdout: sink(), stderr: sink(), signal });
      if (status !== 0) throw new Error(`stms ${step.argv.join(' ')} exited ${status}:\n${output.join('').slice(-2000)}`);
    }
    const file = `${CACHE_FILE}.${process.pid}.tmp`;
    await writeFile(file, cacheFileBytes(readFileSync(BUNDLE_FILE), script.createCachedData()));
    await rename(file, CACHE_FILE);
  } finally {
    await workspace.sandbox.close();
  }
} catch (error) {
  process.stderr.write(`code-cache: no code cache made: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
