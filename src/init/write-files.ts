import { lstat, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { fillTemplate, type TemplateValues } from './fill-template.js';
import { placeholderJar } from './jar.js';
import type { PlannedFile } from './plan.js';
import { INIT_TEMPLATES_DIR } from './templates-dir.js';

/**
 * Carries out a file plan in `dir`. Everything is rendered and every target checked before the
 * first write, so a refusal leaves the folder as it was. Existing files are never overwritten
 * without `force`; with it they are removed first, so a symlink is replaced rather than followed.
 */
export async function writePlannedFiles(dir: string, files: readonly PlannedFile[], values: TemplateValues, force: boolean): Promise<void> {
  await checkFolder(dir);
  // Rendered up front: a broken template must not leave half a scaffold behind.
  const contents = await Promise.all(files.map((file) => render(file, values)));

  for (const folder of new Set(files.map((file) => path.posix.dirname(file.path)).filter((d) => d !== '.'))) {
    const found = await stat(path.join(dir, folder)).catch(() => undefined);
    if (found && !found.isDirectory()) throw new UsageError(`${folder} exists in ${dir} and is not a folder; init writes files into it`, { hint: 'Move the file away, or init into another folder.' });
  }
  const existing: string[] = [];
  for (const file of files) {
    const found = await lstatOrUndefined(path.join(dir, file.path));
    if (!found) continue;
    if (found.isDirectory()) throw new UsageError(`${file.path} exists in ${dir} and is a folder; init writes a file there`, { hint: 'Move the folder away, or init into another folder.' });
    existing.push(file.path);
  }
  if (existing.length > 0 && !force) {
    throw new UsageError(`refusing to overwrite existing files in ${dir}: ${existing.join(', ')}`, {
      details: { dir, existing },
      hint: 'Pass --force to replace them, or init into another folder.',
    });
  }

  for (const [i, file] of files.entries()) {
    const target = path.join(dir, file.path);
    await guard(target, async () => {
      await mkdir(path.dirname(target), { recursive: true });
      if (force) await rm(target, { force: true });
      // 'wx': never clobber a file that appeared since the check above.
      await writeFile(target, contents[i] as string | Buffer, { flag: 'wx', mode: file.executable ? 0o755 : 0o644 });
    });
  }
}

async function render(file: PlannedFile, values: TemplateValues): Promise<string | Buffer> {
  if (file.source.kind === 'jar') return placeholderJar(file.source.mainClass);
  const name = file.source.template;
  const text = await readFile(path.join(INIT_TEMPLATES_DIR, name), 'utf8');
  return fillTemplate(text, values, name);
}

async function checkFolder(dir: string): Promise<void> {
  // stat, not lstat: a symlink to a folder is a fine place to init into.
  const found = await stat(dir).catch(() => undefined);
  if (found && !found.isDirectory()) throw new UsageError(`${dir} exists and is not a folder`, { hint: 'Name a new or existing folder to init into.' });
}

async function lstatOrUndefined(p: string) {
  try {
    return await lstat(p);
  } catch (error) {
    // ENOTDIR: a file stands where a parent folder should be; mkdir reports it below.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** File-system failures (permissions, a file where a folder should be) are the user's to fix. */
async function guard(target: string, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    throw new UsageError(`cannot write ${target}: ${code} (${(error as Error).message.replace(/^[A-Z]+: /, '')})`, { cause: error });
  }
}
