/**
 * Names from a package (zip entries, files) can hold any character, and a terminal acts on some of
 * them: ESC starts sequences that move the cursor, clear the screen or set the window title (OSC),
 * NUL and BEL are invisible, bidi overrides reorder what is read. Every line stms prints shows
 * them as `\xNN` / `\uNNNN` text instead. Colour codes (SGR, `ESC [ … m`) pass, as stms writes
 * them itself; a name that holds one can at worst change a colour.
 */
const UNSAFE = /\x1b\[[0-9;]*m|[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (match) => (match.length > 1 ? match : codeOf(match)));
}

/** A name shown inside a line: line breaks and tabs are escaped too, so it cannot fake a line. */
export function escapeName(text: string): string {
  return escapeControl(text).replace(/[\n\t]/g, codeOf);
}

function codeOf(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
