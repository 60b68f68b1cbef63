import type { HdfsEntry } from './hdfs-entry.js';

/**
 * The output of `hdfs dfs -ls -R <path>` read into listing entries:
 *
 *   drwxr-xr-x   - hadoop supergroup          0 2026-01-21 10:35 /flink/…/chk-170
 *   -rw-r--r--   3 hadoop supergroup       4312 2026-01-21 10:35 /flink/…/chk-170/_metadata
 *
 * Times are to the minute, in the time zone of the machine that ran the client (this one).
 * "Found N items" lines and anything else that is not an entry are skipped; a path may hold
 * spaces (it is the rest of the line). Pure.
 */

const LINE = /^([dl-])[rwxsStT-]{9}[+@.]?\s+(?:\d+|-)\s+\S+\s+\S+\s+(\d+)\s+(\d{4})-(\d{2})-(\d{2})\s+(\d{2}):(\d{2})\s+(\/.*)$/;

export function parseLsOutput(text: string): HdfsEntry[] {
  const entries: HdfsEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = LINE.exec(line.trimEnd());
    if (!m || m[1] === 'l') continue;
    const [, kind, length, year, month, day, hour, minute, path] = m as unknown as [string, string, string, string, string, string, string, string, string];
    const time = new Date(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute)).getTime();
    entries.push({ path, type: kind === 'd' ? 'DIRECTORY' : 'FILE', length: Number(length), modificationTime: time });
  }
  return entries;
}

/** What the client prints on stderr for a path that does not exist. */
export function saysNoSuchPath(stderr: string): boolean {
  return /^ls: .*No such file or directory\s*$/m.test(stderr);
}
