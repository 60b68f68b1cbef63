import { execa } from 'execa';
import { RemoteError } from '../errors.js';
import { formatDuration } from '../util/duration.js';
import type { HdfsReader } from './hdfs-entry.js';
import { parseLsOutput, saysNoSuchPath } from './ls-output.js';

/**
 * Reads a folder tree with an HDFS client (`clusters.<name>.hdfs.command`, e.g. `[hdfs, dfs]`):
 * `<command…> -ls -R <base>`, run as an argument list (never a shell), with no input, within the
 * request timeout. Entries deeper than asked are dropped. A kerberised client uses the ticket of
 * the user running stms.
 */

export interface CommandReaderOptions {
  cluster: string;
  argv: readonly string[];
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  trace?: ((line: string) => void) | undefined;
}

export function commandHdfsReader(options: CommandReaderOptions): HdfsReader {
  const [command, ...fixed] = options.argv as [string, ...string[]];
  const name = `${options.cluster} HDFS`;
  return {
    describe: `${options.argv.join(' ')} (command)`,
    async listTree(base, depth) {
      const args = [...fixed, '-ls', '-R', base];
      options.trace?.(`→ ${name} ${[command, ...args].join(' ')}`);
      const started = performance.now();
      const result = await execa(command, args, { shell: false, reject: false, stdin: 'ignore', timeout: options.timeoutMs, ...(options.signal ? { cancelSignal: options.signal } : {}) });
      options.trace?.(`← ${name} exit ${result.exitCode ?? '-'} ${Math.round(performance.now() - started)}ms`);
      const fail = (why: string) => new RemoteError(`${name} ${command} -ls -R ${base}: ${why}`, { cluster: name, endpoint: 'ls', hint: `Run it by hand; check clusters.${options.cluster}.hdfs.command in the config.` });
      if (result.timedOut) throw fail(`no answer within ${formatDuration(options.timeoutMs)}`);
      const stderr = String(result.stderr ?? '');
      if (result.failed) {
        if (result.exitCode !== undefined && saysNoSuchPath(stderr)) return null;
        const how = result.exitCode !== undefined ? `exited with ${result.exitCode}` : `could not be run (${(result as { code?: string }).code ?? 'not found'})`;
        throw fail(`${how}${stderr.trim() ? `: ${lastLine(stderr)}` : ''}`);
      }
      const prefix = `${base.replace(/\/+$/, '')}/`;
      return parseLsOutput(String(result.stdout ?? '')).filter((e) => e.path.startsWith(prefix) && e.path.slice(prefix.length).split('/').length <= depth);
    },
    async close() {},
  };
}

function lastLine(text: string): string {
  const lines = text.trim().split(/\r?\n/);
  return (lines[lines.length - 1] ?? '').slice(0, 300);
}
