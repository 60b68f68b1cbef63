// Rewrites the `stms <command> --help` block of every docs/commands/<command>.md from the built
// binary, so the pages never drift from the options (test/e2e/docs-help.test.ts checks they match).
// Run after `npm run build`: npm run docs:help
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const docs = path.join(root, 'docs', 'commands');
let changed = 0;
for (const page of readdirSync(docs).filter((name) => name.endsWith('.md'))) {
  const command = page.slice(0, -'.md'.length);
  const help = execFileSync(process.execPath, [path.join(root, 'bin', 'stms.js'), command, '--help'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COLUMNS: '200' } }).trimEnd();
  const file = path.join(docs, page);
  const text = readFileSync(file, 'utf8');
  const block = /```\nUsage: stms [^\n]*\n[\s\S]*?\n```/;
  if (!block.test(text)) throw new Error(`${file}: no \`\`\` block starting with "Usage: stms" to replace`);
  const next = text.replace(block, () => `\`\`\`\n${help}\n\`\`\``);
  if (next !== text) {
    writeFileSync(file, next);
    changed++;
    console.log(`updated ${path.relative(root, file)}`);
  }
}
console.log(changed === 0 ? 'every page already shows its --help' : `${changed} page(s) updated`);
