import { mkdir, rm, writeFile } from 'node:fs/promises';
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

describe('stms history --clusters: the versions on the servers', () => {
  it('lists versions newest first with md5, deploy user and release id, marks the running one and a web-page upload', async () => {
    const { clientFor } = await import('../streamis/helpers.js');
    const { sqlFiles } = await import('../support/packages.js');
    const { policyMeta } = await import('./release-support.js');
    const v1 = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(v1.exitCode, v1.stderr).toBe(0);
    await f.writePackage('j1.zip', { ...sqlFiles(policyMeta('j1', 'double')), 'job.sql': 'INSERT INTO sums SELECT 2;\n' });
    const v2 = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--json', '--deploy-user', 'bob']);
    expect(v2.exitCode, v2.stderr).toBe(0);
    const launched = await f.run(['launch', 'p1/j1', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(launched.exitCode, launched.stderr).toBe(0);
    // Someone uploads from the web page to GZ_UAT: a bare source (origin and token only).
    const client = clientFor(f.gz);
    try {
      await client.upload({ file: path.join(f.dir, 'j1.zip'), projectName: 'p1', source: { source: 'aomp', token: 'streamis0.3.8' } });
    } finally {
      await client.close();
    }

    const run = await f.run(['history', 'p1/j1', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const gz = run.json.clusters.GZ_UAT;
    const tj = run.json.clusters.TJ_UAT;
    expect(gz).toMatchObject({ found: true, currentVersion: 'v00002', running: 'v00002', status: 'running' });
    expect(gz.versions.map((v: any) => v.version)).toEqual(['v00003', 'v00002', 'v00001']);
    expect(gz.versions[0]).toMatchObject({ origin: 'foreign', from: 'source', md5: null, releaseId: null, running: false, current: false });
    // flink.sql: the server returns only the latest version's source; the others come from the journal.
    expect(gz.versions[1]).toMatchObject({ origin: 'stms', from: 'journal', md5: v2.json.md5, deployUser: 'bob', releaseId: v2.json.releaseId, running: true, current: true });
    expect(gz.versions[2]).toMatchObject({ origin: 'stms', from: 'journal', md5: v1.json.md5, deployUser: 'alexyang', releaseId: v1.json.releaseId, running: false });
    expect(tj.versions.map((v: any) => v.version)).toEqual(['v00002', 'v00001']);
    expect(tj.versions[0]).toMatchObject({ origin: 'stms', from: 'source', md5: v2.json.md5, deployUser: 'bob', releaseId: v2.json.releaseId, running: true });
    expect(f.leakedTokens(run.stdout + run.stderr)).toEqual([]);

    const human = await f.run(['history', 'p1/j1', '--clusters', 'GZ_UAT,TJ_UAT']);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toMatch(/GZ_UAT\s+p1\/j1\s+job \d+\s+current v00002\s+running/);
    expect(human.stdout).toMatch(/v00003\s+\S+ \S+\s+-\s+-\s+-\s+not released by stms \(web page or another tool\)/);
    expect(human.stdout).toMatch(new RegExp(`▶\\s+v00002\\s+\\S+ \\S+\\s+bob\\s+${v2.json.md5}\\s+${v2.json.releaseId}\\s+running; from the local journal`));

    // Without the journal, the older flink.sql versions are unknown, and said so.
    await rm(path.join(f.stateDir, 'releases'), { recursive: true });
    const bare = await f.run(['history', 'p1/j1', '--clusters', 'GZ_UAT', '--json']);
    expect(bare.json.clusters.GZ_UAT.versions[2]).toMatchObject({ version: 'v00001', origin: 'unknown', md5: null });
  });

  it('says when the job is not on a cluster, and needs a job with --clusters (exit 2)', async () => {
    const run = await f.run(['history', 'p1/j2', '--clusters', 'GZ_UAT', '--json']);
    expect(run.exitCode).toBe(0);
    expect(run.json.clusters.GZ_UAT).toMatchObject({ found: false, versions: [] });
    const noJob = await f.run(['history', '--clusters', 'GZ_UAT', '--json']);
    expect(noJob.exitCode).toBe(2);
    expect(noJob.json.error.message).toContain('stms history --clusters needs the job');
  });
});
