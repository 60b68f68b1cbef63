// Bundles what `tsc` built into dist/bundle/: stms.js (the CLI bin/stms.js runs) and
// md5-worker.js (the md5 thread's body, found beside whichever file starts it). Run by
// `npm run build` after tsc.
//
// Why a bundle: a release spends most of its fixed start-up in Node's ES module loader (~260
// modules, each resolved, read and linked one after another), time in which no byte goes out. One
// file cuts a release's start by ~0.15 s of CPU (bench/README.md), and a release is timed against
// curl, which starts at once. Lazy `import()`s are inlined: a module is still evaluated only when
// its command needs it, but read with the rest.
//
// Not run from V8's code cache (vm.Script with cachedData, as CommonJS): that saved another ~0.1 s
// of CPU but raised a 512 MiB release's peak RSS from ~84 to ~95 MB, against a 100 MB budget.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Nothing left over from an earlier build (a file renamed since) is shipped.
await rm(path.join(root, 'dist', 'bundle'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { stms: 'dist/cli/main.js', 'md5-worker': 'dist/package/md5-worker.js' },
  // Two levels below the package root, as dist/init/ is: templates/ is found the same way.
  outdir: 'dist/bundle',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.18',
  // cosmiconfig loads TypeScript only for a stms.config.ts, from the project's own node_modules.
  external: ['typescript'],
  // The CommonJS packages bundled (commander, yauzl, busboy, js-yaml) call require() for Node's
  // own modules; an ES module has none, so the bundle makes one.
  banner: { js: "import { createRequire as stmsCreateRequire } from 'node:module'; const require = stmsCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
