import { main } from '../../src/cli/main.js';

/**
 * Runs one stms command through the real entry and reports the process's peak resident memory
 * (getrusage maxRSS) on stderr as `maxRSS <bytes>`: the memory target is about the whole CLI.
 */
const code = await main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: new AbortController().signal,
});
process.stderr.write(`\nmaxRSS ${process.resourceUsage().maxRSS * 1024}\n`);
process.exitCode = code;
setTimeout(() => process.exit(code), 100).unref();
