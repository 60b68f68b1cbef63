/**
 * Quotes a word for a POSIX shell only when it needs it, so the usual case stays readable and a
 * printed command (`cd dir`, the `--resume` command of a partial release) works when pasted.
 */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
