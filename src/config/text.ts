/**
 * Editors on Windows save UTF-8 with a byte order mark; JSON and YAML parsers stumble on it or
 * read it into the first key. A file with one reads like a file without.
 */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
