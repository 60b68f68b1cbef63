import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StmsError, UsageError, errorMessage } from '../../errors.js';
import { writeFileAtomic } from '../../util/atomic-write.js';

/** A report that cannot be written is found out before any job runs, not after. */
export async function checkReportFolder(file: string, flag = '--report'): Promise<void> {
  const folder = path.dirname(file);
  const isDir = await stat(folder).then((s) => s.isDirectory(), () => false);
  if (!isDir) throw new UsageError(`${flag} ${file}: the folder ${folder} does not exist`, { hint: 'Create the folder, or write the report somewhere else.' });
}

/** Writes a report a reader may open at any moment (audit --html): whole or not at all. */
export async function writeReportAtomic(file: string, content: string, flag: string): Promise<void> {
  try {
    await writeFileAtomic(file, content);
  } catch (error) {
    throw new StmsError('USAGE', `${flag} ${file}: cannot write it: ${errorMessage(error)}`);
  }
}

/** Writes the JUnit XML of `--report`; a failure to is a usage error naming the file. */
export async function writeReport(file: string, xml: string): Promise<void> {
  try {
    await writeFile(file, xml, 'utf8');
  } catch (error) {
    throw new StmsError('USAGE', `--report ${file}: cannot write it: ${errorMessage(error)}`);
  }
}
