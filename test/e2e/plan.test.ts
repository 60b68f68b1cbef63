import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../sandbox/support.js';
import { defaultVars, jarFiles, sqlFiles } from '../support/packages.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { jobOn, journalFiles, md5Of, policyMeta, policyPackage, uploadCalls, versionsOn } from './release-support.js';

let f: SandboxFixture;
beforeEach(async () => {
  f = await startSandboxFixture();
  await policyPackage(f, 'j1', 'double', ['GZ_UAT', 'TJ_UAT']);
});
afterEach(async () => {
  await f.close();
});

const PLAN = ['plan', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT'];
const PARALLELISM = '/jobConfig/wds.linkis.flink.resource/wds.linkis.flink.app.parallelism';
const QUEUE = '/jobConfig/wds.linkis.flink.resource/wds.linkis.rm.yarnqueue';

describe('stms plan', () => {
  it('a new job: every key added, with its tier; nothing is written anywhere', async () => {
    const { exitCode, json, stderr } = await f.run([...PLAN, '--json']);
    expect(exitCode).toBe(0);
    expect(json).toMatchObject({ ok: true, releaseId: null, journal: null, md5: await md5Of(`${f.dir}/j1.zip`), policy: 'double', project: 'p1', job: 'j1' });
    for (const [name, queue] of [['GZ_UAT', 'dws'], ['TJ_UAT', 'dws_tj']] as const) {
      const plan = json.clusters[name];
      expect(plan).toMatchObject({ outcome: 'would-upload', jobId: null, version: null, deployed: null });
      expect(plan.changes).toContainEqual({ pointer: QUEUE, change: 'added', level: 3, before: null, after: queue });
      expect(plan.changes).toContainEqual({ pointer: '/jobName', change: 'added', level: 1, before: null, after: 'j1' });
      // Compared as the server stores it: values as strings, seeded defaults added.
      expect(plan.changes).toContainEqual({ pointer: PARALLELISM, change: 'added', level: 1, before: null, after: '1' });
      expect(plan.changes).toContainEqual(expect.objectContaining({ pointer: '/jobConfig/wds.linkis.flink.resource/wds.linkis.flink.taskmanager.memory', after: '4096' }));
    }
    expect(uploadCalls(f)).toBe(0);
    expect(await journalFiles(f)).toEqual([]);
    expect(f.gz.jobs()).toEqual([]);
    expect(f.leakedTokens(JSON.stringify(json) + stderr)).toEqual([]);
  });

  it('a new job in human output: a count per level instead of every key', async () => {
    const { exitCode, stdout } = await f.run(PLAN);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/GZ_UAT\s+would-upload\s+not deployed yet: a new job/);
    expect(stdout).toMatch(/\d+ keys \(\d+ at level 1, \d+ at level 2, [1-9]\d* at level 3\); `stms render <package> --cluster GZ_UAT` shows them/);
    expect(stdout).not.toContain('/jobName');
  });

  it('after a release: unchanged, no change in meta.json, and what is deployed', async () => {
    const release = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(release.exitCode).toBe(0);
    const { exitCode, json } = await f.run([...PLAN, '--json']);
    expect(exitCode).toBe(0);
    for (const name of ['GZ_UAT', 'TJ_UAT']) {
      expect(json.clusters[name]).toMatchObject({
        outcome: 'unchanged',
        version: 'v00001',
        changes: [],
        deployed: { version: 'v00001', md5: release.json.md5, deployUser: 'alexyang', pkgName: 'j1.zip', releaseId: release.json.releaseId, isHighAvailable: false },
      });
      expect(json.clusters[name].notes[0]).toContain(`already has md5 ${release.json.md5}`);
    }
    // Another deploy user would upload again (the consistency check compares deployUser).
    const bob = await f.run([...PLAN, '--deploy-user', 'bob', '--json']);
    expect(bob.json.clusters.GZ_UAT.outcome).toBe('would-upload');
  });

  it('a changed package: the keys changed, added and removed, per cluster, in human output and JSON', async () => {
    expect((await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT'])).exitCode).toBe(0);
    const meta = policyMeta('j1', 'double', { description: 'new text' }) as any;
    meta.jobConfig['wds.linkis.flink.resource']['wds.linkis.flink.app.parallelism'] = 3;
    meta.jobConfig['wds.linkis.flink.custom'] = { 'my.rate': '5' };
    await f.writePackage('j1.zip', sqlFiles(meta));
    await f.editConfig((config) => {
      config.tiers = { '/jobConfig/wds.linkis.flink.custom/my.rate': 2 };
    });
    const { exitCode, json } = await f.run([...PLAN, '--json']);
    expect(exitCode).toBe(0);
    const changes = json.clusters.TJ_UAT.changes;
    expect(json.clusters.TJ_UAT).toMatchObject({ outcome: 'would-upload', version: 'v00001' });
    expect(changes).toEqual([
      { pointer: '/description', change: 'changed', level: 2, before: 'order sums', after: 'new text' },
      { pointer: '/jobConfig/wds.linkis.flink.custom/classloader.resolve-order', change: 'removed', level: 1, before: 'parent-first', after: null },
      { pointer: '/jobConfig/wds.linkis.flink.custom/my.rate', change: 'added', level: 2, before: null, after: '5' },
      { pointer: PARALLELISM, change: 'changed', level: 1, before: '1', after: '3' },
    ]);
    expect(f.tj.callCount('job/upload')).toBe(1);

    const human = await f.run(PLAN);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toContain('plan  p1/j1  (nothing is uploaded)');
    expect(human.stdout).toMatch(/TJ_UAT {2}would-upload {2}deployed v00001 \(job \d+\), md5 [0-9a-f]{32} by alexyang, release \d{8}-\d{6}-/);
    expect(human.stdout).toMatch(/changed\s+1\s+\/jobConfig\/wds\.linkis\.flink\.resource\/wds\.linkis\.flink\.app\.parallelism\s+"1" -> "3"/);
    expect(human.stdout).toMatch(/removed\s+1\s+\/jobConfig\/wds\.linkis\.flink\.custom\/classloader\.resolve-order\s+"parent-first" \(removed\)/);
    expect(human.stdout).toContain('would upload to GZ_UAT, TJ_UAT');
  });

  it('runs the release checks: HA policy refusal exits 4', async () => {
    const { exitCode, json } = await f.run(['plan', 'j1.zip', '--clusters', 'GZ_UAT', '--json']);
    expect(exitCode).toBe(4);
    expect(json).toMatchObject({ ok: false, error: { code: 'HA_POLICY' } });
  });

  it('runs the release checks: an unregistered app exits 4', async () => {
    await f.register([]);
    const { exitCode, json } = await f.run([...PLAN, '--json']);
    expect(exitCode).toBe(4);
    expect(json.error).toMatchObject({ code: 'CMDB' });
  });

  it('needs --clusters', async () => {
    const { exitCode, stderr } = await f.run(['plan', 'j1.zip']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('stms plan needs --clusters');
  });

  it('a cluster that cannot be reached: exit 5 naming it, the other cluster still planned', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await f.editConfig((config) => {
      config.clusters.TJ_UAT.url = `http://127.0.0.1:${port}`;
    });
    const { exitCode, json } = await f.run([...PLAN, '--json']);
    expect(exitCode).toBe(5);
    expect(json).toMatchObject({ ok: false, error: { code: 'REMOTE' } });
    expect(json.error.message).toContain('TJ_UAT');
    expect(json.clusters.TJ_UAT.outcome).toBe('failed');
    expect(json.clusters.TJ_UAT.error).toContain('connection refused');
    expect(json.clusters.GZ_UAT.outcome).toBe('would-upload');
  });

  it('a banned job, whose inspect refuses: flink.jar is read through jobContent, flink.sql is said to be unreadable', async () => {
    await f.editConfig((config) => {
      config.vars = { ...defaultVars('j2') };
    });
    await f.register([
      { projectName: 'p1', jobName: 'j1', haPolicy: 'double' },
      { projectName: 'p1', jobName: 'j2', haPolicy: 'double' },
    ]);
    await f.writePackage('j2.zip', jarFiles());
    for (const pkg of ['j1.zip', 'j2.zip']) expect((await f.run(['release', pkg, '--clusters', 'GZ_UAT,TJ_UAT'])).exitCode).toBe(0);
    for (const job of ['j1', 'j2']) {
      const banned = await call(f.gz, 'POST', 'job/ban', { json: [jobOn(f.gz, job)?.id] });
      expect(banned.body.status).toBe(0);
    }
    const jar = await f.run(['plan', 'j2.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(jar.exitCode).toBe(0);
    expect(jar.json.clusters.GZ_UAT).toMatchObject({ outcome: 'unchanged', changes: [] });
    expect(jar.json.clusters.GZ_UAT.deployed.md5).toBe(jar.json.md5);

    const sql = await f.run([...PLAN, '--json']);
    expect(sql.exitCode).toBe(0);
    expect(sql.json.clusters.TJ_UAT.outcome).toBe('unchanged');
    expect(sql.json.clusters.GZ_UAT).toMatchObject({ outcome: 'would-upload', changes: [] });
    expect(sql.json.clusters.GZ_UAT.notes.join('\n')).toContain('the deployed jobContent cannot be read');
    expect(sql.json.clusters.GZ_UAT.notes.join('\n')).toContain('has been banned');

    // release cannot tell either, so it uploads (the server accepts uploads to banned jobs).
    const release = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(release.exitCode).toBe(0);
    expect(release.json.clusters.TJ_UAT.outcome).toBe('unchanged');
    expect(release.json.clusters.GZ_UAT).toMatchObject({ outcome: 'uploaded', version: 'v00002' });
    expect(versionsOn(f.gz, 'j1')).toBe(2);
  });
});
