import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import { formatIssues } from '../config/load.js';
import { CmdbFileSchema } from './record-schema.js';
import type { CmdbBackend, CmdbRecord } from './types.js';

/** The CMDB stub: a JSON file `{ "apps": [ … ] }`, read on every call so edits apply at once. */
export function fileCmdb(file: string): CmdbBackend {
  const load = async (): Promise<CmdbRecord[]> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`${file}: cannot read the CMDB file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
        hint: 'Fix cmdb.file in the config, or create the file (`stms init` writes a stub).',
      });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`${file}: the CMDB file is not valid JSON: ${(error as Error).message}`);
    }
    const parsed = CmdbFileSchema.safeParse(raw);
    if (!parsed.success) throw new ConfigError(formatIssues(file, parsed.error.issues));
    return parsed.data.apps;
  };
  return {
    describe: file,
    async lookup(projectName, jobName) {
      return (await load()).find((app) => app.projectName === projectName && app.jobName === jobName);
    },
    list: load,
  };
}
