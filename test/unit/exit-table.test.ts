import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exitCodesHelp } from '../../src/cli/exit-help.js';
import { ERROR_CODES, SEVERITY, exitStatusOf, exitTable, mostSevere, severityText, type ErrorCode } from '../../src/errors.js';

const README = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../README.md');

/** The rows of the README's exit-code table, as written. */
async function readmeRows(): Promise<string[]> {
  const lines = (await readFile(README, 'utf8')).split('\n');
  const header = lines.indexOf('| exit | code | meaning |');
  expect(header).toBeGreaterThan(-1);
  const rows: string[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows;
}

describe('the exit-code table', () => {
  it('the README table is the table of src/errors.ts, row for row', async () => {
    const rows = exitTable().map((r) => `| ${r.exit} | ${r.codes.join(', ')} | ${r.meaning} |`);
    expect(await readmeRows()).toEqual(rows);
    expect(await readFile(README, 'utf8')).toContain(severityText());
  });

  it('has the decided statuses: a rejected token 2, local state 9, a stale plan 10, plan changes 11', () => {
    const statuses: Array<[ErrorCode | undefined, number]> = [
      [undefined, 0],
      ['AUTH', 2],
      ['CMDB', 4],
      ['CONSISTENCY', 6],
      ['LOCAL_STATE', 9],
      ['PLAN_STALE', 10],
      ['PLAN_CHANGES', 11],
      ['INTERRUPTED', 130],
    ];
    for (const [code, status] of statuses) expect([code, exitStatusOf(code)]).toEqual([code, status]);
  });

  it('orders every code exactly once for several failures at once', () => {
    expect([...SEVERITY].sort()).toEqual(Object.keys(ERROR_CODES).sort());
    expect(mostSevere(['CONSISTENCY', 'CMDB'])).toBe('CMDB');
    expect(mostSevere(['REMOTE', 'AUTH', 'LAUNCH'])).toBe('AUTH');
    expect(mostSevere([])).toBeUndefined();
  });

  it('stms --help shows every row and the rule for several failures', () => {
    const help = exitCodesHelp();
    for (const row of exitTable()) expect(help).toContain(`${String(row.exit).padEnd(4)}${row.codes.length > 0 ? `${row.codes.join(', ')}: ` : ''}${row.meaning}`);
    expect(help.replace(/\s+/g, ' ')).toContain(severityText());
  });
});
