#!/usr/bin/env node
// The only place that exits: main() returns an exit code, Ctrl-C aborts the work in flight.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // The one answer that must be instant: load nothing but the version.
  const { VERSION } = await import('../dist/cli/version.js');
  // `stms --version | true`: a reader that has gone is not an error.
  process.stdout.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
  process.stdout.write(`${VERSION}\n`);
} else {
  await run();
}

async function run() {
  const { loadBundle } = await import('./bundle-loader.js');
  const { main } = loadBundle().exports;
  const { setMaxListeners } = await import('node:events');
  const controller = new AbortController();
  // Every request and wait of a run listens to this one signal (a batch: hundreds at once); the
  // listeners go with their requests, so Node's leak warning at 10 would only be noise.
  setMaxListeners(0, controller.signal);
  let signals = 0;
  // The reason tells main which signal it was: SIGTERM (a CI runner cancelling a step) exits 143
  // and says "terminated", Ctrl-C exits 130, as shells report them.
  const onSignal = (name) => {
    signals += 1;
    // A second signal means "now": the journal was already written on the first.
    if (signals > 1) process.exit(name === 'SIGTERM' ? 143 : 130);
    controller.abort(name);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const code = await main({ argv, cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr, signal: controller.signal });
  process.exitCode = code;
  // Undici keep-alive sockets or a sandbox left listening must not keep a finished CLI alive.
  setTimeout(() => process.exit(code), 200).unref();
}
