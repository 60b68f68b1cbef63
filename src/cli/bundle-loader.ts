import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { lendImporter } from '../util/module-import.js';

/**
 * Runs the bundled CLI (dist/bundle/stms.cjs) with V8's code cache, as Node 22 can do by itself
 * but Node 20 cannot: a command's start otherwise spends ~80 ms of CPU compiling the bundle's
 * 2.6 MB again, on every run. The cache is the bytecode V8 made the first time, kept per user in
 * `$XDG_CACHE_HOME/stms` (else `~/.cache/stms`), named after a hash of the bundle and the Node
 * version: V8 itself checks only the source's length, so a rebuilt bundle of the same length must
 * never find the old bytecode. No cache (unwritable home, damaged file) only means a slower start.
 */
export interface LoadedBundle<T> {
  exports: T;
  /** Keeps the bytecode compiled so far for the next run, when this run had none to use. */
  keepCache(): void;
}

type CommonJsWrapper = (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;

export function loadBundle<T>(file: string, env: NodeJS.ProcessEnv = process.env): LoadedBundle<T> {
  // One line, so the bundle's line numbers in stack traces stay its own.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
  const dir = cacheDir(env);
  const name = `stms-${createHash('sha256').update(process.version).update(process.arch).update(source).digest('hex').slice(0, 32)}.v8`;
  const cached = dir === undefined ? undefined : readIfThere(path.join(dir, name));
  const script = new vm.Script(source, {
    filename: file,
    ...(cached ? { cachedData: cached } : {}),
  });
  // A user's JavaScript config is imported by this module on the bundle's behalf.
  lendImporter((url) => import(url));
  const module = { exports: {} as unknown };
  (script.runInThisContext() as CommonJsWrapper)(module.exports, createRequire(file), module, file, path.dirname(file));
  const used = cached !== undefined && !script.cachedDataRejected;
  return {
    exports: module.exports as T,
    keepCache() {
      if (used || dir === undefined) return;
      try {
        writeCache(dir, name, script.createCachedData());
      } catch {
        // A read-only home or a full disk: the next run compiles again.
      }
    },
  };
}

function cacheDir(env: NodeJS.ProcessEnv): string | undefined {
  const base = env.XDG_CACHE_HOME || (os.homedir() ? path.join(os.homedir(), '.cache') : undefined);
  return base === undefined ? undefined : path.join(base, 'stms');
}

function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Beside it first, then renamed: runs at once never read half a file. Older bundles' caches go. */
function writeCache(dir: string, name: string, data: Buffer): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${name}.${process.pid}.tmp`);
  writeFileSync(temp, data, { mode: 0o600 });
  renameSync(temp, path.join(dir, name));
  for (const other of readdirSync(dir)) {
    if (other !== name && /^stms-[0-9a-f]+\.v8$/.test(other)) rmSync(path.join(dir, other), { force: true });
  }
}
