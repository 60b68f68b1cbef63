import { main } from '../../src/cli/main.js';

/**
 * Runs one stms command through the real entry and reports, on stderr, the process's peak resident
 * memory (getrusage maxRSS) as `maxRSS <bytes>` and its CPU time as `cpu <seconds>`: the targets
 * are about the whole CLI.
 */
const code = await main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: new AbortController().signal,
});
const usage = process.resourceUsage();
process.stderr.write(`\nmaxRSS ${usage.maxRSS * 1024}\ncpu ${(usage.userCPUTime + usage.systemCPUTime) / 1e6}\n`);
process.exitCode = code;
setTimeout(() => process.exit(code), 100).unref();
