import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqlFiles } from '../support/packages.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { md5Of, policyMeta, policyPackage, uploadCalls } from './release-support.js';

/**
 * The package store `release` keeps for rollbacks. A store that cannot be written is a failure of
 * the local state: today the config class (exit 2); the one place that decides is stateWriteError.
 */
const LOCAL_STATE = { code: 'LOCAL_STATE', exit: 9 };

let f: SandboxFixture;
beforeEach(async () => {
  f = await startSandboxFixture();
  await policyPackage(f, 'j1', 'single', ['GZ_UAT']);
});
afterEach(async () => {
  await f.close();
});

const storeFiles = async (dir = path.join(f.stateDir, 'packages')) => (await readdir(dir)).sort();

/** A j1 package whose sql differs by `n`. */
async function variant(n: number): Promise<string> {
  return await f.writePackage('j1.zip', { ...sqlFiles(policyMeta('j1', 'single')), 'job.sql': `INSERT INTO sums SELECT ${n};\n` });
}

describe('the package store', () => {
  it('keeps the zip as given under its md5, once; a folder as the zip pack makes of it', async () => {
    const zip = path.join(f.dir, 'j1.zip');
    const first = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT', '--json']);
    expect(first.exitCode, first.stderr).toBe(0);
    const stored = path.join(f.stateDir, 'packages', `${first.json.md5}.zip`);
    expect(first.json.storedPackage).toBe(stored);
    expect(Buffer.compare(await readFile(stored), await readFile(zip))).toBe(0);
    const before = await stat(stored);
    const again = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT', '--force', '--json']);
    expect(again.exitCode).toBe(0);
    expect(await storeFiles()).toEqual([`${first.json.md5}.zip`]);
    expect((await stat(stored)).mtimeMs).toBe(before.mtimeMs);

    const dir = await f.writePackage('j1dir', { ...sqlFiles(policyMeta('j1', 'single')), 'job.sql': 'INSERT INTO sums SELECT 9;\n' });
    const folder = await f.run(['release', dir, '--clusters', 'GZ_UAT', '--json']);
    expect(folder.exitCode, folder.stderr).toBe(0);
    expect(await md5Of(path.join(f.stateDir, 'packages', `${folder.json.md5}.zip`))).toBe(folder.json.md5);
    expect((await storeFiles()).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the newest history.keep packages of each job: older ones of the job go, other jobs\' stay', async () => {
    await f.editConfig((c) => {
      c.history = { keep: 2 };
    });
    const md5s: string[] = [];
    for (const n of [1, 2]) {
      await variant(n);
      const run = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT', '--json']);
      expect(run.exitCode, run.stderr).toBe(0);
      md5s.push(run.json.md5);
    }
    // Another job released in between: j1's releases never prune its package.
    await f.register([
      { projectName: 'p1', jobName: 'j1', haPolicy: 'single', clusters: ['GZ_UAT'] },
      { projectName: 'p1', jobName: 'j9', haPolicy: 'single', clusters: ['GZ_UAT'] },
    ]);
    const shared = await f.writePackage('j9.zip', { ...sqlFiles(policyMeta('j9', 'single')) });
    const j9 = await f.run(['release', shared, '--clusters', 'GZ_UAT', '--json']);
    expect(j9.exitCode, j9.stderr).toBe(0);
    for (const n of [3, 4]) {
      await variant(n);
      const run = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT', '--json']);
      expect(run.exitCode, run.stderr).toBe(0);
      md5s.push(run.json.md5);
    }
    // j1 keeps 3 and 4; 1 and 2 are pruned; j9 keeps its one package.
    expect(await storeFiles()).toEqual([md5s[2], md5s[3], j9.json.md5].map((m) => `${m}.zip`).sort());
  });

  it('writes to packageStore of the config (relative to it), a shared folder', async () => {
    await f.editConfig((c) => {
      c.packageStore = './shared-store';
    });
    const run = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(await storeFiles(path.join(f.dir, 'shared-store'))).toEqual([`${run.json.md5}.zip`]);
  });

  it('refuses to release when the store cannot be written, before any upload', async () => {
    await writeFile(path.join(f.dir, 'not-a-folder'), 'x');
    await f.editConfig((c) => {
      c.packageStore = './not-a-folder';
    });
    const run = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT', '--json']);
    expect(run.exitCode).toBe(LOCAL_STATE.exit);
    expect(run.json.error.code).toBe(LOCAL_STATE.code);
    expect(run.json.error.message).toMatch(new RegExp(`^cannot write the package store in ${path.join(f.dir, 'not-a-folder')}: E(EXIST|NOTDIR)$`));
    expect(uploadCalls(f)).toBe(0);
    const human = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT']);
    expect(human.stderr).toContain('make it a writable folder');
  });

  it('says which clusters have the package when the copy into the store fails during the uploads', async () => {
    const md5 = await md5Of(path.join(f.dir, 'j1.zip'));
    // A folder where the package's file belongs: the store is writable, the copy's rename is not.
    await mkdir(path.join(f.stateDir, 'packages', `${md5}.zip`), { recursive: true });
    const run = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT', '--json']);
    expect(run.exitCode).toBe(LOCAL_STATE.exit);
    expect(run.json.error.code).toBe(LOCAL_STATE.code);
    expect(run.json.error.message).toMatch(/^cannot write the package store in .*: E[A-Z]+; the clusters: GZ_UAT uploaded v00001$/);
    expect(run.json.error.details.clusters.GZ_UAT).toMatchObject({ outcome: 'uploaded', version: 'v00001' });
    expect((await readdir(path.join(f.stateDir, 'packages'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
