import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/cli/commands/index.js';
import { ERROR_CODES } from '../../src/errors.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

describe('the documentation travels with the code', () => {
  it('no source file, doc or the README points outside the repository or at how work was organised', () => {
    const outside = /\.\.\/shared|PRODUCT\.md|streamis-api\.md|STYLE\.md|\bissue \d+\b/;
    const offenders = [...files(path.join(root, 'src')), ...files(path.join(root, 'docs')), path.join(root, 'README.md')].filter((file) => outside.test(readFileSync(file, 'utf8')));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });

  it('has a page for every command', () => {
    for (const name of COMMAND_NAMES) expect(readFileSync(path.join(root, 'docs', 'commands', `${name}.md`), 'utf8')).toContain(`# stms ${name}`);
  });

  it('lists every exit code of the one table', () => {
    const page = readFileSync(path.join(root, 'docs', 'exit-codes.md'), 'utf8');
    for (const [code, { exit }] of Object.entries(ERROR_CODES)) expect(page).toContain(`| ${exit} | \`${code}\` |`);
  });
});
