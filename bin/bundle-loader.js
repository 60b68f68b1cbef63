// Runs the CLI bundle (dist/bundle/stms.cjs) from V8's code cache made at `npm run build`
// (scripts/code-cache.mjs), so a command does not parse 2.6 MB of JavaScript and compile the
// functions it runs before its first byte goes out. Node 20 offers no compile cache for ES
// modules, hence a CommonJS bundle run through `vm`.
//
// The bundle file is written already wrapped as a function of (exports, require, module,
// __filename, __dirname) and ASCII-only: V8 keeps it as one copy of one-byte text.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { crc32 } from 'node:zlib';

export const BUNDLE_FILE = fileURLToPath(new URL('../dist/bundle/stms.cjs', import.meta.url));
export const CACHE_FILE = fileURLToPath(new URL('../dist/bundle/stms.cache', import.meta.url));

/**
 * Compiles and runs the bundle; returns its exports (`main`) and the script (the build makes
 * the cache of it once it has run). The cache is used only when it was made for exactly these
 * bytes: V8 itself checks only their length, and rejects a cache of another Node or other flags.
 */
export function loadBundle({ bundleFile = BUNDLE_FILE, cacheFile = CACHE_FILE, useCache = true } = {}) {
  const bytes = readFileSync(bundleFile);
  const cachedData = useCache ? cacheFor(bytes, cacheFile) : undefined;
  const script = new vm.Script(bytes.toString('latin1'), {
    filename: bundleFile,
    // The bundle imports a JavaScript config through the import() lent below. Any other import()
    // (cosmiconfig's TypeScript loader) goes to Node's own loader, as from an ES module, with an
    // experimental-feature warning on Node 20: a warning rather than a failure.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundleFile), module, bundleFile, path.dirname(bundleFile));
  // A function given as importModuleDynamically needs --experimental-vm-modules on Node 20.
  module.exports.lendImporter((specifier) => import(specifier));
  return { exports: module.exports, script, fromCache: cachedData !== undefined && !script.cachedDataRejected };
}

/** The cache file: the CRC-32 of the bundle it was made for, then V8's data. */
export function cacheFileBytes(bundleBytes, v8Data) {
  const head = Buffer.alloc(4);
  head.writeUInt32LE(crc32(bundleBytes));
  return Buffer.concat([head, v8Data]);
}

function cacheFor(bundleBytes, cacheFile) {
  let file;
  try {
    file = readFileSync(cacheFile);
  } catch {
    // No cache (a build without one, or a copy of dist/ without it): compile as usual.
    return undefined;
  }
  if (file.length <= 4 || file.readUInt32LE(0) !== crc32(bundleBytes)) return undefined;
  return file.subarray(4);
}
