// Bundles what `tsc` built into dist/bundle/: stms.cjs (the CLI bin/stms.js runs, through
// src/cli/bundle-loader.ts and V8's code cache) and md5-worker.js (the md5 thread's body, found
// beside whichever file starts it). Run by `npm run build` after tsc.
//
// Why a bundle: a release spends most of its fixed start-up in Node's ES module loader (~260
// modules, each resolved, read and linked one after another), time in which no byte goes out. One
// file cuts a release's start by ~0.1-0.2 s of CPU (bench/README.md), and a release is timed against
// curl, which starts at once. Lazy `import()`s are inlined: a module is still evaluated only when
// its command needs it, but read with the rest.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Nothing left over from an earlier build (a file renamed since) is shipped.
await rm(path.join(root, 'dist', 'bundle'), { recursive: true, force: true });
const common = {
  absWorkingDir: root,
  // Two levels below the package root, as dist/init/ is: templates/ is found the same way.
  outdir: 'dist/bundle',
  bundle: true,
  platform: 'node',
  target: 'node20.18',
  legalComments: 'none',
  logLevel: 'warning',
};
await build({
  ...common,
  entryPoints: { stms: 'dist/cli/main.js' },
  // CommonJS, the one format Node 20 can run from V8's code cache (vm.Script): the loader hands it
  // require and __filename, and import.meta.url is made of the latter.
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  define: { 'import.meta.url': 'stmsBundleUrl' },
  // Run from the code cache, the script cannot import() on Node 20 (src/util/module-import.ts):
  // import() of Node's own modules becomes require(); a user's config is imported by the loader.
  supported: { 'dynamic-import': false },
  banner: { js: "var stmsBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // cosmiconfig loads TypeScript only for a stms.config.ts, from the project's own node_modules.
  external: ['typescript'],
});
await build({
  ...common,
  entryPoints: { 'md5-worker': 'dist/package/md5-worker.js' },
  format: 'esm',
});
