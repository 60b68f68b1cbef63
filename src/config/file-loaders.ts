import { realpath } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { Loader, Loaders } from 'cosmiconfig';
import yaml from 'js-yaml';
import { ConfigError } from '../errors.js';
import { JsonSyntaxError, parseStrictJson } from '../meta/json-parser.js';
import { assertExpandedSize } from './expansion-limit.js';
import { withoutBom } from './text.js';
import { importModule } from '../util/module-import.js';

/**
 * cosmiconfig's loaders, replaced for the text formats: theirs put a code frame of the file into
 * the error message, and the lines around a syntax error are often `tokenCode: <the token>`. Ours
 * say the file, line, column and what is wrong, never a line of the file. A config that fails to
 * load is a ConfigError (exit 2) naming the file, whatever its format.
 */

const HINT = 'Fix the syntax of the file, or point -c/--config at another file.';

function syntaxError(file: string, format: string, where: { line: number; column: number } | undefined, reason: string, hint = HINT): ConfigError {
  const at = where ? ` at line ${where.line}, column ${where.column}` : '';
  return new ConfigError(`${file}: cannot be read: not valid ${format}${at}: ${reason}`, { hint });
}

/** Config errors name fields as `clusters.GZ_UAT.tokenCode`, as zod issues are named. */
function dotPath(pointer: string): string {
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function describeAt(where: { line: number; column: number }): string {
  return `line ${where.line}, column ${where.column}`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

export const loadJsonConfig: Loader = (file, rawContent) => {
  const content = withoutBom(rawContent);
  try {
    const parsed = parseStrictJson(content);
    const trailing = content.slice(parsed.end).search(/\S/);
    if (trailing !== -1) throw new JsonSyntaxError('content after the end of the JSON value', parsed.end + trailing, undefined);
    const duplicate = parsed.duplicates[0];
    if (duplicate) {
      // JSON.parse keeps the last of two equal keys silently; a config where a token or url is
      // given twice must say which one it is rather than guess.
      throw new ConfigError(`${file}: ${dotPath(duplicate.pointer)}: the key appears twice (${describeAt(lineAndColumn(content, duplicate.offset))})`, {
        hint: 'Keep one of the two; JSON objects take each key once.',
      });
    }
    return parsed.value;
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw syntaxError(file, 'JSON', lineAndColumn(content, error.offset), error.message);
  }
};

export const loadYamlConfig: Loader = (file, content) => parseYamlFile(file, content);

/** YAML (or JSON, which YAML reads too) of a config or vars file; a syntax error names the place only. */
export function parseYamlFile(file: string, content: string, hint = HINT): unknown {
  try {
    const value = yaml.load(withoutBom(content));
    assertExpandedSize(file, value);
    return value;
  } catch (error) {
    if (!(error instanceof yaml.YAMLException)) throw error;
    // `reason` is the bare message; `message` adds a snippet of the file.
    const mark = error.mark as { line?: number; column?: number } | undefined;
    const where = typeof mark?.line === 'number' ? { line: mark.line + 1, column: (mark.column ?? 0) + 1 } : undefined;
    throw syntaxError(file, 'YAML', where, error.reason || 'syntax error', hint);
  }
}

/**
 * A JavaScript config, ES module or CommonJS (whose `module.exports` import() gives as the
 * default). Not cosmiconfig's loader: it falls back to require() through import-fresh when
 * import() fails, which then reports a confusing Node error instead of the syntax error (and
 * which needs a CommonJS module of its own, which the bundled CLI is not); this reports the first.
 */
export const loadModuleConfig: Loader = async (file) => {
  try {
    const module = (await importModule(pathToFileURL(await realpath(file)).href)) as { default?: unknown };
    return module.default ?? null;
  } catch (error) {
    throw moduleError(file, error);
  }
};

/** The message and, when Node gives it, the line; never the source line Node prints in the stack. */
function moduleError(file: string, error: unknown): ConfigError {
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const line = error instanceof Error ? new RegExp(`${escapeRegExp(file)}:(\\d+)`).exec(error.stack ?? '')?.[1] : undefined;
  return new ConfigError(`${file}: cannot be loaded${line ? ` (line ${line})` : ''}: ${message}`, { hint: HINT });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const CONFIG_LOADERS: Loaders = {
  '.json': loadJsonConfig,
  '.yaml': loadYamlConfig,
  '.yml': loadYamlConfig,
  noExt: loadYamlConfig,
  '.js': loadModuleConfig,
  '.cjs': loadModuleConfig,
  '.mjs': loadModuleConfig,
};
