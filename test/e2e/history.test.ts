import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runStms } from '../support/run-stms.js';
import { tempDir } from '../support/packages.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { policyPackage } from './release-support.js';
import { newJournal, newReleaseId } from '../../src/release/journal-model.js';

let f: SandboxFixture;
beforeEach(async () => {
  f = await startSandboxFixture();
  await policyPackage(f, 'j1', 'double', ['GZ_UAT', 'TJ_UAT']);
  await policyPackage(f, 'j2', 'single', ['GZ_UAT']);
});
afterEach(async () => {
  await f.close();
});

describe('stms history', () => {
  it('lists journals newest first with per-cluster outcomes; filters by project/job', async () => {
    f.tj.injectFault({ path: 'job/upload', kind: 'error', count: 3 });
    const first = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(first.exitCode).toBe(5);
    const second = await f.run(['release', 'j2.zip', '--clusters', 'GZ_UAT', '--json']);
    expect(second.exitCode).toBe(0);

    const all = await f.run(['history', '--json']);
    expect(all.exitCode).toBe(0);
    expect(all.json.ok).toBe(true);
    expect(all.json.releases.map((r: any) => r.releaseId)).toEqual([second.json.releaseId, first.json.releaseId]);
    const j1 = all.json.releases.find((r: any) => r.job === 'j1');
    expect(j1).toMatchObject({ project: 'p1', policy: 'double', md5: first.json.md5, targets: ['GZ_UAT', 'TJ_UAT'], journal: first.json.journal });
    expect(j1.clusters.GZ_UAT.outcome).toBe('uploaded');
    expect(j1.clusters.TJ_UAT.outcome).toBe('failed');

    const only = await f.run(['history', 'p1/j1', '--json']);
    expect(only.json.releases.map((r: any) => r.releaseId)).toEqual([first.json.releaseId]);
    const project = await f.run(['history', 'p1', '--json']);
    expect(project.json.releases).toHaveLength(2);
    const none = await f.run(['history', 'p9/j1', '--json']);
    expect(none.json.releases).toEqual([]);

    const human = await f.run(['history']);
    expect(human.stdout).toMatch(/release\s+time\s+job\s+policy\s+md5\s+clusters/);
    expect(human.stdout).toContain(`${first.json.releaseId}`);
    expect(human.stdout).toMatch(new RegExp(`p1/j1\\s+double\\s+${first.json.md5}\\s+GZ_UAT=uploaded TJ_UAT=failed`));
    const lines = human.stdout.trim().split('\n');
    expect(lines[1]).toContain(second.json.releaseId);
  });

  it('orders releases of the same second by their time to the millisecond, not by the id suffix', async () => {
    const dir = await tempDir('stms-history-ms-');
    await mkdir(path.join(dir, '.stms', 'releases'), { recursive: true });
    // Same second; the later release has the smaller random suffix.
    const earlier = new Date('2026-11-21T10:35:12.100Z');
    const later = new Date('2026-11-21T10:35:12.900Z');
    for (const [at, suffix] of [[earlier, 'zzzz'], [later, 'aaaa']] as const) {
      const journal = newJournal({
        releaseId: newReleaseId(at, suffix),
        createdAt: at,
        package: { path: '/tmp/j1.zip', md5: 'a'.repeat(32), name: 'j1.zip' },
        policy: 'single',
        project: 'p1',
        job: 'j1',
        targets: ['GZ_UAT'],
        deployUser: 'alexyang',
      });
      await writeFile(path.join(dir, '.stms', 'releases', `${journal.releaseId}.json`), JSON.stringify(journal));
    }
    const run = await runStms(['history', '--json'], { cwd: dir });
    expect(run.exitCode).toBe(0);
    expect(run.json.releases.map((r: any) => r.releaseId)).toEqual(['20261121-103512-aaaa', '20261121-103512-zzzz']);
    const human = await runStms(['history'], { cwd: dir });
    expect(human.stdout.trim().split('\n')[1]).toContain('20261121-103512-aaaa');
  });

  it('says so when nothing is recorded, and works without a config (.stms in the current folder)', async () => {
    const empty = await f.run(['history']);
    expect(empty.exitCode).toBe(0);
    expect(empty.stdout).toContain(`no releases recorded in ${f.stateDir}`);
    const bare = await tempDir('stms-history-');
    const run = await runStms(['history', '--json'], { cwd: bare });
    expect(run.exitCode).toBe(0);
    expect(run.json).toMatchObject({ ok: true, stateDir: path.join(bare, '.stms'), releases: [] });
  });

  it('skips a damaged journal with a warning, keeping the others', async () => {
    const ok = await f.run(['release', 'j2.zip', '--clusters', 'GZ_UAT', '--json']);
    expect(ok.exitCode).toBe(0);
    await mkdir(path.join(f.stateDir, 'releases'), { recursive: true });
    await writeFile(path.join(f.stateDir, 'releases', '20990101-000000-zzzz.json'), '{ not json');
    const run = await f.run(['history', '--json']);
    expect(run.exitCode).toBe(0);
    expect(run.json.releases.map((r: any) => r.releaseId)).toEqual([ok.json.releaseId]);
    expect(run.stderr).toContain('warning: skipped');
    expect(run.stderr).toContain('20990101-000000-zzzz.json: not a release journal');
  });
});
