import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveJobSource } from '../../../src/batch/job-source.js';
import { UsageError } from '../../../src/errors.js';
import { tempDir } from '../../support/packages.js';

describe('resolveJobSource', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('stms-joblist-');
    await mkdir(path.join(dir, 'list'));
    await writeFile(path.join(dir, 'list', 'joblist.txt'), '# jobs\np1,j1\n\np2,j2  # trailing\n');
    await writeFile(path.join(dir, 'list', 'streamis-env.sh'), 'export STMS_SOURCE_NAME=aomp\nSTMS_DEPLOY_USER="platform"\nJAVA_HOME=/opt/java\nrm -rf /\n');
    await writeFile(path.join(dir, 'list', 'user-env.sh'), "export STMS_DEPLOY_USER='alexyang'\n");
    await mkdir(path.join(dir, 'bad'));
    await writeFile(path.join(dir, 'bad', 'joblist.txt'), 'p1,j1\np1 j2\np1,j1\n');
    await mkdir(path.join(dir, 'empty'));
    await writeFile(path.join(dir, 'empty', 'joblist.txt'), '# nothing\n');
  });
  afterAll(async () => {
    const { rm } = await import('node:fs/promises');
    await rm(dir, { recursive: true, force: true });
  });

  it('one job from the argument', async () => {
    expect(await resolveJobSource(dir, 'p1/j1', undefined)).toEqual({ refs: [{ project: 'p1', job: 'j1' }], listFile: undefined, extraEnv: {}, warnings: [] });
  });

  it('a folder: the jobs with their lines, the STMS_* values of both env files (user-env.sh last), warnings for the rest', async () => {
    const source = await resolveJobSource(dir, undefined, 'list');
    expect(source.refs).toEqual([{ project: 'p1', job: 'j1', line: 2 }, { project: 'p2', job: 'j2', line: 4 }]);
    expect(source.listFile).toBe(path.join(dir, 'list', 'joblist.txt'));
    expect(source.extraEnv).toEqual({ STMS_SOURCE_NAME: 'aomp', STMS_DEPLOY_USER: 'alexyang' });
    expect(source.warnings).toEqual([`${path.join(dir, 'list', 'streamis-env.sh')}:4: "rm…" is not a KEY=VALUE line, ignored (env files are read, never executed)`]);
  });

  it('a joblist.txt file reads the env files beside it too', async () => {
    const source = await resolveJobSource(dir, undefined, path.join(dir, 'list', 'joblist.txt'));
    expect(source.refs).toHaveLength(2);
    expect(source.extraEnv.STMS_DEPLOY_USER).toBe('alexyang');
  });

  it.each([
    ['both a job and a list', 'p1/j1', 'list', 'give either a job (p1/j1) or --job-list, not both'],
    ['neither', undefined, undefined, 'name a job as project/job, or pass --job-list'],
    ['a list that does not exist', undefined, 'nope', '--job-list nope: no such file or folder'],
    ['a folder without joblist.txt', undefined, '.', 'joblist.txt: cannot read it: ENOENT'],
    ['an empty list', undefined, 'empty', 'lists no jobs'],
    ['a bad job argument', 'p1', undefined, '"p1" is not a job'],
  ])('%s is a usage error', async (_what, positional, list, message) => {
    const error = await resolveJobSource(dir, positional, list).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(message);
  });

  it('reports every bad line with its number, and nothing else happens', async () => {
    const error = (await resolveJobSource(dir, undefined, 'bad').catch((e: unknown) => e)) as UsageError;
    expect(error).toBeInstanceOf(UsageError);
    const file = path.join(dir, 'bad', 'joblist.txt');
    expect(error.message).toBe(`${file} has 2 bad lines; nothing was run:\n  ${file}:2: expected "project,job", got "p1 j2" (no comma)\n  ${file}:3: p1,j1 is listed twice (first on line 1): remove one`);
  });
});
