import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATUS } from '../../src/streamis/status-codes.js';
import { sqlFiles } from '../support/packages.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { clientFor } from '../streamis/helpers.js';
import { statusOn } from './launch-support.js';
import { md5Of, policyMeta, policyPackage, uploadCalls, versionsOn } from './release-support.js';
import { runningDouble } from './upgrade-support.js';

/** `stms plan -o`, and `release --plan` / `upgrade --plan` applying it exactly or refusing it (exit 10). */

let f: SandboxFixture;
beforeEach(async () => {
  f = await startSandboxFixture();
  await policyPackage(f, 'j1', 'double', ['GZ_UAT', 'TJ_UAT']);
});
afterEach(async () => {
  await f.close();
});

const PAIR = 'GZ_UAT,TJ_UAT';

/** Someone uploads `zip` to one cluster from the web page: a new version with a bare source (no md5). */
async function webUpload(cluster: SandboxFixture['gz'], zip: string): Promise<void> {
  const client = clientFor(cluster);
  try {
    await client.upload({ file: path.join(f.dir, zip), projectName: 'p1', source: { source: 'aomp', token: 'streamis0.3.8' } });
  } finally {
    await client.close();
  }
}

async function readPlan(file: string): Promise<{ text: string; json: any }> {
  const text = await readFile(path.join(f.dir, file), 'utf8');
  return { text, json: JSON.parse(text) };
}

/** A second build of j1: another job.sql, so another md5 and the same meta.json. */
async function rebuildJ1(): Promise<void> {
  await f.writePackage('j1.zip', { ...sqlFiles(policyMeta('j1', 'double')), 'job.sql': 'INSERT INTO sums SELECT 2;\n' });
}

