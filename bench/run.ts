import { benchHashValidate } from './hash-validate.js';
import { benchLaunch } from './launch.js';
import { benchFleet } from './fleet.js';
import { benchJournalFolder } from './journal-folder.js';
import { benchRelease } from './release.js';
import type { BenchResult } from './measure.js';
import { textTable, writeReadmeTable } from './readme-table.js';
import { benchVersion } from './version.js';
import { readCpuTicks, stealShare } from './host-steal.js';

/**
 * `npm run bench`: the performance targets, each as a ratio against a baseline measured in the
 * same run (bench/README.md says how each is taken). BENCH_SCALE (default 1) shrinks the sizes for
 * a quick look, e.g. BENCH_SCALE=0.25. BENCH_ONLY=name,name runs a subset. A full run (every
 * bench, scale 1) writes its table into README.md. Exits 1 when a target is missed.
 */
const scale = Number(process.env.BENCH_SCALE ?? '1');
const only = new Set((process.env.BENCH_ONLY ?? '').split(',').filter(Boolean));
const GiB = 2 ** 30;

const benches: Array<[string, () => Promise<BenchResult | BenchResult[]>]> = [
  ['version', benchVersion],
  // Just under 1 GiB, as the biggest packages clusters take.
  ['hash', () => benchHashValidate(Math.round((GiB - 2 ** 20) * scale))],
  ['release', () => benchRelease(Math.round((GiB / 2) * scale), scale)],
  ['journals', benchJournalFolder],
  ['fleet', () => benchFleet(Math.max(20, Math.round(300 * scale)), Math.max(5, Math.round(20 * scale)))],
  ['launch', () => benchLaunch(Math.max(20, Math.round(600 * scale)), Math.max(5, Math.round(40 * scale)))],
];

const results: BenchResult[] = [];
const ticksBefore = await readCpuTicks();
for (const [key, bench] of benches) {
  if (only.size > 0 && !only.has(key)) continue;
  process.stderr.write(`running ${key}…\n`);
  results.push(...[await bench()].flat());
}

const steal = stealShare(ticksBefore, await readCpuTicks());
process.stdout.write(textTable(results));
if (steal !== undefined) process.stdout.write(`host CPU steal during the run: ${(steal * 100).toFixed(0)}% of all CPU time\n`);
if (only.size === 0 && scale === 1) process.stderr.write(`table written to ${await writeReadmeTable(results, new Date(), steal)}\n`);
process.exitCode = results.every((r) => r.info || r.pass) ? 0 : 1;
