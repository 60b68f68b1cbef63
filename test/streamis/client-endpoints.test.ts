import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import type { StreamisClient } from '../../src/streamis/client.js';
import { parseSource } from '../../src/streamis/source.js';
import { clientFor, eventually, md5File, source, writePackage } from './helpers.js';

// Every endpoint's happy path, over real sockets against the in-process sandbox.
describe('Streamis client: endpoints', () => {
  let dir: string;
  let sandbox: Sandbox;
  let gz: StreamisClient;
  let jobId: number;
  let pkg: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stms-client-'));
    sandbox = await startSandbox({ dir: path.join(dir, 'sandbox') });
    gz = clientFor(sandbox.clusters.GZ_UAT!);
    pkg = await writePackage(dir, 'p1_j1.zip', { projectName: 'p1', jobName: 'j1' });
  });
  afterAll(async () => {
    await gz?.close();
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads a package with progress and gets the job id', async () => {
    const progress: Array<[number, number]> = [];
    const result = await gz.upload({ file: pkg, projectName: 'p1', source: source({ md5: await md5File(pkg) }), onProgress: (sent, total) => progress.push([sent, total]) });
    expect(result.jobId).toBeGreaterThan(0);
    jobId = result.jobId;
    const total = (await import('node:fs')).statSync(pkg).size;
    expect(progress.at(-1)).toEqual([total, total]);
    const job = sandbox.clusters.GZ_UAT!.jobs().find((j) => j.id === jobId);
    expect(job?.versions.map((v) => v.version)).toEqual(['v00001']);
    expect(job?.versions[0]?.md5).toBe(await md5File(pkg));
  });

  it('stores the source field as sent (ASCII-escaped, same meaning)', async () => {
    const job = sandbox.clusters.GZ_UAT!.jobs().find((j) => j.id === jobId)!;
    const parsed = parseSource(job.versions[0]!.source);
    expect(parsed.ok && parsed.record.highAvailableMessage).toBe('首次上传');
    expect(parsed.ok && parsed.record.md5).toBe(await md5File(pkg));
  });

  it('re-uploads as a new version of the same job', async () => {
    const again = await gz.upload({ file: pkg, projectName: 'p1', source: JSON.stringify(source({ releaseId: 'r-test-2' })) });
    expect(again.jobId).toBe(jobId);
    const { versions, totalPage } = await gz.versions(jobId);
    expect(versions.map((v) => v.version)).toEqual(['v00002', 'v00001']);
    expect(totalPage).toBe(2);
    const firstPage = await gz.versions(jobId, { pageNow: 1, pageSize: 1 });
    expect(firstPage.versions.map((v) => v.version)).toEqual(['v00002']);
  });

  it('lists jobs, by substring and exactly', async () => {
    await gz.upload({ file: await writePackage(dir, 'p1_j10.zip', { projectName: 'p1', jobName: 'j10' }), projectName: 'p1', source: source() });
    const all = await gz.listJobs({ projectName: 'p1' });
    expect(all.tasks.map((t) => t.name).sort()).toEqual(['j1', 'j10']);
    expect(all.totalPage).toBe(2);
    const substring = await gz.listJobs({ projectName: 'p1', jobName: 'j1' });
    expect(substring.tasks.map((t) => t.name).sort()).toEqual(['j1', 'j10']);
    const exact = await gz.listJobs({ projectName: 'p1', jobName: 'j1', exact: true });
    expect(exact.tasks.map((t) => t.name)).toEqual(['j1']);
    expect(exact.tasks[0]).toMatchObject({ id: jobId, projectName: 'p1', jobType: 'flink.sql', lastVersion: 'v00002' });
  });

  it('finds a job by exact name, also one whose name the search filter refuses', async () => {
    expect((await gz.findJob('p1', 'j1'))?.id).toBe(jobId);
    expect(await gz.findJob('p1', 'nope')).toBeUndefined();
    const hyphen = await gz.upload({ file: await writePackage(dir, 'p1_j-2.zip', { projectName: 'p1', jobName: 'j-2' }), projectName: 'p1', source: source() });
    expect((await gz.findJob('p1', 'j-2'))?.id).toBe(hyphen.jobId);
    expect(await gz.findJob('p1', 'j-3')).toBeUndefined();
  });

  it('reads one version, the job row and the parsed content', async () => {
    expect(await gz.version(jobId, 'v00001')).toMatchObject({ version: 'v00001' });
    expect(await gz.version(jobId, 'v00077')).toBeNull();
    expect(await gz.jobInfo(jobId)).toMatchObject({ id: jobId, name: 'j1', projectName: 'p1', jobType: 'flink.sql' });
    const content = await gz.jobContent(jobId);
    expect(content.jobContent).toMatchObject({ sql: 'select 1' });
    expect((await gz.jobContent(jobId, 'v00001')).jobContent).toMatchObject({ sql: 'select 1' });
  });

  it('inspects a job: latest version with its source, snapshot, list, HA verdict', async () => {
    const inspection = await gz.inspect(jobId);
    expect(inspection.version?.now?.version).toBe('v00002');
    const parsed = parseSource(inspection.version?.now?.source);
    expect(parsed.ok && parsed.record.releaseId).toBe('r-test-2');
    expect(inspection.inspections.length).toBeGreaterThan(0);
    expect(inspection.highavailable?.highAvailable).toBe(true); // single: the check is skipped
  });

  it('writes an HA verdict into the latest version source without a new version', async () => {
    await gz.updateHighAvailable({ jobId, version: 'v00002', highAvailable: true, highAvailableMessage: 'consistent with TJ_UAT' });
    const inspection = await gz.inspect(jobId);
    const parsed = parseSource(inspection.version?.now?.source);
    expect(parsed.ok && parsed.record.isHighAvailable).toBe(true);
    expect(parsed.ok && parsed.record.highAvailableMessage).toBe('consistent with TJ_UAT');
    expect(parsed.ok && parsed.record.releaseId).toBe('r-test-2');
    expect((await gz.versions(jobId)).versions).toHaveLength(2);
  });

  it('reads the job configuration as stored strings', async () => {
    const config = await gz.jobConfig(jobId);
    expect(config['wds.linkis.flink.produce']).toMatchObject({ 'wds.streamis.app.highavailable.policy': 'single' });
  });

  it('starts a job and follows its status until running', async () => {
    expect(await gz.status([jobId])).toEqual([]); // never ran: absent
    await gz.execute(jobId);
    const running = await eventually(async () => (await gz.status([jobId])).find((s) => s.statusCode === 5));
    expect(running).toMatchObject({ jobId, status: 'running', statusCode: 5 });
    expect(await gz.status([])).toEqual([]);
  });

  it('takes a savepoint of a running job', async () => {
    const { path: savepoint } = await gz.snapshot(jobId);
    expect(typeof savepoint).toBe('string');
    expect(savepoint).not.toBe('');
  });

  it('stops a job with a savepoint path', async () => {
    const stopped = await gz.stop({ jobId, snapshot: true, skipHookError: false });
    expect(typeof stopped.path).toBe('string');
    const status = await eventually(async () => (await gz.status([jobId])).find((s) => s.statusCode === 7));
    expect(status.status).toBe('Stopped');
    expect(await gz.stop({ jobId, snapshot: false, skipHookError: true })).toEqual({});
  });

  it('starts and pauses in bulk', async () => {
    const j10 = (await gz.findJob('p1', 'j10'))!.id;
    const started = await gz.bulkExecution([jobId, j10]);
    expect(started.total).toBe(2);
    expect(started.result.Success.count).toBe(2);
    expect(started.result.Failed.count).toBe(0);
    await eventually(async () => {
      const s = await gz.status([jobId, j10]);
      return s.length === 2 && s.every((x) => x.statusCode === 5) ? true : undefined;
    });
    const paused = await gz.bulkPause([jobId, j10], { snapshot: false, skipHookError: true });
    expect(paused.total).toBe(2);
    expect(paused.result.Success.count + paused.result.Failed.count).toBe(2);
  });

  it('reads the error message of a failed start', async () => {
    const j10 = (await gz.findJob('p1', 'j10'))!.id;
    await eventually(async () => ((await gz.status([j10]))[0]?.statusCode === 7 ? true : undefined));
    sandbox.clusters.GZ_UAT!.failNextStart('p1', 'j10', 'TaskManager lost');
    await gz.execute(j10);
    const failed = await eventually(async () => (await gz.status([j10])).find((s) => s.statusCode === 6));
    expect(failed.status).toBe('Failed');
    const details = await gz.errorMessage(j10);
    expect(details?.errDesc).toContain('TaskManager lost');
  });

  it('bans and enables jobs', async () => {
    await eventually(async () => ((await gz.status([jobId]))[0]?.statusCode === 7 ? true : undefined));
    await gz.ban([jobId]);
    expect(sandbox.clusters.GZ_UAT!.jobs().find((j) => j.id === jobId)?.enable).toBe(false);
    await gz.enable([jobId]);
    expect(sandbox.clusters.GZ_UAT!.jobs().find((j) => j.id === jobId)?.enable).toBe(true);
  });

  it('reads the cluster HA role and the login user', async () => {
    expect(await gz.haMessage()).toMatchObject({ whetherManager: true });
    const tj = clientFor(sandbox.clusters.TJ_UAT!);
    try {
      expect(await tj.haMessage()).toMatchObject({ whetherManager: false });
    } finally {
      await tj.close();
    }
    expect(await gz.username()).toMatchObject({ userName: sandbox.clusters.GZ_UAT!.tokenUser });
  });

  it("asks the project service for EDIT privilege and keeps the server's clock from the Date header", async () => {
    expect(await gz.hasEditPrivilege('p1')).toBe(true);
    expect(await gz.hasEditPrivilege('')).toBe(false);
    const clock = gz.serverClock();
    expect(clock).toBeDefined();
    // The sandbox runs on this machine's clock; the header has whole seconds.
    expect(Math.abs((clock?.serverMs ?? 0) - (clock?.localMs ?? 0))).toBeLessThan(1500);
  });

  it('traces each request and answer on one line, token redacted, no bodies', async () => {
    const lines: string[] = [];
    const traced = clientFor(sandbox.clusters.GZ_UAT!, { trace: (line) => lines.push(line) });
    try {
      await traced.haMessage();
      await traced.upload({ file: pkg, projectName: 'p1', source: source() });
    } finally {
      await traced.close();
    }
    const token = sandbox.clusters.GZ_UAT!.token;
    expect(lines[0]).toMatch(/^→ GZ_UAT GET \/api\/rest_j\/v1\/streamis\/streamJobManager\/highAvailable\/getHAMsg \[Token-User: hadoop, Token-Code: \*\*\*\]$/);
    expect(lines[1]).toMatch(/^← GZ_UAT 200 GET \/api\/rest_j\/v1\/streamis\/streamJobManager\/highAvailable\/getHAMsg \d+ms status=0$/);
    expect(lines[2]).toMatch(/^→ GZ_UAT POST \S+\/job\/upload\?projectName=p1 \[.*\] \(\d+ bytes\)$/);
    expect(lines[3]).toMatch(/^← GZ_UAT 200 POST \S+\/job\/upload\?projectName=p1 \d+ms status=0$/);
    expect(lines).toHaveLength(4);
    expect(lines.join('\n')).not.toContain(token);
    expect(lines.join('\n')).not.toContain('select 1');
  });
});
