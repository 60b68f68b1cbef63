import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqlFiles } from '../support/packages.js';
import { runStms, STMS_BIN } from '../support/run-stms.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { latestSource, policyMeta, policyPackage, readJournalFile, versionsOn } from './release-support.js';

let f: SandboxFixture;
beforeEach(async () => {
  f = await startSandboxFixture();
  await policyPackage(f, 'j1', 'double', ['GZ_UAT', 'TJ_UAT']);
});
afterEach(async () => {
  await f.close();
});

const RELEASE = ['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT'];

describe('stms release: idempotency', () => {
  it('skips clusters whose latest version has the package as unchanged; --force uploads anyway', async () => {
    const first = await f.run([...RELEASE, '--json']);
    expect(first.exitCode).toBe(0);
    const again = await f.run([...RELEASE, '--json']);
    expect(again.exitCode).toBe(0);
    expect(again.json.clusters.GZ_UAT).toMatchObject({ outcome: 'unchanged', version: 'v00001', jobId: first.json.clusters.GZ_UAT.jobId });
    expect(again.json.clusters.TJ_UAT).toMatchObject({ outcome: 'unchanged', version: 'v00001' });
    expect(f.gz.callCount('job/upload') + f.tj.callCount('job/upload')).toBe(2);
    expect((await readJournalFile(f, again.json.releaseId)).json.clusters.GZ_UAT.outcome).toBe('unchanged');

    const forced = await f.run([...RELEASE, '--force', '--json']);
    expect(forced.exitCode).toBe(0);
    expect(forced.json.clusters.GZ_UAT).toMatchObject({ outcome: 'uploaded', version: 'v00002' });
    expect(forced.json.clusters.TJ_UAT).toMatchObject({ outcome: 'uploaded', version: 'v00002' });
    expect(latestSource(f.gz, 'j1')?.releaseId).toBe(forced.json.releaseId);
  });

  it('uploads again when only the deploy user differs, so the consistency check can agree', async () => {
    expect((await f.run(RELEASE)).exitCode).toBe(0);
    const other = await f.run([...RELEASE, '--deploy-user', 'bob', '--json']);
    expect(other.exitCode).toBe(0);
    expect(other.json.clusters.GZ_UAT).toMatchObject({ outcome: 'uploaded', version: 'v00002' });
    expect(other.json.clusters.GZ_UAT.note).toContain('same md5 on v00001 but deployUser alexyang');
    expect(latestSource(f.tj, 'j1')).toMatchObject({ deployUser: 'bob' });
  });

  it('the same package with a variable changed for one cluster: plan and release upload it there only', async () => {
    const first = await f.run([...RELEASE, '--json']);
    expect(first.exitCode).toBe(0);
    // A new YARN queue for TJ in vars.json; the package (and its md5) stays the same.
    await writeFile(path.join(f.dir, 'vars.json'), JSON.stringify({ idc: { GZ: { 'IDC_STREAMISJOBCONF..p1.j1..c4': 'dws' }, TJ: { 'IDC_STREAMISJOBCONF..p1.j1..c4': 'dws_tj_new' } } }));
    const queue = '/jobConfig/wds.linkis.flink.resource/wds.linkis.rm.yarnqueue';
    const plan = await f.run(['plan', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(plan.exitCode).toBe(0);
    expect(plan.json.clusters.GZ_UAT.outcome).toBe('unchanged');
    expect(plan.json.clusters.TJ_UAT).toMatchObject({ outcome: 'would-upload', changes: [{ pointer: queue, change: 'changed', before: 'dws_tj', after: 'dws_tj_new', level: 3 }] });
    expect(plan.json.clusters.TJ_UAT.notes[0]).toContain(`its variables resolve differently now (${queue} "dws_tj" -> "dws_tj_new")`);

    const release = await f.run([...RELEASE, '--json']);
    expect(release.exitCode).toBe(0);
    expect(release.json.md5).toBe(first.json.md5);
    expect(release.json.clusters.GZ_UAT).toMatchObject({ outcome: 'unchanged', version: 'v00001' });
    expect(release.json.clusters.TJ_UAT).toMatchObject({ outcome: 'uploaded', version: 'v00002' });
    expect(release.json.clusters.TJ_UAT.note).toContain('its variables resolve differently now');

    // Now in place: nothing to do on either cluster, and the stored queue is the new one.
    const after = await f.run(['plan', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(after.json.clusters.TJ_UAT).toMatchObject({ outcome: 'unchanged', changes: [] });
    const again = await f.run([...RELEASE, '--json']);
    expect(again.json.clusters.TJ_UAT).toMatchObject({ outcome: 'unchanged', version: 'v00002' });
    expect(versionsOn(f.gz, 'j1')).toBe(1);
    expect(versionsOn(f.tj, 'j1')).toBe(2);
  });

  it('a changed package is uploaded where the md5 differs and skipped where it is already there', async () => {
    expect((await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT'])).exitCode).toBe(0);
    await f.writePackage('j1.zip', sqlFiles(policyMeta('j1', 'double', { description: 'v2' })));
    // A partial release of the new package leaves it on GZ_UAT only.
    f.tj.injectFault({ path: 'job/upload', kind: 'error', status: 503, count: 3 });
    const partial = await f.run([...RELEASE, '--json']);
    expect(partial.exitCode).toBe(5);
    const fresh = await f.run([...RELEASE, '--json']);
    expect(fresh.exitCode).toBe(0);
    expect(fresh.json.clusters.GZ_UAT.outcome).toBe('unchanged');
    expect(fresh.json.clusters.TJ_UAT).toMatchObject({ outcome: 'uploaded', version: 'v00002' });
  });
});

describe('stms release: partial failure and --resume', () => {
  it('a 5xx on one cluster: retried, exit 5 with the resume command; --resume finishes with no duplicate version', async () => {
    f.tj.injectFault({ path: 'job/upload', kind: 'error', status: 503, count: 3 });
    const run = await f.run(RELEASE);
    expect(run.exitCode).toBe(5);
    // One try and the configured two retries, each after looking whether it landed.
    expect(f.tj.callCount('job/upload')).toBe(3);
    expect(versionsOn(f.gz, 'j1')).toBe(1);
    expect(versionsOn(f.tj, 'j1')).toBe(0);
    const id = /release (\d{8}-\d{6}-[a-z0-9]+)/.exec(run.stdout)?.[1] as string;
    expect(run.stdout).toMatch(/GZ_UAT\s+uploaded\s+\d+\s+v00001/);
    expect(run.stdout).toMatch(/TJ_UAT\s+failed\s+-\s+-\s+TJ_UAT job\/upload: HTTP 503/);
    expect(run.stderr).toContain('error: partial release: GZ_UAT has the package; TJ_UAT does not');
    expect(run.stderr).toContain(`finish it with: stms release j1.zip --clusters GZ_UAT,TJ_UAT --resume ${id}`);
    const journal = (await readJournalFile(f, id)).json;
    expect(journal.clusters.GZ_UAT).toMatchObject({ outcome: 'uploaded', version: 'v00001' });
    expect(journal.clusters.TJ_UAT.outcome).toBe('failed');
    expect(journal.clusters.TJ_UAT.error).toContain('HTTP 503');

    const resumed = await f.run(['release', 'j1.zip', '--resume', id, '--json']);
    expect(resumed.exitCode).toBe(0);
    expect(resumed.json).toMatchObject({ ok: true, releaseId: id, resumed: true });
    expect(resumed.json.clusters.GZ_UAT).toMatchObject({ outcome: 'skipped', version: 'v00001' });
    expect(resumed.json.clusters.TJ_UAT).toMatchObject({ outcome: 'uploaded', version: 'v00001' });
    expect(f.gz.callCount('job/upload')).toBe(1);
    expect(versionsOn(f.gz, 'j1')).toBe(1);
    expect(versionsOn(f.tj, 'j1')).toBe(1);
    expect(latestSource(f.tj, 'j1')?.releaseId).toBe(id);
    const after = (await readJournalFile(f, id)).json;
    expect(after.clusters.GZ_UAT.outcome).toBe('uploaded');
    expect(after.clusters.TJ_UAT).toMatchObject({ outcome: 'uploaded', version: 'v00001' });
    expect(after.clusters.TJ_UAT.error).toBeUndefined();
  });

  it('--resume sends the release\'s own deploy user and package name, so both clusters agree', async () => {
    f.tj.injectFault({ path: 'job/upload', kind: 'error', status: 503, count: 3 });
    const run = await f.run([...RELEASE, '--json']);
    expect(run.exitCode).toBe(5);
    const id = run.json.releaseId as string;
    expect((await readJournalFile(f, id)).json.deployUser).toBe('alexyang');
    // Another explicit deploy user would leave the clusters disagreeing: refused.
    const other = await f.run(['release', 'j1.zip', '--resume', id, '--deploy-user', 'bob']);
    expect(other.exitCode).toBe(2);
    expect(other.stderr).toContain(`release ${id} was made as deploy user alexyang, not bob`);
    expect(other.stderr).toContain('Leave out --deploy-user with --resume');
    // CI resuming as another account, from a renamed copy of the same bytes.
    await copyFile(path.join(f.dir, 'j1.zip'), path.join(f.dir, 'j1-copy.zip'));
    const resumed = await f.run(['release', 'j1-copy.zip', '--resume', id, '--json'], { STMS_DEPLOY_USER: 'ci_bot' });
    expect(resumed.exitCode).toBe(0);
    expect(resumed.json.clusters.TJ_UAT.outcome).toBe('uploaded');
    expect(latestSource(f.tj, 'j1')).toMatchObject({ deployUser: 'alexyang', pkgName: 'j1.zip', releaseId: id });
    expect(latestSource(f.gz, 'j1')).toMatchObject({ deployUser: 'alexyang', pkgName: 'j1.zip', releaseId: id });
  });

  it('the --json document of a partial release', async () => {
    f.tj.injectFault({ path: 'job/upload', kind: 'error', status: 502, count: 3 });
    const { exitCode, json } = await f.run([...RELEASE, '--json']);
    expect(exitCode).toBe(5);
    expect(json).toMatchObject({ ok: false, project: 'p1', job: 'j1', policy: 'double', error: { code: 'REMOTE' }, resumeCommand: `stms release j1.zip --clusters GZ_UAT,TJ_UAT --resume ${json.releaseId}` });
    expect(json.error.message).toContain(`GZ_UAT has the package, TJ_UAT not; finish with stms release j1.zip --clusters GZ_UAT,TJ_UAT --resume ${json.releaseId}`);
    expect(json.clusters.TJ_UAT).toMatchObject({ outcome: 'failed', jobId: null, version: null });
  });

  it('the printed resume command works when pasted: -c, --vars, --deploy-user and a path with a space, quoted', async () => {
    // The config has no vars: only --vars resolves the package's variables, so a resume without it fails (exit 3).
    await f.editConfig((config) => {
      delete config.vars;
    });
    const work = path.join(f.dir, 'ci work');
    await mkdir(path.join(work, 'pkgs dir'), { recursive: true });
    await copyFile(path.join(f.dir, 'j1.zip'), path.join(work, 'pkgs dir', 'j1.zip'));
    await copyFile(path.join(f.dir, 'vars.json'), path.join(work, "it's vars.json"));
    f.tj.injectFault({ path: 'job/upload', kind: 'error', status: 503, count: 3 });
    const args = ['-c', path.join(f.dir, 'stms.config.json'), 'release', 'pkgs dir/j1.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--vars', "it's vars.json", '--deploy-user', 'ci bot', '--json'];
    const partial = await runStms(args, { cwd: work });
    expect(partial.exitCode).toBe(5);
    const printed = partial.json.resumeCommand as string;
    expect(printed).toBe(
      `stms -c ${path.join(f.dir, 'stms.config.json')} release 'pkgs dir/j1.zip' --clusters GZ_UAT,TJ_UAT --vars 'it'\\''s vars.json' --deploy-user 'ci bot' --resume ${partial.json.releaseId}`,
    );
    expect(partial.json.error.message).toContain(`finish with ${printed}`);

    // Pasted as printed into a shell whose PATH has `stms`.
    const bin = path.join(f.dir, 'bin');
    await mkdir(bin);
    await writeFile(path.join(bin, 'stms'), `#!/bin/sh\nexec node '${STMS_BIN}' "$@"\n`, { mode: 0o755 });
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('STMS_')));
    const pasted = await execa('sh', ['-c', printed], { cwd: work, env: { ...env, PATH: `${bin}:${process.env.PATH ?? ''}`, NO_COLOR: '1', CI: 'true' }, extendEnv: false, reject: false });
    expect(pasted.stderr).not.toContain('error:');
    expect(pasted.exitCode).toBe(0);
    expect(versionsOn(f.tj, 'j1')).toBe(1);
    expect(latestSource(f.tj, 'j1')).toMatchObject({ deployUser: 'ci bot', releaseId: partial.json.releaseId });
  });

  it('a refusal by the server is final: no retry, its message reported', async () => {
    f.tj.setSwitches({ sourceToken: 'another-token' });
    const { exitCode, json } = await f.run([...RELEASE, '--json']);
    expect(exitCode).toBe(5);
    expect(f.tj.callCount('job/upload')).toBe(1);
    expect(json.clusters.TJ_UAT.outcome).toBe('failed');
    expect(json.clusters.TJ_UAT.error).toContain('As this job is not from standard release, it is not allowed to upload');
  });

  it('a dropped answer after the server stored the version: looked up, not uploaded twice', async () => {
    f.tj.injectFault({ path: 'job/upload', kind: 'lost' });
    const { exitCode, json } = await f.run([...RELEASE, '--json']);
    expect(exitCode).toBe(0);
    expect(json.clusters.TJ_UAT).toMatchObject({ outcome: 'uploaded', version: 'v00001' });
    expect(json.clusters.TJ_UAT.note).toContain('the answer was lost; the version had landed');
    expect(f.tj.callCount('job/upload')).toBe(1);
    expect(versionsOn(f.tj, 'j1')).toBe(1);
  });

  it('a gateway that gives up (504) while the server still stores the upload: looks until it lands, one version', async () => {
    // The version appears 1.5 s after the 504; the fixture's settle window is 3 s.
    f.tj.injectFault({ path: 'job/upload', kind: 'late', delayMs: 1500 });
    const { exitCode, json } = await f.run([...RELEASE, '--json']);
    expect(exitCode).toBe(0);
    expect(json.clusters.TJ_UAT).toMatchObject({ outcome: 'uploaded', version: 'v00001' });
    expect(json.clusters.TJ_UAT.note).toMatch(/the version had landed/);
    expect(f.tj.callCount('job/upload')).toBe(1);
    expect(versionsOn(f.tj, 'j1')).toBe(1);
    expect(latestSource(f.tj, 'j1')?.releaseId).toBe(json.releaseId);
  });

  it('an upload that times out is tried again after looking: exit 0, exactly one version, this release\'s', async () => {
    await f.editConfig((config) => {
      config.timeouts = { ...config.timeouts, upload: '300ms' };
    });
    // The server holds the first upload past the client's timeout; the client gives up on it.
    f.tj.injectFault({ path: 'job/upload', kind: 'delay', delayMs: 1200 });
    const { exitCode, json } = await f.run([...RELEASE, '--json']);
    expect(exitCode).toBe(0);
    expect(json.clusters.TJ_UAT).toMatchObject({ outcome: 'uploaded', version: 'v00001' });
    // Give the held request time to finish on the server before counting versions.
    await sleep(1300);
    expect(versionsOn(f.tj, 'j1')).toBe(1);
    expect(latestSource(f.tj, 'j1')?.releaseId).toBe(json.releaseId);
  });

  it('never uploads blindly: when it cannot look whether the failed upload landed, it stops', async () => {
    // The first job/list (the look before uploading) passes; the next three (the landed check,
    // with its retries) fail; the upload itself fails once.
    f.tj.injectFault({ path: 'job/list', kind: 'delay', delayMs: 0 });
    f.tj.injectFault({ path: 'job/list', kind: 'error', status: 503, count: 3 });
    f.tj.injectFault({ path: 'job/upload', kind: 'error', status: 503 });
    const { exitCode, json } = await f.run([...RELEASE, '--json']);
    expect(exitCode).toBe(5);
    expect(f.tj.callCount('job/upload')).toBe(1);
    expect(json.clusters.TJ_UAT.outcome).toBe('failed');
    expect(json.clusters.TJ_UAT.error).toMatch(/HTTP 503.*; cannot tell whether the upload landed \(TJ_UAT job\/list: .*\); not retrying/);
    expect(json.clusters.GZ_UAT.outcome).toBe('uploaded');
  });

  it('--resume needs the same package and the journal\'s clusters', async () => {
    f.tj.injectFault({ path: 'job/upload', kind: 'error', count: 3 });
    const run = await f.run([...RELEASE, '--json']);
    expect(run.exitCode).toBe(5);
    const id = run.json.releaseId as string;
    const otherTargets = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT', '--resume', id]);
    expect(otherTargets.exitCode).toBe(2);
    expect(otherTargets.stderr).toContain(`release ${id} targets GZ_UAT,TJ_UAT, not GZ_UAT`);
    await f.writePackage('j1.zip', sqlFiles(policyMeta('j1', 'double', { description: 'changed' })));
    const otherPackage = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--resume', id]);
    expect(otherPackage.exitCode).toBe(2);
    expect(otherPackage.stderr).toContain(`released a package with md5 ${run.json.md5}`);
    expect(versionsOn(f.tj, 'j1')).toBe(0);
  });
});

describe('stms release: a journal that cannot be written mid-release', () => {
  it('the other uploads finish; exit 9 naming the folder and what each cluster did', async () => {
    f.tj.injectFault({ path: 'job/upload', kind: 'delay', delayMs: 1500 });
    const run = f.run([...RELEASE, '--json']);
    const releases = path.join(f.stateDir, 'releases');
    for (let i = 0; i < 200 && f.tj.callCount('job/upload') === 0; i++) await sleep(20);
    // GZ_UAT's outcome is written by now or soon; TJ_UAT's upload is held by the sandbox.
    for (let i = 0; i < 100; i++) {
      const [name] = await readdir(releases).catch(() => [] as string[]);
      if (name && JSON.parse(await readFile(path.join(releases, name), 'utf8')).clusters.GZ_UAT.outcome === 'uploaded') break;
      await sleep(20);
    }
    await rm(releases, { recursive: true });
    await writeFile(releases, 'not a folder');
    const { exitCode, json, stderr } = await run;
    expect(exitCode).toBe(9);
    expect(json.error.code).toBe('LOCAL_STATE');
    expect(json.error.message).toMatch(new RegExp(`cannot write the journal of release \\d{8}-\\d{6}-[a-z0-9]+ in ${f.stateDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (ENOTDIR|EEXIST)`));
    expect(json.error.message).toContain('the clusters: GZ_UAT uploaded v00001, TJ_UAT uploaded v00001');
    expect(stderr).not.toContain('internal error');
    expect(versionsOn(f.tj, 'j1')).toBe(1);
  });
});

describe('stms release: one release of a job at a time', () => {
  it('a second release while the first uploads is refused (exit 9, naming the first); none is left locked after', async () => {
    // Long enough for a second process to start on a loaded machine while the first still uploads.
    f.tj.injectFault({ path: 'job/upload', kind: 'delay', delayMs: 6000 });
    const first = f.run([...RELEASE, '--json']);
    for (let i = 0; i < 200 && f.tj.callCount('job/upload') === 0; i++) await sleep(20);
    const second = await f.run([...RELEASE, '--json']);
    expect(second.exitCode).toBe(9);
    expect(second.json.error.code).toBe('LOCAL_STATE');
    expect(second.json.error.message).toMatch(/another release of p1\/j1 is running from this state folder \(process \d+ on .+, release \d{8}-\d{6}-[a-z0-9]+, since /);
    expect(second.stderr).toContain(`remove ${path.join(f.stateDir, 'locks', 'release-p1.j1.lock')}`);
    const done = await first;
    expect(done.exitCode).toBe(0);
    expect(versionsOn(f.gz, 'j1')).toBe(1);
    expect(versionsOn(f.tj, 'j1')).toBe(1);
    expect(await readdir(path.join(f.stateDir, 'locks'))).toEqual([]);
    expect((await f.run(RELEASE)).exitCode).toBe(0);
  });

  it('a lock left by a process that died on this machine is taken over', async () => {
    await mkdir(path.join(f.stateDir, 'locks'), { recursive: true });
    const dead = { pid: 2 ** 22 + 12345, host: hostname(), releaseId: '20200101-000000-dead', startedAt: '2020-01-01T00:00:00Z' };
    await writeFile(path.join(f.stateDir, 'locks', 'release-p1.j1.lock'), JSON.stringify(dead));
    const run = await f.run([...RELEASE, '--json']);
    expect(run.exitCode).toBe(0);
    expect(run.json.clusters.GZ_UAT.outcome).toBe('uploaded');
  });
});

describe('stms release: Ctrl-C', () => {
  it('aborts the upload in flight, records it as interrupted, exits 130; --resume finishes it', async () => {
    f.tj.injectFault({ path: 'job/upload', kind: 'delay', delayMs: 15_000 });
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('STMS_')));
    const child = execa('node', [STMS_BIN, ...RELEASE], { cwd: f.dir, env: { ...env, NO_COLOR: '1', CI: 'true' }, extendEnv: false, reject: false });
    // Wait until GZ_UAT's outcome is in the journal and TJ_UAT's upload is held by the sandbox.
    const journalOf = async () => {
      try {
        const dir = path.join(f.stateDir, 'releases');
        const [name] = (await readdir(dir)).filter((n) => n.endsWith('.json'));
        return name ? JSON.parse(await readFile(path.join(dir, name), 'utf8')) : undefined;
      } catch {
        return undefined;
      }
    };
    for (let i = 0; i < 200; i++) {
      const journal = await journalOf();
      if (journal?.clusters.GZ_UAT.outcome === 'uploaded' && f.tj.callCount('job/upload') === 1) break;
      await sleep(50);
    }
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    const journal = await journalOf();
    expect(journal.clusters.GZ_UAT.outcome).toBe('uploaded');
    expect(journal.clusters.TJ_UAT.outcome).toBe('interrupted');
    expect(String(result.stdout)).toMatch(/TJ_UAT\s+interrupted/);
    expect(String(result.stderr)).toContain(`--resume ${journal.releaseId}`);
    expect(f.leakedTokens(String(result.stdout) + String(result.stderr) + JSON.stringify(journal))).toEqual([]);

    const resumed = await f.run(['release', 'j1.zip', '--resume', journal.releaseId, '--json']);
    expect(resumed.exitCode).toBe(0);
    expect(resumed.json.clusters.GZ_UAT.outcome).toBe('skipped');
    expect(resumed.json.clusters.TJ_UAT.outcome).toBe('uploaded');
    expect(versionsOn(f.gz, 'j1')).toBe(1);
    expect(versionsOn(f.tj, 'j1')).toBe(1);
  });
});
