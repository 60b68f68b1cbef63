import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sqlFiles, tempDir, writeConfig, writeZipPackage } from '../support/packages.js';
import { runStms, STMS_BIN } from '../support/run-stms.js';

const ROOT = path.resolve(path.dirname(STMS_BIN), '..');

/**
 * Runs stms with a module hook that writes down every file module loaded, by any thread, and
 * returns those paths relative to the package root (the bundle itself is run by the loader, not
 * imported).
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
  const run = await runStms(args, { cwd, env: { NODE_OPTIONS: `--import ${pathToFileURL(register).href}`, LOADS_FILE: loads, XDG_CACHE_HOME: path.join(cwd, 'cache') } });
  const urls = (await readFile(loads, 'utf8')).split('\n').filter(Boolean);
  return { exitCode: run.exitCode, modules: [...new Set(urls.map((url) => path.relative(ROOT, new URL(url).pathname)))].filter((m) => !m.startsWith('..')).sort() };
}

async function packageDir(): Promise<string> {
  const dir = await tempDir('stms-bundle-');
  await writeConfig(dir);
  await writeZipPackage(path.join(dir, 'p1-j1.zip'), sqlFiles());
  return dir;
}

/** The code cache files in `dir`/stms, with their inode and mtime (a rewrite changes both). */
async function cacheFiles(dir: string): Promise<Array<{ name: string; ino: number; mtimeMs: number }>> {
  const folder = path.join(dir, 'stms');
  const names = (await readdir(folder)).filter((n) => n.endsWith('.v8'));
  return Promise.all(names.map(async (name) => ({ name, ...(({ ino, mtimeMs }) => ({ ino, mtimeMs }))(await stat(path.join(folder, name))) })));
}

describe('the built CLI is one bundled file', () => {
  it('validate of a zip loads bin/stms.js, the loader and the md5 thread beside the bundle, and nothing else of ours', async () => {
    const dir = await packageDir();
    const { exitCode, modules } = await modulesLoaded(['validate', 'p1-j1.zip', '-q'], dir);
    expect(exitCode).toBe(0);
    // The md5 thread found its body: a missing one would fall back to hashing on the main thread.
    expect(modules).toEqual(['bin/stms.js', 'dist/bundle/md5-worker.js', 'dist/cli/bundle-loader.js', 'dist/util/module-import.js']);
  });

  it('--version loads only the version module', async () => {
    const dir = await tempDir('stms-bundle-');
    const { exitCode, modules } = await modulesLoaded(['--version'], dir);
    expect(exitCode).toBe(0);
    expect(modules).toEqual(['bin/stms.js', 'dist/cli/version.js']);
  });
});

describe("the bundle's code cache", () => {
  it('is written by the first run and used as it is by the next', async () => {
    const dir = await packageDir();
    const cache = path.join(dir, 'cache');
    const env = { XDG_CACHE_HOME: cache };
    expect((await runStms(['validate', 'p1-j1.zip', '-q'], { cwd: dir, env })).exitCode).toBe(0);
    const first = await cacheFiles(cache);
    expect(first).toHaveLength(1);
    expect(first[0]?.name).toMatch(/^stms-[0-9a-f]{32}\.v8$/);
    expect((await runStms(['validate', 'p1-j1.zip', '-q'], { cwd: dir, env })).exitCode).toBe(0);
    // Not written again: V8 took it (a cache it refused would be replaced).
    expect(await cacheFiles(cache)).toEqual(first);
  });

  it('a JavaScript config is imported when the bundle runs from the cache too', async () => {
    const dir = await packageDir();
    const env = { XDG_CACHE_HOME: path.join(dir, 'cache') };
    await writeFile(path.join(dir, 'stms.config.mjs'), `export default ${await readFile(path.join(dir, 'stms.config.json'), 'utf8')};\n`);
    await writeFile(path.join(dir, 'stms.config.json.off'), await readFile(path.join(dir, 'stms.config.json')));
    await rm(path.join(dir, 'stms.config.json'));
    for (const run of ['without a cache', 'from the cache']) {
      const result = await runStms(['validate', 'p1-j1.zip', '--json', '--clusters', 'GZ_UAT'], { cwd: dir, env });
      expect({ run, exitCode: result.exitCode, ok: result.json?.ok }).toEqual({ run, exitCode: 0, ok: true });
    }
    expect(await cacheFiles(path.join(dir, 'cache'))).toHaveLength(1);
  });

  it('a damaged cache is refused and replaced; the command runs as ever', async () => {
    const dir = await packageDir();
    const cache = path.join(dir, 'cache');
    const env = { XDG_CACHE_HOME: cache };
    expect((await runStms(['validate', 'p1-j1.zip', '-q'], { cwd: dir, env })).exitCode).toBe(0);
    const [written] = await cacheFiles(cache);
    const file = path.join(cache, 'stms', written?.name as string);
    const damaged = Buffer.alloc((await readFile(file)).length, 7);
    await writeFile(file, damaged);
    const run = await runStms(['validate', 'p1-j1.zip', '--json'], { cwd: dir, env });
    expect(run.exitCode).toBe(0);
    expect(run.json).toMatchObject({ ok: true });
    expect((await readFile(file)).equals(damaged)).toBe(false);
    // The new one is good: the next run takes it.
    const replaced = await cacheFiles(cache);
    expect((await runStms(['validate', 'p1-j1.zip', '-q'], { cwd: dir, env })).exitCode).toBe(0);
    expect(await cacheFiles(cache)).toEqual(replaced);
  });

  it('a cache folder that cannot be written only costs the cache', async () => {
    const dir = await packageDir();
    // A file where the folder would be.
    await writeFile(path.join(dir, 'not-a-folder'), 'x');
    const run = await runStms(['validate', 'p1-j1.zip', '--json'], { cwd: dir, env: { XDG_CACHE_HOME: path.join(dir, 'not-a-folder') } });
    expect(run.exitCode).toBe(0);
    expect(run.json).toMatchObject({ ok: true });
    expect(run.stderr).toBe('');
  });
});
