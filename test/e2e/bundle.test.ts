import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sqlFiles, tempDir, writeConfig, writeZipPackage } from '../support/packages.js';
import { runStms, STMS_BIN } from '../support/run-stms.js';

const ROOT = path.resolve(path.dirname(STMS_BIN), '..');

/**
 * Runs stms with a module hook that writes down every file module loaded, by any thread, and
 * returns those paths relative to the package root.
 */
async function modulesLoaded(args: string[], cwd: string): Promise<{ exitCode: number; modules: string[] }> {
  const hooks = path.join(cwd, 'hooks.mjs');
  const register = path.join(cwd, 'register.mjs');
  const loads = path.join(cwd, 'loads.txt');
  await writeFile(
    hooks,
    "import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  if (url.startsWith('file:')) appendFileSync(process.env.LOADS_FILE, url + '\\n');\n  return next(url, context);\n}\n",
  );
  await writeFile(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  await writeFile(loads, '');
  const run = await runStms(args, { cwd, env: { NODE_OPTIONS: `--import ${pathToFileURL(register).href}`, LOADS_FILE: loads } });
  const urls = (await readFile(loads, 'utf8')).split('\n').filter(Boolean);
  return { exitCode: run.exitCode, modules: [...new Set(urls.map((url) => path.relative(ROOT, new URL(url).pathname)))].sort() };
}

describe('the built CLI is one bundled file', () => {
  it('validate of a zip loads bin/stms.js, the bundle and the md5 thread beside it, and nothing else of ours', async () => {
    const dir = await tempDir('stms-bundle-');
    await writeConfig(dir);
    await writeZipPackage(path.join(dir, 'p1-j1.zip'), sqlFiles());
    const { exitCode, modules } = await modulesLoaded(['validate', 'p1-j1.zip', '-q'], dir);
    expect(exitCode).toBe(0);
    // The md5 thread found its body: a missing one would fall back to hashing on the main thread.
    expect(modules.filter((m) => !m.startsWith('..'))).toEqual(['bin/stms.js', 'dist/bundle/md5-worker.js', 'dist/bundle/stms.js']);
  });

  it('--version loads only the version module', async () => {
    const dir = await tempDir('stms-bundle-');
    const { exitCode, modules } = await modulesLoaded(['--version'], dir);
    expect(exitCode).toBe(0);
    expect(modules.filter((m) => !m.startsWith('..'))).toEqual(['bin/stms.js', 'dist/cli/version.js']);
  });
});
