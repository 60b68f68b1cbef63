import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS } from '../../src/streamis/status-codes.js';
import { sqlFiles } from '../support/packages.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { jobView, statusOn } from './launch-support.js';
import { policyMeta, uploadCalls, versionsOn } from './release-support.js';
import { jobPackage } from './upgrade-support.js';

const PAIR = 'GZ_UAT,TJ_UAT';

describe('plan, validate and upgrade of many packages in one run', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
    await f.register(['a1', 'a2', 'a3', 'u1', 'u2', 'u3'].map((job) => ({ projectName: 'p1', jobName: job, haPolicy: 'double', clusters: ['GZ_UAT', 'TJ_UAT'] })));
    for (const folder of ['plans', 'valid', 'ups-v1', 'ups-v2']) await mkdir(path.join(f.dir, folder), { recursive: true });
    for (const job of ['a1', 'a2', 'a3']) await f.writePackage(`plans/${job}.zip`, sqlFiles(policyMeta(job, 'double')));
  }, 60_000);
  afterAll(async () => {
    await f.close();
  });

  it('plans a folder of packages as one plan file, exit 11 with --exit-code, and release --plan uploads exactly what it lists', async () => {
    // a1 is already on both clusters: its plan says unchanged there.
    const first = await f.run(['release', 'plans/a1.zip', '--clusters', PAIR]);
    expect(first.exitCode, first.stderr).toBe(0);
    const plan = await f.run(['plan', 'plans', '--clusters', PAIR, '--exit-code', '-o', 'plans/plan.json', '--json']);
    expect(plan.exitCode, plan.stderr).toBe(11);
    expect(plan.json).toMatchObject({ ok: true, wouldChange: true, summary: { total: 3, ok: 3 } });
    expect(plan.json.jobs.map((j: { job: string; outcome: string }) => `${j.job} ${j.outcome}`)).toEqual(['a1 unchanged', 'a2 would-change', 'a3 would-change']);
    const file = JSON.parse(await readFile(path.join(f.dir, 'plans', 'plan.json'), 'utf8'));
    expect(file.jobs.map((j: { job: string; clusters: Record<string, { action: string }> }) => `${j.job} ${j.clusters.GZ_UAT?.action} ${j.clusters.TJ_UAT?.action}`)).toEqual(['a1 unchanged unchanged', 'a2 upload upload', 'a3 upload upload']);

    const before = uploadCalls(f);
    const applied = await f.run(['release', '--plan', 'plans/plan.json', '--json']);
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(uploadCalls(f) - before).toBe(4);
    for (const job of ['a1', 'a2', 'a3']) for (const c of [f.gz, f.tj]) expect(versionsOn(c, job), job).toBe(1);

    const again = await f.run(['plan', 'plans', '--clusters', PAIR, '--exit-code']);
    expect(again.exitCode, again.stderr).toBe(0);
  });

  it('validates many packages: each reported, exit 3 when one is not valid', async () => {
    await f.writePackage('valid/v1.zip', sqlFiles(policyMeta('a1', 'double')));
    await f.writePackage('valid/v2.zip', sqlFiles({ ...policyMeta('a2', 'double'), jobType: 'flink.nonsense' }));
    const { exitCode, json } = await f.run(['validate', 'valid', '--json']);
    expect(exitCode).toBe(3);
    expect(json.packages.map((p: { ok: boolean }) => p.ok)).toEqual([true, false]);
    expect(json.error).toEqual({ code: 'PACKAGE_INVALID', message: '1 package of 2 not valid' });
  });

  it('upgrades three running jobs in one run, each restarted from its own savepoint', async () => {
    for (const job of ['u1', 'u2', 'u3']) await jobPackage(f, job, 'double', 'v1', undefined);
    const v1 = await f.run(['upgrade', 'u1-v1.zip', 'u2-v1.zip', 'u3-v1.zip', '--clusters', PAIR, '--stable', '0', '--json']);
    expect(v1.exitCode, v1.stderr).toBe(0);
    for (const job of ['u1', 'u2', 'u3']) expect(statusOn(f.gz, job)).toBe(STATUS.RUNNING);
    for (const job of ['u1', 'u2', 'u3']) await jobPackage(f, job, 'double', 'v2', undefined);
    const v2 = await f.run(['upgrade', 'u1-v2.zip', 'u2-v2.zip', 'u3-v2.zip', '--clusters', PAIR, '--stable', '0', '--json']);
    expect(v2.exitCode, v2.stderr).toBe(0);
    expect(v2.json).toMatchObject({ ok: true, summary: { total: 3, ok: 3 } });
    for (const job of v2.json.jobs) {
      expect(job).toMatchObject({ outcome: 'upgraded', clusters: { GZ_UAT: { outcome: 'running', versionAfter: 'v00002' }, TJ_UAT: { outcome: 'running', versionAfter: 'v00002' } } });
      expect(job.clusters.GZ_UAT.restoredFrom).toBe(job.clusters.GZ_UAT.savepoint);
    }
    for (const job of ['u1', 'u2', 'u3']) expect(jobView(f.tj, job)?.versions).toHaveLength(2);
  }, 120_000);
});