describe('stms plan -o', () => {
  it('writes the plan file: per cluster the action, meta.json md5 and what is deployed; paths relative to its folder; no token', async () => {
    await mkdir(path.join(f.dir, 'plans'));
    const { exitCode, json, stderr } = await f.run(['plan', 'j1.zip', '--clusters', PAIR, '-o', 'plans/p.json', '--json']);
    expect(exitCode, stderr).toBe(0);
    expect(json.planFile).toBe(path.join(f.dir, 'plans', 'p.json'));
    const { text, json: plan } = await readPlan('plans/p.json');
    expect(f.leakedTokens(text)).toEqual([]);
    expect(text).toBe(`${JSON.stringify(plan, null, 2)}\n`);
    expect(Object.keys(plan)).toEqual(['stmsPlan', 'createdAt', 'stmsVersion', 'config', 'targets', 'vars', 'deployUser', 'jobs']);
    expect(plan).toMatchObject({
      stmsPlan: 1,
      stmsVersion: expect.stringMatching(/^\d+\.\d+\.\d+/),
      config: { file: '../stms.config.json', clusters: ['GZ_UAT', 'TJ_UAT', 'SH_DR'] },
      targets: ['GZ_UAT', 'TJ_UAT'],
      vars: { file: '../vars.json', md5: await md5Of(path.join(f.dir, 'vars.json')) },
      deployUser: 'alexyang',
    });
    expect(Number.isNaN(Date.parse(plan.createdAt))).toBe(false);
    expect(plan.jobs).toHaveLength(1);
    const [job] = plan.jobs;
    expect(job).toMatchObject({ package: '../j1.zip', packageMd5: await md5Of(path.join(f.dir, 'j1.zip')), project: 'p1', job: 'j1', policy: 'double', upgradeRefusal: null });
    expect(Object.keys(job.clusters)).toEqual(['GZ_UAT', 'TJ_UAT']);
    for (const c of ['GZ_UAT', 'TJ_UAT']) expect(job.clusters[c]).toEqual({ action: 'upload', then: 'start', metaMd5: expect.stringMatching(/^[0-9a-f]{32}$/), deployed: null });
    // The queue variable differs per IDC: so does each cluster's meta.json.
    expect(job.clusters.GZ_UAT.metaMd5).not.toBe(job.clusters.TJ_UAT.metaMd5);
    expect(uploadCalls(f)).toBe(0);
  });

  it('the same state gives the same plan but for createdAt', async () => {
    expect((await f.run(['plan', 'j1.zip', '--clusters', PAIR, '-o', 'a.json'])).exitCode).toBe(0);
    expect((await f.run(['plan', 'j1.zip', '--clusters', PAIR, '-o', 'b.json'])).exitCode).toBe(0);
    const [a, b] = [(await readPlan('a.json')).json, (await readPlan('b.json')).json];
    expect({ ...a, createdAt: null }).toEqual({ ...b, createdAt: null });
  });

  it('a folder that cannot be written: exit 2 naming the file', async () => {
    await writeFile(path.join(f.dir, 'afile'), 'x');
    const { exitCode, stderr } = await f.run(['plan', 'j1.zip', '--clusters', PAIR, '-o', 'afile/plan.json']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('-o afile/plan.json: cannot write the plan file');
  });
});

describe('stms release --plan', () => {
  it('applied unchanged: uploads exactly where the plan said upload, the unchanged cluster untouched', async () => {
    expect((await f.run(['release', 'j1.zip', '--clusters', PAIR])).exitCode).toBe(0);
    await webUpload(f.tj, 'j1.zip');
    expect([versionsOn(f.gz, 'j1'), versionsOn(f.tj, 'j1')]).toEqual([1, 2]);
    expect((await f.run(['plan', 'j1.zip', '--clusters', PAIR, '-o', 'plan.json'])).exitCode).toBe(0);
    const { json: plan } = await readPlan('plan.json');
    expect(plan.jobs[0].clusters.GZ_UAT).toMatchObject({ action: 'unchanged', deployed: { version: 'v00001', md5: plan.jobs[0].packageMd5 } });
    expect(plan.jobs[0].clusters.TJ_UAT).toMatchObject({ action: 'upload', deployed: { version: 'v00002', md5: null } });

    const { exitCode, json, stderr } = await f.run(['release', '--plan', 'plan.json', '--json']);
    expect(exitCode, stderr).toBe(0);
    expect(json.clusters.GZ_UAT.outcome).toBe('unchanged');
    expect(json.clusters.TJ_UAT).toMatchObject({ outcome: 'uploaded', version: 'v00003' });
    expect([versionsOn(f.gz, 'j1'), versionsOn(f.tj, 'j1')]).toEqual([1, 3]);
    expect(f.gz.callCount('job/upload')).toBe(1);
    expect(f.leakedTokens(JSON.stringify(json) + stderr)).toEqual([]);
  });

  it('uses the plan\'s deploy user, not STMS_DEPLOY_USER', async () => {
    expect((await f.run(['plan', 'j1.zip', '--clusters', PAIR, '--deploy-user', 'carol', '-o', 'plan.json'])).exitCode).toBe(0);
    const { exitCode, stderr } = await f.run(['release', '--plan', 'plan.json'], { STMS_DEPLOY_USER: 'mallory' });
    expect(exitCode, stderr).toBe(0);
    expect(stderr).toContain('the plan plan.json still holds');
    const source = JSON.parse(f.tj.jobs().find((j) => j.name === 'j1')?.versions.at(-1)?.source ?? '{}');
    expect(source.deployUser).toBe('carol');
  });

  it('a new version on one cluster since: exit 10 naming it, nothing uploaded anywhere (human and --json)', async () => {
    expect((await f.run(['release', 'j1.zip', '--clusters', PAIR])).exitCode).toBe(0);
    await rebuildJ1();
    expect((await f.run(['plan', 'j1.zip', '--clusters', PAIR, '-o', 'plan.json'])).exitCode).toBe(0);
    const { json: plan } = await readPlan('plan.json');
    await webUpload(f.tj, 'j1.zip');
    const uploads = uploadCalls(f);

    const human = await f.run(['release', '--plan', 'plan.json']);
    expect(human.exitCode).toBe(10);
    expect(human.stderr).toContain('the plan plan.json is stale (1 difference since it was made); nothing was uploaded:');
    expect(human.stderr).toContain(`job p1/j1 on TJ_UAT: deployed version v00002 (md5 unknown: no source record) where the plan saw version v00001 (md5 ${plan.jobs[0].clusters.TJ_UAT.deployed.md5})`);
    expect(human.stderr).not.toContain('GZ_UAT');

    const { exitCode, json } = await f.run(['release', '--plan', 'plan.json', '--json']);
    expect(exitCode).toBe(10);
    expect(json).toMatchObject({ ok: false, error: { code: 'PLAN_STALE' } });
    expect(json.error.details.differences).toEqual([{ job: 'p1/j1', cluster: 'TJ_UAT', field: 'deployed', planned: { version: 'v00001', md5: plan.jobs[0].clusters.TJ_UAT.deployed.md5 }, now: { version: 'v00002', md5: null } }]);
    expect(uploadCalls(f)).toBe(uploads);
    expect([versionsOn(f.gz, 'j1'), versionsOn(f.tj, 'j1')]).toEqual([1, 2]);
  });

  it('a cluster planned unchanged that would now upload is a difference too', async () => {
    expect((await f.run(['release', 'j1.zip', '--clusters', PAIR])).exitCode).toBe(0);
    expect((await f.run(['plan', 'j1.zip', '--clusters', PAIR, '-o', 'plan.json'])).exitCode).toBe(0);
    await webUpload(f.gz, 'j1.zip');
    const { exitCode, stderr } = await f.run(['release', '--plan', 'plan.json']);
    expect(exitCode).toBe(10);
    expect(stderr).toContain('2 differences');
    expect(stderr).toContain('job p1/j1 on GZ_UAT: deployed version v00002');
    expect(stderr).toContain('job p1/j1 on GZ_UAT: a release would upload where the plan says leave it unchanged');
    expect(versionsOn(f.tj, 'j1')).toBe(1);
  });

  it('a changed package file since: exit 10 naming the package md5', async () => {
    expect((await f.run(['plan', 'j1.zip', '--clusters', PAIR, '-o', 'plan.json'])).exitCode).toBe(0);
    const before = await md5Of(path.join(f.dir, 'j1.zip'));
    await rebuildJ1();
    const after = await md5Of(path.join(f.dir, 'j1.zip'));
    const { exitCode, stderr, json } = await f.run(['release', '--plan', 'plan.json', '--json']);
    expect(exitCode).toBe(10);
    expect(stderr).toContain(`package j1.zip: md5 ${after} where the plan has ${before}`);
    expect(json.error.details.differences).toEqual([{ job: 'p1/j1', field: 'packageMd5', planned: before, now: after }]);
    expect(uploadCalls(f)).toBe(0);
  });

  it('changed variable values since: exit 10 naming the vars file and each meta.json', async () => {
    expect((await f.run(['plan', 'j1.zip', '--clusters', PAIR, '-o', 'plan.json'])).exitCode).toBe(0);
    const vars = JSON.parse(await readFile(path.join(f.dir, 'vars.json'), 'utf8'));
    vars.idc.TJ['IDC_STREAMISJOBCONF..p1.j1..c4'] = 'dws_other';
    await writeFile(path.join(f.dir, 'vars.json'), JSON.stringify(vars));
    const { exitCode, stderr } = await f.run(['release', '--plan', 'plan.json']);
    expect(exitCode).toBe(10);
    expect(stderr).toMatch(/vars file vars\.json: md5 [0-9a-f]{32} where the plan has [0-9a-f]{32}/);
    expect(stderr).toMatch(/job p1\/j1: meta\.json for TJ_UAT differs/);
    expect(stderr).not.toMatch(/meta\.json for GZ_UAT/);
    expect(uploadCalls(f)).toBe(0);
  });

  it('a config with other clusters: exit 10 naming the config clusters and a target it lacks', async () => {
    expect((await f.run(['plan', 'j1.zip', '--clusters', PAIR, '-o', 'plan.json'])).exitCode).toBe(0);
    await f.editConfig((config) => {
      delete config.clusters.TJ_UAT;
      config.pairs = [];
    });
    const { exitCode, stderr } = await f.run(['release', '--plan', 'plan.json']);
    expect(exitCode).toBe(10);
    expect(stderr).toContain('config clusters: GZ_UAT, SH_DR where the plan has GZ_UAT, TJ_UAT, SH_DR');
    expect(stderr).toContain('targets: TJ_UAT is not a cluster of the config in use');
    expect(uploadCalls(f)).toBe(0);
  });

  it.each([
    [['j1.zip'], 'a package (j1.zip)'],
    [['--clusters', PAIR], '--clusters'],
    [['--vars', 'vars.json'], '--vars'],
    [['--deploy-user', 'bob'], '--deploy-user'],
    [['--force'], '--force'],
    [['--resume', '20260121-103512-k3f9a2'], '--resume'],
  ])('--plan with %j: exit 2 naming it', async (extra, named) => {
    const { exitCode, stderr } = await f.run(['release', '--plan', 'plan.json', ...extra]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(`stms release --plan cannot be given ${named}`);
  });

  it('neither a package nor --plan: exit 2', async () => {
    const { exitCode, stderr } = await f.run(['release', '--clusters', PAIR]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('stms release needs a package (a .zip file, a package folder, a folder of them, or --package-list <file>), or --plan <file>');
  });

  it.each([
    ['missing', null, '--plan plan.json: no such file'],
    ['not JSON', '{"stmsPlan": 1,', 'plan.json: not a plan file: not JSON'],
    ['no marker', '{"jobs": []}', 'plan.json: not a plan file: no "stmsPlan" format marker'],
    ['a future format', '{"stmsPlan": 2, "jobs": []}', 'plan.json: a plan of format 2; this stms reads format 1'],
    ['a bad field', 'BAD_FIELD', 'plan.json: jobs.0.packageMd5: must be a hex md5'],
    ['a job without a target', 'NO_TARGET', 'plan.json: jobs.0.clusters: must name exactly the targets (GZ_UAT, TJ_UAT); missing TJ_UAT'],
  ])('a plan file %s: exit 2 with the reason', async (_what, content, message) => {
    if (content !== null) {
      let text = content;
      if (content === 'BAD_FIELD' || content === 'NO_TARGET') {
        expect((await f.run(['plan', 'j1.zip', '--clusters', PAIR, '-o', 'plan.json'])).exitCode).toBe(0);
        const { json } = await readPlan('plan.json');
        if (content === 'BAD_FIELD') json.jobs[0].packageMd5 = 'xyz';
        else delete json.jobs[0].clusters.TJ_UAT;
        text = JSON.stringify(json);
      }
      await writeFile(path.join(f.dir, 'plan.json'), text);
    }
    const { exitCode, stderr } = await f.run(['release', '--plan', 'plan.json']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(message);
    expect(uploadCalls(f)).toBe(0);
  });
});

describe('stms upgrade --plan', () => {
  it('applied unchanged: releases and restarts where the plan said; stale: exit 10, nothing stopped', async () => {
    const v2 = await runningDouble(f, 'u1');
    expect((await f.run(['plan', v2, '--clusters', PAIR, '-o', 'plan.json'])).exitCode).toBe(0);
    const { json: plan } = await readPlan('plan.json');
    for (const c of ['GZ_UAT', 'TJ_UAT']) expect(plan.jobs[0].clusters[c]).toMatchObject({ action: 'upload', then: 'restart', deployed: { version: 'v00001' } });

    // The plan of another job goes stale first: nothing may be stopped by its refusal.
    const other = await runningDouble(f, 'u2');
    expect((await f.run(['plan', other, '--clusters', PAIR, '-o', 'other.json'])).exitCode).toBe(0);
    await webUpload(f.tj, other);
    const stops = f.gz.callCount('job/stop') + f.tj.callCount('job/stop');
    const stale = await f.run(['upgrade', '--plan', 'other.json', '--stable', '0', '--json']);
    expect(stale.exitCode).toBe(10);
    expect(stale.json.error.code).toBe('PLAN_STALE');
    expect(stale.json.error.message).toContain('job p1/u2 on TJ_UAT: deployed version v00002');
    expect(f.gz.callCount('job/stop') + f.tj.callCount('job/stop')).toBe(stops);
    expect([statusOn(f.gz, 'u2'), statusOn(f.tj, 'u2')]).toEqual([STATUS.RUNNING, STATUS.RUNNING]);
    expect([versionsOn(f.gz, 'u2'), versionsOn(f.tj, 'u2')]).toEqual([1, 2]);

    const { exitCode, json, stderr } = await f.run(['upgrade', '--plan', 'plan.json', '--stable', '0', '--json']);
    expect(exitCode, stderr).toBe(0);
    for (const c of ['GZ_UAT', 'TJ_UAT']) {
      expect(json.clusters[c]).toMatchObject({ release: { outcome: 'uploaded', version: 'v00002' }, action: 'restart', versionBefore: 'v00001', versionAfter: 'v00002', status: 'running' });
    }
  });

  it('a job stopped since: what upgrade would do changed, exit 10 (release --plan does not mind)', async () => {
    const v2 = await runningDouble(f, 'u3');
    expect((await f.run(['plan', v2, '--clusters', PAIR, '-o', 'plan.json'])).exitCode).toBe(0);
    expect((await f.run(['stop', 'p1/u3', '--clusters', 'TJ_UAT'])).exitCode).toBe(0);
    const uploads = uploadCalls(f);
    const { exitCode, stderr } = await f.run(['upgrade', '--plan', 'plan.json', '--stable', '0']);
    expect(exitCode).toBe(10);
    expect(stderr).toContain('job p1/u3 on TJ_UAT: upgrade would start it where the plan says restart it');
    expect(statusOn(f.gz, 'u3')).toBe(STATUS.RUNNING);
    expect(uploadCalls(f)).toBe(uploads);
    const release = await f.run(['release', '--plan', 'plan.json']);
    expect(release.exitCode, release.stderr).toBe(0);
  });

  it('--plan with a package: exit 2 naming it', async () => {
    const { exitCode, stderr } = await f.run(['upgrade', 'j1.zip', '--plan', 'plan.json']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('stms upgrade --plan cannot be given a package (j1.zip)');
  });
});
