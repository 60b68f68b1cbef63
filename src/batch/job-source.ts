import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, UsageError } from '../errors.js';
import { parseEnvFile } from '../joblist/env-file.js';
import { parseJobList } from '../joblist/job-list.js';
import { parseJobRef } from '../launch/job-ref.js';
import type { JobRef } from '../launch/types.js';

/**
 * The jobs a command works on: one `project/job`, or a job list (`--job-list` names joblist.txt or
 * the job-list folder). The env files of the list's folder (streamis-env.sh, then user-env.sh)
 * are read, never executed; their STMS_* values go below the real environment. A malformed or
 * repeated line stops everything before any cluster is called (exit 2).
 */

export const JOB_LIST_FILE = 'joblist.txt';
export const ENV_FILES = ['streamis-env.sh', 'user-env.sh'] as const;

export interface JobSource {
  refs: JobRef[];
  /** The joblist.txt read; undefined for a single job. */
  listFile: string | undefined;
  /** STMS_* values of the env files, for ctx.loadConfig({ extraEnv }). */
  extraEnv: Record<string, string>;
  /** Lines of the env files that were ignored, ready to print. */
  warnings: string[];
}

export async function resolveJobSource(cwd: string, positional: string | undefined, jobList: string | undefined): Promise<JobSource> {
  if (positional !== undefined && jobList !== undefined) {
    throw new UsageError(`give either a job (${positional}) or --job-list, not both`);
  }
  if (jobList === undefined) {
    if (positional === undefined) throw new UsageError('name a job as project/job, or pass --job-list <joblist.txt or folder> or --project P');
    return { refs: [parseJobRef(positional)], listFile: undefined, extraEnv: {}, warnings: [] };
  }

  const given = path.resolve(cwd, jobList);
  const kind = await stat(given).then(
    (s) => (s.isDirectory() ? 'dir' : 'file'),
    () => undefined,
  );
  if (!kind) throw new UsageError(`--job-list ${jobList}: no such file or folder (${given})`);
  const folder = kind === 'dir' ? given : path.dirname(given);
  const listFile = kind === 'dir' ? path.join(given, JOB_LIST_FILE) : given;

  const text = await readText(listFile, true);
  const list = parseJobList(text ?? '', listFile);
  if (list.problems.length > 0) {
    throw new UsageError(`${listFile} has ${list.problems.length === 1 ? 'a bad line' : `${list.problems.length} bad lines`}; nothing was run:\n${list.problems.map((p) => `  ${p.message}`).join('\n')}`, {
      details: { file: listFile, problems: list.problems },
      hint: 'Write one project,job a line; # starts a comment.',
    });
  }
  if (list.jobs.length === 0) throw new UsageError(`${listFile} lists no jobs`, { hint: 'Write one project,job a line.' });

  const extraEnv: Record<string, string> = {};
  const warnings: string[] = [];
  for (const name of ENV_FILES) {
    const file = path.join(folder, name);
    const envText = await readText(file, false);
    if (envText === undefined) continue;
    const parsed = parseEnvFile(envText, file);
    warnings.push(...parsed.warnings.map((w) => w.message));
    // Only stms settings: the files also hold values for other tools, which are not ours to use.
    for (const [key, value] of Object.entries(parsed.vars)) if (key.startsWith('STMS_')) extraEnv[key] = value;
  }
  return { refs: list.jobs.map((j) => ({ project: j.project, job: j.job, line: j.line })), listFile, extraEnv, warnings };
}

async function readText(file: string, required: boolean): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!required && code === 'ENOENT') return undefined;
    const message = `${file}: cannot read it: ${code ?? (error as Error).message}`;
    throw required ? new UsageError(message, { hint: `A job-list folder holds ${JOB_LIST_FILE} (one project,job a line).` }) : new ConfigError(message);
  }
}
