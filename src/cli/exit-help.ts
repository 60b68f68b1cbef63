import { exitTable, severityText } from '../errors.js';

/** The exit codes in `stms --help`, written from the one table of src/errors.ts. */
export function exitCodesHelp(): string {
  const rows = exitTable().map((row) => `  ${String(row.exit).padEnd(4)}${row.codes.length > 0 ? `${row.codes.join(', ')}: ` : ''}${row.meaning}`);
  return `Exit codes:\n${rows.join('\n')}\n${wrap(severityText(), 2)}\n`;
}

function wrap(text: string, indent: number, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.map((l) => `${' '.repeat(indent)}${l}`).join('\n');
}
