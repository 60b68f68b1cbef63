import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlFiles } from '../support/packages.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { latestSource, policyMeta, readJournalFile, uploadCalls, versionsOn } from './release-support.js';

const PAIR = 'GZ_UAT,TJ_UAT';
const jobs = Array.from({ length: 30 }, (_, i) => `k${String(i).padStart(2, '0')}`);

describe('release of many packages in one run', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
    await f.register([
      ...jobs.map((job) => ({ projectName: 'p1', jobName: job, haPolicy: 'double', clusters: ['GZ_UAT', 'TJ_UAT'] })),
      ...['q1', 'q2'].map((job) => ({ projectName: 'p1', jobName: job, haPolicy: 'single', clusters: ['GZ_UAT'] })),
    ]);
    for (const folder of ['pkgs', 'twice/a', 'twice/b', 'same/one', 'same/two', 'lists']) await mkdir(path.join(f.dir, folder), { recursive: true });
    for (const job of jobs) await f.writePackage(`pkgs/${job}.zip`, sqlFiles(policyMeta(job, 'double')));
  }, 60_000);
  afterAll(async () => {
    await f.close();
  });

  it('releases 30 packages with one failure: exit 8, the others done, and --resume BATCH_ID finishes only the failed job', async () => {
    // The first upload to TJ_UAT fails on every try (one attempt and two retries): one job only, with --concurrency 1.
    f.tj.injectFault({ path: 'job/upload', kind: 'error', status: 503, count: 3 });
    const run = await f.run(['release', 'pkgs', '--clusters', PAIR, '--concurrency', '1', '--continue-on-error', '--report', 'release.xml', '--json']);
    expect(run.exitCode, run.stderr).toBe(8);
    const doc = run.json;
    expect(doc).toMatchObject({ ok: false, summary: { total: 30, ok: 29, failed: 1, notRun: 0 }, error: { code: 'BATCH', message: '1 of 30 jobs failed: p1/k00' } });
    expect(doc.batchId).toMatch(/^\d{8}-\d{6}-[a-z0-9]+$/);
    expect(doc.jobs.map((j: { job: string }) => j.job)).toEqual(jobs);
    const failed = doc.jobs[0];
    expect(failed).toMatchObject({ project: 'p1', job: 'k00', outcome: 'partial', clusters: { GZ_UAT: { outcome: 'uploaded' }, TJ_UAT: { outcome: 'failed' } }, error: { code: 'REMOTE' } });
    for (const job of doc.jobs.slice(1)) {
      expect(job).toMatchObject({ outcome: 'released', ok: true, clusters: { GZ_UAT: { outcome: 'uploaded' }, TJ_UAT: { outcome: 'uploaded' } } });
      expect(job.md5).toMatch(/^[0-9a-f]{32}$/);
      expect(latestSource(f.gz, job.job)?.releaseId).toBe(job.releaseId);
    }
    // Each job has its own release and journal; the failed one is partial there.
    expect(new Set(doc.jobs.map((j: { releaseId: string }) => j.releaseId)).size).toBe(30);
    const journal = await readJournalFile(f, failed.releaseId);
    expect(journal.json.clusters).toMatchObject({ GZ_UAT: { outcome: 'uploaded' }, TJ_UAT: { outcome: 'failed' } });
    expect(doc.resumeCommand).toBe(`stms release --resume ${doc.batchId}`);
    const xml = await readFile(path.join(f.dir, 'release.xml'), 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(60);
    expect(xml.match(/<failure /g)).toHaveLength(1);

    const stranger = await f.run(['release', 'r-stranger.zip', '--resume', doc.batchId]);
    expect(stranger.exitCode).toBe(2);
    expect(stranger.stderr).toContain(`--resume ${doc.batchId}: ${path.join(f.dir, 'r-stranger.zip')} is not a package of that batch`);
    expect(stranger.stderr).toContain(`stms release --resume ${doc.batchId} alone finishes the batch`);
    const oneRelease = await f.run(['release', 'pkgs/k01.zip', 'pkgs/k02.zip', '--resume', failed.releaseId]);
    expect(oneRelease.exitCode).toBe(2);
    expect(oneRelease.stderr).toContain(`--resume ${failed.releaseId} finishes one release: give it one package, or give the id of a batch`);

    const elsewhere = await f.run(['release', '--resume', doc.batchId, '--clusters', 'GZ_UAT']);
    expect(elsewhere.exitCode).toBe(2);
    expect(elsewhere.stderr).toContain(`--resume ${doc.batchId} releases to GZ_UAT,TJ_UAT, not --clusters GZ_UAT`);

    const uploadsBefore = uploadCalls(f);
    const resumed = await f.run(['release', '--resume', doc.batchId, '--json']);
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(resumed.json).toMatchObject({ ok: true, batchId: doc.batchId, summary: { total: 30, ok: 30, failed: 0 } });
    expect(resumed.json.jobs[0]).toMatchObject({ job: 'k00', releaseId: failed.releaseId, clusters: { GZ_UAT: { outcome: 'skipped' }, TJ_UAT: { outcome: 'uploaded' } } });
    expect(uploadCalls(f) - uploadsBefore).toBe(1);
    expect(versionsOn(f.tj, 'k00')).toBe(1);
    expect(versionsOn(f.gz, 'k00')).toBe(1);
  }, 120_000);

  it('refuses two packages of the same job before anything runs (exit 2)', async () => {
    const a = await f.writePackage('twice/a/q1.zip', sqlFiles(policyMeta('q1', 'double')));
    const b = await f.writePackage('twice/b/q1.zip', sqlFiles(policyMeta('q1', 'double', { description: 'another build' })));
    const before = uploadCalls(f);
    const { exitCode, stderr } = await f.run(['release', a, b, '--clusters', PAIR]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(`two packages of the same job in one run; nothing was run:\n  p1/q1: ${a} and ${b}`);
    expect(uploadCalls(f)).toBe(before);
  });

  it('reads --package-list: one path a line, # comments, relative to the list', async () => {
    await writeFile(path.join(f.dir, 'lists', 'two.txt'), '# two of the jobs\n../pkgs/k01.zip\n\n../pkgs/k02.zip   # again\n');
    const { exitCode, json } = await f.run(['release', '--package-list', 'lists/two.txt', '--clusters', PAIR, '--json']);
    expect(exitCode).toBe(0);
    expect(json.jobs.map((j: { job: string; outcome: string }) => `${j.job} ${j.outcome}`)).toEqual(['k01 unchanged', 'k02 unchanged']);
  });

  it('refuses a package list naming a missing package, and an empty one (exit 2)', async () => {
    await writeFile(path.join(f.dir, 'lists', 'missing.txt'), '../pkgs/k01.zip\n../pkgs/nope.zip\n');
    const missing = await f.run(['release', '--package-list', 'lists/missing.txt', '--clusters', PAIR]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain(`${path.join(f.dir, 'lists', 'missing.txt')}:2: ${path.join(f.dir, 'pkgs', 'nope.zip')}: no such package`);
    await writeFile(path.join(f.dir, 'lists', 'empty.txt'), '# nothing yet\n');
    const empty = await f.run(['release', '--package-list', 'lists/empty.txt', '--clusters', PAIR]);
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toContain('lists no packages');
  });

  it('never lets two uploads of the same file name to one cluster overlap, and warns of a zip name without its job', async () => {
    // Each upload works 700 ms in its temp folder: overlapping same-named uploads would destroy each other.
    f.gz.setUploadWorkMs(700);
    try {
      const one = await f.writePackage('same/one/job.zip', sqlFiles(policyMeta('q1', 'single')));
      const two = await f.writePackage('same/two/job.zip', sqlFiles(policyMeta('q2', 'single')));
      const { exitCode, json, stderr } = await f.run(['release', one, two, '--clusters', 'GZ_UAT', '--json'], {});
      expect(exitCode, stderr).toBe(0);
      expect(json.jobs.map((j: { outcome: string }) => j.outcome)).toEqual(['released', 'released']);
      expect(versionsOn(f.gz, 'q1')).toBe(1);
      expect(versionsOn(f.gz, 'q2')).toBe(1);
      expect(stderr).toContain('the zip name "job.zip" does not contain the job name q1');
    } finally {
      f.gz.setUploadWorkMs(0);
    }
  });

  it('spends a failure budget: --max-failures 2 stops beginning packages after the second refusal, the rest not-run; the change is in every source record', async () => {
    await mkdir(path.join(f.dir, 'budget'), { recursive: true });
    const order = ['b0', 'b1', 'b2', 'b3', 'b4', 'b5'];
    const current = JSON.parse(await readFile(f.cmdbFile, 'utf8')) as { apps: never[] };
    await f.register([...current.apps, ...order.map((job) => ({ projectName: 'p1', jobName: job, haPolicy: 'double', clusters: ['GZ_UAT', 'TJ_UAT'] }) as never)]);
    for (const job of order) {
      const meta = policyMeta(job, 'double', job === 'b1' || job === 'b3' ? { jobType: 'flink.nonsense' } : {});
      await f.writePackage(`budget/${job}.zip`, sqlFiles(meta));
    }
    const run = await f.run(['release', 'budget', '--clusters', PAIR, '--concurrency', '1', '--max-failures', '2', '--change', 'CHG-9', '--json']);
    expect(run.exitCode, run.stderr).toBe(8);
    expect(run.json.jobs.map((j: { job: string; outcome: string }) => `${j.job} ${j.outcome}`)).toEqual(['b0 released', 'b1 refused', 'b2 released', 'b3 refused', 'b4 not-run', 'b5 not-run']);
    expect(run.json).toMatchObject({ changeId: 'CHG-9', summary: { total: 6, ok: 2, failed: 2, notRun: 2 }, error: { code: 'BATCH' } });
    expect(run.json.error.message).toContain('--max-failures 2 was reached: 2 jobs not run');
    expect(versionsOn(f.gz, 'b4')).toBe(0);
    expect(latestSource(f.gz, 'b2')?.changeId).toBe('CHG-9');
    expect(latestSource(f.tj, 'b0')?.changeId).toBe('CHG-9');
  });

  it('--resume of a release id alone finishes that release from the package its journal recorded', async () => {
    const current = JSON.parse(await readFile(f.cmdbFile, 'utf8')) as { apps: never[] };
    await f.register([...current.apps, { projectName: 'p1', jobName: 'r1', haPolicy: 'double', clusters: ['GZ_UAT', 'TJ_UAT'] } as never]);
    await f.writePackage('r1.zip', sqlFiles(policyMeta('r1', 'double')));
    f.tj.injectFault({ path: 'job/upload', kind: 'error', status: 503, count: 3 });
    const first = await f.run(['release', 'r1.zip', '--clusters', PAIR, '--json']);
    expect(first.exitCode, first.stderr).toBe(5);
    const resumed = await f.run(['release', '--resume', first.json.releaseId, '--json']);
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(resumed.json).toMatchObject({ releaseId: first.json.releaseId, resumed: true, clusters: { GZ_UAT: { outcome: 'skipped' }, TJ_UAT: { outcome: 'uploaded' } } });
  });
});

