import { NAME_PATTERN } from '../meta/keys.js';

/**
 * `joblist.txt` of a job-list folder: one `project,job` a line (the seeds' format). Blank lines
 * and `#` comments (whole-line or trailing) are allowed; names cannot contain `#`, so a `#` always
 * starts a comment. Every malformed or repeated line is reported, not just the first, so a batch
 * file is fixed in one go. An empty list is not a problem here: the command decides.
 */

export interface JobListEntry {
  project: string;
  job: string;
  /** 1-based line in the file. */
  line: number;
}

export interface LineProblem {
  line: number;
  /** Starts with `file:line:`, ready to print. */
  message: string;
}

export interface JobList {
  jobs: JobListEntry[];
  problems: LineProblem[];
}


export function parseJobList(text: string, fileName: string): JobList {
  const jobs: JobListEntry[] = [];
  const problems: LineProblem[] = [];
  const firstLine = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);

  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = raw.replace(/#.*$/, '').trim();
    if (content === '') return;
    const problem = (what: string) => problems.push({ line, message: `${fileName}:${line}: ${what}` });

    const parts = content.split(',').map((p) => p.trim());
    if (parts.length === 1) return problem(`expected "project,job", got "${content}" (no comma)`);
    if (parts.length > 2) return problem(`expected "project,job", got ${parts.length} fields in "${content}": one job a line`);
    const [project = '', job = ''] = parts;
    if (project === '' || job === '') return problem(`expected "project,job", got "${content}" (empty ${project === '' ? 'project' : 'job'} name)`);
    for (const [what, name] of [['project', project], ['job', job]] as const) {
      // The meta.json name rule: job/list cannot find other names, so neither could the batch.
      if (!NAME_PATTERN.test(name)) return problem(`${what} name "${name}" has characters other than letters, digits, _ and .`);
    }

    const key = `${project},${job}`;
    const first = firstLine.get(key);
    if (first !== undefined) return problem(`${project},${job} is listed twice (first on line ${first}): remove one`);
    firstLine.set(key, line);
    jobs.push({ project, job, line });
  });
  return { jobs, problems };
}
