import { benchHashValidate } from './hash-validate.js';
import { benchLaunch } from './launch.js';
import { benchRelease } from './release.js';
import type { BenchResult } from './measure.js';
import { benchVersion } from './version.js';

/**
 * `npm run bench`: the performance targets of docs/concepts.md, each as a ratio against a baseline
 * measured in the same run. BENCH_SCALE (default 1) shrinks the sizes for a quick look, e.g.
 * BENCH_SCALE=0.1. BENCH_ONLY=name,name runs a subset. Exits 1 when a target is missed.
 */
const scale = Number(process.env.BENCH_SCALE ?? '1');
const only = new Set((process.env.BENCH_ONLY ?? '').split(',').filter(Boolean));
const GiB = 2 ** 30;

const benches: Array<[string, () => Promise<BenchResult | BenchResult[]>]> = [
  ['version', benchVersion],
  // Just under the clusters' 1024 MB upload limit, which counts the zip's own headers too.
  ['hash', () => benchHashValidate(Math.round((GiB - 2 ** 20) * scale))],
  ['release', () => benchRelease(Math.round((GiB / 2) * scale))],
  ['launch', () => benchLaunch(Math.max(20, Math.round(600 * scale)), Math.max(5, Math.round(40 * scale)))],
];

const results: BenchResult[] = [];
for (const [key, bench] of benches) {
  if (only.size > 0 && !only.has(key)) continue;
  process.stderr.write(`running ${key}…\n`);
  results.push(...[await bench()].flat());
}

const rows = results.map((r) => [r.pass ? 'ok' : 'MISSED', r.name, r.baseline, r.measured, formatValue(r), r.target]);
const header = ['', 'benchmark', 'baseline', 'measured', 'value', 'target'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
for (const row of [header, ...rows]) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()}\n`);
process.exitCode = results.every((r) => r.pass) ? 0 : 1;

function formatValue(result: BenchResult): string {
  return result.target.includes('x') ? `${result.value.toFixed(2)}x` : `${result.value.toFixed(0)}`;
}
