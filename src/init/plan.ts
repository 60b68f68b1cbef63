import type { TemplateValues } from './fill-template.js';
import type { InitOptions } from './options.js';
import { shellQuote } from '../util/shell-quote.js';

/**
 * What `stms init` writes, as data: which file comes from which template, relative to the target
 * folder. Pure, so the whole layout is unit-tested without touching the disk.
 *
 * package mode:                      job-list mode:
 *   <dir>/stms.config.yaml             <dir>/job-list/joblist.txt
 *   <dir>/vars.yaml                    <dir>/job-list/streamis-env.sh
 *   <dir>/cmdb.json                    <dir>/job-list/user-env.sh
 *   <dir>/<job>/meta.json              <dir>/job-list/job-list.sh
 *   <dir>/<job>/<job>.sql  (flink.sql)
 *   <dir>/<job>/<job>.jar + <job>.properties  (flink.jar)
 */

/** Entry class of the generated jar; meta.json's main.class names the same class. */
export const PLACEHOLDER_MAIN_CLASS = 'com.example.stream.StreamApp';

/** The clusters the templates' `double` policy targets: the pair of the written config. */
export const TEMPLATE_TARGETS = ['GZ_UAT', 'TJ_UAT'] as const;

/** The job-list folder's name inside the target folder, as in the field notes' layout. */
export const JOB_LIST_FOLDER = 'job-list';

export type FileSource =
  /** A text file under templates/init/, with its {{placeholders}} filled. */
  | { kind: 'template'; template: string }
  /** The placeholder main jar, built in code (jar.ts). */
  | { kind: 'jar'; mainClass: string };

export interface PlannedFile {
  /** Relative to the target folder, with `/` separators. */
  path: string;
  source: FileSource;
  executable: boolean;
}

export function planInit(options: InitOptions): PlannedFile[] {
  if (options.mode === 'job-list') {
    return [
      template(`${JOB_LIST_FOLDER}/joblist.txt`, 'job-list/joblist.txt'),
      template(`${JOB_LIST_FOLDER}/streamis-env.sh`, 'job-list/streamis-env.sh'),
      template(`${JOB_LIST_FOLDER}/user-env.sh`, 'job-list/user-env.sh'),
      template(`${JOB_LIST_FOLDER}/job-list.sh`, 'job-list/job-list.sh', true),
    ];
  }
  const { job, type } = options;
  const files = [
    template('stms.config.yaml', 'shared/stms.config.yaml'),
    template('vars.yaml', `${type}/vars.yaml`),
    template('cmdb.json', 'shared/cmdb.json'),
    template(`${job}/meta.json`, `${type}/meta.json`),
  ];
  if (type === 'flink.sql') {
    files.push(template(`${job}/${job}.sql`, 'flink.sql/job.sql'));
  } else {
    files.push({ path: `${job}/${job}.jar`, source: { kind: 'jar', mainClass: PLACEHOLDER_MAIN_CLASS }, executable: false });
    files.push(template(`${job}/${job}.properties`, 'flink.jar/job.properties'));
  }
  return files;
}

/** The values the templates' {{placeholders}} are filled with. */
export function templateValues(options: InitOptions): TemplateValues {
  return { project: options.project, job: options.job, owner: options.owner, mainClass: PLACEHOLDER_MAIN_CLASS };
}

/**
 * The commands to run next, as a person would type them. `dirFromCwd` is the target folder
 * relative to the current directory ('.' when it is the current directory).
 */
export function nextCommands(options: InitOptions, dirFromCwd: string): string[] {
  const clusters = TEMPLATE_TARGETS.join(',');
  const commands = dirFromCwd === '.' || dirFromCwd === '' ? [] : [`cd ${shellQuote(dirFromCwd)}`];
  if (options.mode === 'job-list') {
    commands.push(`stms check --job-list ${JOB_LIST_FOLDER} --clusters ${clusters}`, `./${JOB_LIST_FOLDER}/job-list.sh`);
    return commands;
  }
  const { project, job } = options;
  commands.push(
    `stms validate ${job} --clusters ${clusters}`,
    `stms plan ${job} --clusters ${clusters}`,
    `stms release ${job} --clusters ${clusters}`,
    `stms launch ${project}/${job} --clusters ${clusters}`,
  );
  return commands;
}

function template(path: string, name: string, executable = false): PlannedFile {
  return { path, source: { kind: 'template', template: name }, executable };
}
