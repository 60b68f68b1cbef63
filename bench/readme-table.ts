import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BenchResult } from './measure.js';
import { ROOT } from './paths.js';

const BEGIN = '<!-- bench:begin (written by `npm run bench`; do not edit by hand) -->';
const END = '<!-- bench:end -->';

/** The results as text columns, for the terminal. */
export function textTable(results: readonly BenchResult[]): string {
  const rows = results.map((r) => [r.info ? 'info' : r.pass ? 'ok' : 'MISSED', r.name, r.baseline, r.measured, formatValue(r), r.target]);
  const header = ['', 'benchmark', 'baseline', 'measured', 'value', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  return [header, ...rows].map((row) => `${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()}\n`).join('');
}

/**
 * Replaces the marked section of README.md with this run's table, the machine's core count, the
 * date and the host's steal (bench/host-steal.ts), so the figures there are always ones a run printed. A partial run (BENCH_ONLY, a scale
 * other than 1) leaves the README alone: its table would mix sizes or leave rows out.
 */
export async function writeReadmeTable(results: readonly BenchResult[], when: Date, steal: number | undefined): Promise<string> {
  const file = path.join(ROOT, 'README.md');
  const text = await readFile(file, 'utf8');
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`README.md has no ${BEGIN} … ${END} section`);
  const lines = [
    BEGIN,
    `Last run ${when.toISOString().slice(0, 10)} on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}${steal === undefined ? '' : `; the host took ${(steal * 100).toFixed(0)}% of the CPU time during the run (steal)`}:`,
    '',
    '| | benchmark | baseline | stms | value | target |',
    '|---|---|---|---|---|---|',
    ...results.map((r) => `| ${r.info ? 'info' : r.pass ? 'met' : 'MISSED'} | ${r.name} | ${r.baseline} | ${r.measured} | ${formatValue(r)} | ${r.target} |`),
    END,
  ];
  await writeFile(file, text.slice(0, begin) + lines.join('\n') + text.slice(end + END.length));
  return file;
}

/** A ratio against a baseline, or an absolute figure (MB) for rows without one. */
function formatValue(result: BenchResult): string {
  return result.baseline !== '-' ? `${result.value.toFixed(2)}x` : `${result.value.toFixed(0)}`;
}
