// Bundles what `tsc` built into dist/bundle/: stms.cjs (the CLI, which bin/stms.js runs through
// bin/bundle-loader.js) and md5-worker.js (the md5 thread's body, found beside whichever file
// starts it). Run by `npm run build` after tsc; scripts/code-cache.mjs then makes the bundle's
// code cache.
//
// Why a bundle: a release spends most of its fixed start-up in Node's ES module loader (~260
// modules, each resolved, read and linked one after another), time in which no byte goes out. One
// file cuts a release's start by ~0.15 s of CPU (bench/README.md), and a release is timed against
// curl, which starts at once. Lazy `import()`s are inlined: a module is still evaluated only when
// its command needs it, but read with the rest.
//
// Why CommonJS: run from V8's code cache, which Node 20 offers only to scripts (`vm.Script`), the
// bundle starts ~80 ms sooner. The file is written as the function bundle-loader.js calls, and
// ASCII-only, so that V8 holds its text once, one byte a character (2.6 MB, where a UTF-8 file
// with a few Chinese characters in it is held two bytes a character).
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'bundle');
// Nothing left over from an earlier build (a file renamed since, a cache of other bytes) is shipped.
await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20.18',
  legalComments: 'none',
  logLevel: 'warning',
};

const cli = await build({
  ...common,
  entryPoints: ['dist/cli/main.js'],
  format: 'cjs',
  write: false,
  outfile: path.join(outdir, 'stms.cjs'),
  // cosmiconfig loads TypeScript only for a stms.config.ts, from the project's own node_modules.
  external: ['typescript'],
  // Two levels below the package root, as dist/init/ is: templates/ and the md5 thread's file
  // are found from the bundle's own place, which the loader passes in as __filename.
  define: { 'import.meta.url': 'stmsBundleUrl' },
  banner: { js: "const stmsBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
const code = asciiOnly(cli.outputFiles[0].text);
await writeFile(path.join(outdir, 'stms.cjs'), `(function (exports, require, module, __filename, __dirname) {${code}\n})`);

await build({
  ...common,
  entryPoints: { 'md5-worker': 'dist/package/md5-worker.js' },
  outdir,
  format: 'esm',
});

/**
 * Every character outside ASCII as a \u escape. esbuild escapes strings already; what is left is
 * in comments and regular expression literals, where the escape means the same character.
 */
function asciiOnly(text) {
  if (/\\[^\x00-\x7f]/.test(text)) throw new Error('a non-ASCII character after a backslash: its \\u escape would mean something else');
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
