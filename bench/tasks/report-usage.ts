/**
 * Loaded with `node --import` ahead of bin/stms.js, so the CLI measured is the one users run (the
 * bundle): as the process exits it reports, on stderr, its peak resident memory (getrusage
 * maxRSS) as `maxRSS <bytes>` and its CPU time as `cpu <seconds>`. The targets are about the
 * whole process.
 */
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\nmaxRSS ${usage.maxRSS * 1024}\ncpu ${(usage.userCPUTime + usage.systemCPUTime) / 1e6}\n`);
});
