import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStms } from '../support/run-stms.js';

const docs = path.resolve(import.meta.dirname, '../../docs/commands');
const pages = (await readdir(docs)).filter((name) => name.endsWith('.md'));

describe('every command page shows the command\'s --help as it is', () => {
  it.each(pages)('%s', async (page) => {
    const command = page.slice(0, -'.md'.length);
    const { exitCode, stdout } = await runStms([command, '--help']);
    expect(exitCode).toBe(0);
    const text = await readFile(path.join(docs, page), 'utf8');
    // After changing an option: npm run build && npm run docs:help
    expect(text).toContain(`\`\`\`\n${stdout.trimEnd()}\n\`\`\``);
  });
});
