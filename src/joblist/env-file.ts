import type { LineProblem } from './job-list.js';

/**
 * `streamis-env.sh` / `user-env.sh` of a job-list folder, READ, never executed (docs/concepts.md
 * "Configuration"). Understood: `KEY=VALUE` and `export KEY=VALUE`, 'single' quotes (literal),
 * "double" quotes (with \" \\ \$ \` escapes, as in sh), unquoted values with a trailing ` # comment`,
 * blank lines and comments. Values are taken literally: `$VAR` and `${VAR}` are NOT expanded
 * (there is no shell to expand them) and a warning says so. Everything else — commands,
 * functions, `source x`, command substitution, multi-line quotes — is warned about and ignored.
 */

export interface EnvFile {
  vars: Record<string, string>;
  warnings: LineProblem[];
}

const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;
/** Characters that make an unquoted sh word do more than assign a value. */
const SHELL_SYNTAX = /[\s;&|<>()`]|\$\(/;
const DOLLAR = /\$[A-Za-z_{]/;

/** `dollar`: the value holds an unescaped `$NAME` / `${NAME}` that sh would have expanded. */
type Value = { value: string; dollar: boolean } | { ignore: string };

export function parseEnvFile(text: string, fileName: string): EnvFile {
  const vars: Record<string, string> = {};
  const warnings: LineProblem[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = index + 1;
      const warn = (what: string) => warnings.push({ line, message: `${fileName}:${line}: ${what}` });
      const content = raw.trim();
      if (content === '' || content.startsWith('#')) return;
      const match = ASSIGNMENT.exec(content);
      // Messages name the key or the first word, never a value: env files hold tokens.
      if (!match) return warn(`"${firstWord(content)}…" is not a KEY=VALUE line, ignored (env files are read, never executed)`);
      const [, key = '', rest = ''] = match;
      const parsed = parseValue(rest);
      if ('ignore' in parsed) return warn(`${key}: ${parsed.ignore}, line ignored`);
      if (parsed.dollar) warn(`${key}: $ references are not expanded; the value is kept literally`);
      vars[key] = parsed.value;
    });
  return { vars, warnings };
}

function parseValue(rest: string): Value {
  if (rest.startsWith("'")) {
    const end = rest.indexOf("'", 1);
    if (end < 0) return { ignore: 'unterminated single quote (multi-line values are not supported)' };
    return afterQuote(rest.slice(1, end), rest.slice(end + 1), false);
  }
  if (rest.startsWith('"')) return doubleQuoted(rest);
  const value = rest.replace(/\s+#.*$/, '').trimEnd();
  if (value.includes('`') || value.includes('$(')) return { ignore: 'command substitution is never run' };
  if (SHELL_SYNTAX.test(value)) return { ignore: 'unquoted value with spaces or shell syntax (quote it if it is one value)' };
  if (/["'\\]/.test(value)) return { ignore: 'quotes or backslashes inside an unquoted value (quote the whole value)' };
  return { value, dollar: DOLLAR.test(value) };
}

function doubleQuoted(rest: string): Value {
  let value = '';
  for (let i = 1; i < rest.length; i++) {
    const ch = rest[i] as string;
    if (ch === '\\' && i + 1 < rest.length && '"\\$`'.includes(rest[i + 1] as string)) {
      value += rest[i + 1];
      i++;
    } else if (ch === '"') {
      if (/\$\(|`/.test(rest.slice(1, i).replace(/\\[`$]/g, ''))) return { ignore: 'command substitution is never run' };
      return afterQuote(value, rest.slice(i + 1), DOLLAR.test(rest.slice(1, i).replace(/\\./g, '')));
    } else {
      value += ch;
    }
  }
  return { ignore: 'unterminated double quote (multi-line values are not supported)' };
}

/** After the closing quote only blanks and a comment may follow (`"a"b` is not supported). */
function afterQuote(value: string, tail: string, dollar: boolean): Value {
  if (tail.trim() === '' || /^\s+#/.test(tail)) return { value, dollar };
  return { ignore: 'unexpected text after the closing quote' };
}

function firstWord(text: string): string {
  return (/^[^\s=]{1,30}/.exec(text)?.[0] ?? text.slice(0, 30));
}
