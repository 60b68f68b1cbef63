import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runStms } from '../support/run-stms.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { latestSource, policyPackage, readJournalFile, versionsOn } from './release-support.js';

/**
 * The server keeps every upload as a version. Copies that stms cannot prevent (a second machine
 * releasing the same package, an upload answered after the settle window) are never left unsaid.
 */

let f: SandboxFixture;
beforeEach(async () => {
  f = await startSandboxFixture();
  await policyPackage(f, 'j1', 'double', ['GZ_UAT', 'TJ_UAT']);
});
afterEach(async () => {
  await f.close();
});

/** A second machine: its own folder (so its own .stms/ and lock) with the same config and package. */
async function secondMachine(): Promise<string> {
  const dir = path.join(f.dir, 'machine-b');
  await mkdir(dir, { recursive: true });
  for (const file of ['stms.config.json', 'vars.json', 'cmdb.json']) await copyFile(path.join(f.dir, file), path.join(dir, file));
  // Another file name: the server's upload folder is named after user, file name and second.
  await copyFile(path.join(f.dir, 'j1.zip'), path.join(dir, 'j1-b.zip'));
  return dir;
}

describe('stms release: copies it cannot prevent are reported', () => {
  it('two machines releasing the same package at once: the later one names the other copy, and its journal the latest version', async () => {
    const b = await secondMachine();
    // Both uploads are held long enough for the second machine to look before the first one lands.
    f.gz.injectFault({ path: 'job/upload', kind: 'delay', delayMs: 4000, count: 2 });
    const first = f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    for (let i = 0; i < 400 && f.gz.callCount('job/upload') === 0; i++) await sleep(25);
    const second = await runStms(['release', 'j1-b.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--json'], { cwd: b });
    const a = await first;
    expect(a.exitCode).toBe(0);
    expect(second.exitCode).toBe(0);
    expect(versionsOn(f.gz, 'j1')).toBe(2);

    const gz = second.json.clusters.GZ_UAT;
    expect(gz.version).toBe('v00002');
    // A sql job's older versions have no readable source (only the latest one's is served).
    expect(gz.duplicates).toEqual([{ version: 'v00001', same: 'unknown' }]);
    const journal = JSON.parse(await readFile(path.join(b, '.stms', 'releases', `${second.json.releaseId}.json`), 'utf8'));
    expect(journal.clusters.GZ_UAT).toMatchObject({ version: 'v00002', duplicates: [{ version: 'v00001', same: 'unknown' }] });

    const text = await runStms(['release', 'j1-b.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--force'], { cwd: b });
    expect(text.exitCode).toBe(0);
    expect(f.leakedTokens(text.stdout + text.stderr)).toEqual([]);
  });

  it('an upload answered after the settle window: the late copy is named, the journal names the latest version', async () => {
    // The gateway answers 504 at once and the server stores the upload 4 s later, past the 3 s
    // settle window; the upload made after that lands later still.
    f.tj.injectFault({ path: 'job/upload', kind: 'late', delayMs: 4000 });
    f.tj.injectFault({ path: 'job/upload', kind: 'delay', delayMs: 2500 });
    const run = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(run.exitCode).toBe(0);
    expect(versionsOn(f.tj, 'j1')).toBe(2);
    const tj = run.json.clusters.TJ_UAT;
    expect(tj.version).toBe('v00002');
    expect(tj.duplicates).toEqual([{ version: 'v00001', same: 'unknown' }]);
    expect(latestSource(f.tj, 'j1')?.releaseId).toBe(run.json.releaseId);
    expect((await readJournalFile(f, run.json.releaseId)).json.clusters.TJ_UAT).toMatchObject({ version: 'v00002', duplicates: [{ version: 'v00001', same: 'unknown' }] });
  }, 60_000);

  it('shows the hashing of the package as it goes, to its end', async () => {
    const run = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT']);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/^package: hashing and checking (\S+ \S+) of \1$/m);
  });

  it('says so in the summary a person reads', async () => {
    f.tj.injectFault({ path: 'job/upload', kind: 'late', delayMs: 4000 });
    f.tj.injectFault({ path: 'job/upload', kind: 'delay', delayMs: 2500 });
    const run = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT']);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain('warning: TJ_UAT: another copy of this package landed during the release: v00001 (its source cannot be read); the job\'s latest version is v00002');
  }, 60_000);
});

