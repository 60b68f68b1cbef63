import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
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
  it('validate of a zip loads bin/stms.js, its bundle loader and the md5 thread, and no module of dist/ besides', async () => {
    const dir = await tempDir('stms-bundle-');
    await writeConfig(dir);
    await writeZipPackage(path.join(dir, 'p1-j1.zip'), sqlFiles());
    const { exitCode, modules } = await modulesLoaded(['validate', 'p1-j1.zip', '-q'], dir);
    expect(exitCode).toBe(0);
    // The bundle itself is read as a script (no module load); the md5 thread found its body: a
    // missing one would fall back to hashing on the main thread.
    expect(modules.filter((m) => !m.startsWith('..'))).toEqual(['bin/bundle-loader.js', 'bin/stms.js', 'dist/bundle/md5-worker.js']);
  });

  it('--version loads only the version module', async () => {
    const dir = await tempDir('stms-bundle-');
    const { exitCode, modules } = await modulesLoaded(['--version'], dir);
    expect(exitCode).toBe(0);
    expect(modules.filter((m) => !m.startsWith('..'))).toEqual(['bin/stms.js', 'dist/cli/version.js']);
  });
});

interface Loaded {
  fromCache: boolean;
  rejected: boolean | undefined;
  main: string;
}

/**
 * Loads the bundle as bin/stms.js does, in a process of its own (V8 compiles a script it has
 * compiled before from memory, whatever cache it is given), and says what it took.
 */
async function loadInChild(options: { bundleFile?: string; cacheFile?: string } = {}): Promise<Loaded> {
  const loader = pathToFileURL(path.join(ROOT, 'bin', 'bundle-loader.js')).href;
  const code = `const { loadBundle } = await import(${JSON.stringify(loader)});
const loaded = loadBundle(${JSON.stringify(options)});
process.stdout.write(JSON.stringify({ fromCache: loaded.fromCache, rejected: loaded.script.cachedDataRejected, main: typeof loaded.exports.main }));`;
  const run = await execa('node', ['--input-type=module', '-e', code], { reject: false });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Loaded;
}

describe('the bundle runs from the code cache the build made', () => {
  it('is taken by this Node for the bundle it was made of', async () => {
    expect(await loadInChild()).toEqual({ fromCache: true, rejected: false, main: 'function' });
  });

  it('is not used for other bytes of the same length, which V8 alone would take', async () => {
    const dir = await tempDir('stms-bundle-');
    const bundleFile = path.join(dir, 'stms.cjs');
    const text = await readFile(path.join(ROOT, 'dist', 'bundle', 'stms.cjs'), 'latin1');
    // One character of a comment changed: the same length, other code.
    const at = text.indexOf('// ');
    await writeFile(bundleFile, `${text.slice(0, at)}//_${text.slice(at + 3)}`, 'latin1');
    const cacheFile = path.join(dir, 'stms.cache');
    await copyFile(path.join(ROOT, 'dist', 'bundle', 'stms.cache'), cacheFile);
    // Not even offered to V8 (which would take it: it checks the length of the text only).
    expect(await loadInChild({ bundleFile, cacheFile })).toEqual({ fromCache: false, main: 'function' });
  });

  it('compiles as usual without a cache, or with one cut short', async () => {
    const dir = await tempDir('stms-bundle-');
    expect(await loadInChild({ cacheFile: path.join(dir, 'none.cache') })).toEqual({ fromCache: false, main: 'function' });
    const cut = path.join(dir, 'cut.cache');
    const whole = await readFile(path.join(ROOT, 'dist', 'bundle', 'stms.cache'));
    await writeFile(cut, whole.subarray(0, whole.length >> 1));
    expect(await loadInChild({ cacheFile: cut })).toEqual({ fromCache: false, rejected: true, main: 'function' });
  });
});
