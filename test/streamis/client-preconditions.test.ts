import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteError, StmsError } from '../../src/errors.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import type { StreamisClient } from '../../src/streamis/client.js';
import { clientFor, failure, source, writePackage } from './helpers.js';

// The server's refusals arrive as typed RemoteErrors carrying the server's words and the endpoint.
describe('Streamis client: precondition failures', () => {
  let dir: string;
  let sandbox: Sandbox;
  let gz: StreamisClient;
  let tj: StreamisClient;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stms-client-pre-'));
    sandbox = await startSandbox({ dir: path.join(dir, 'sandbox'), deniedProjects: ['locked'] });
    gz = clientFor(sandbox.clusters.GZ_UAT!);
    tj = clientFor(sandbox.clusters.TJ_UAT!);
  });
  afterAll(async () => {
    await gz?.close();
    await tj?.close();
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  function expectRemote(error: unknown, endpoint: string, message: RegExp): void {
    expect(error).toBeInstanceOf(RemoteError);
    const remote = error as RemoteError;
    expect(remote.endpoint).toBe(endpoint);
    expect(remote.cluster).toBe('GZ_UAT');
    expect(remote.status).toBe(1);
    expect(remote.code).toBe('REMOTE');
    expect(remote.outcomeUnknown).toBe(false);
    expect(remote.message).toMatch(message);
    expect(remote.message.startsWith(`GZ_UAT ${endpoint}: `)).toBe(true);
  }

  it('refuses an upload whose source has no token', async () => {
    const pkg = await writePackage(dir, 'a.zip', { projectName: 'p1', jobName: 'a' });
    const { token: _token, ...noToken } = source();
    expectRemote(await failure(gz.upload({ file: pkg, projectName: 'p1', source: noToken })), 'job/upload', /not from standard release/);
  });

  it('refuses an upload with the wrong source token or origin', async () => {
    const pkg = await writePackage(dir, 'b.zip', { projectName: 'p1', jobName: 'b' });
    expectRemote(await failure(gz.upload({ file: pkg, projectName: 'p1', source: source({ token: 'streamis0.3.7' }) })), 'job/upload', /not from standard release/);
    expectRemote(await failure(gz.upload({ file: pkg, projectName: 'p1', source: source({ source: 'AOMP' }) })), 'job/upload', /not from standard release/);
    expectRemote(await failure(gz.upload({ file: pkg, projectName: 'p1', source: 'not json' })), 'job/upload', /not from standard release/);
    expect(sandbox.clusters.GZ_UAT!.jobs().some((j) => j.name === 'b')).toBe(false);
  });

  it('refuses an upload to a project without edit privilege', async () => {
    const pkg = await writePackage(dir, 'c.zip', { projectName: 'locked', jobName: 'c' });
    expectRemote(await failure(gz.upload({ file: pkg, projectName: 'locked', source: source() })), 'job/upload', /no operation permission/);
  });

  it('refuses a project name that differs from meta.json (strict check)', async () => {
    const pkg = await writePackage(dir, 'd.zip', { projectName: 'p1', jobName: 'd' });
    expectRemote(await failure(gz.upload({ file: pkg, projectName: 'p2', source: source() })), 'job/upload', /The projectName \[p2\] dose not match metaJson ProjectName \[p1\]/);
  });

  it('refuses changing the job type of an existing job', async () => {
    await gz.upload({ file: await writePackage(dir, 'e.zip', { projectName: 'p1', jobName: 'e' }), projectName: 'p1', source: source() });
    const jar = await writePackage(dir, 'e_jar.zip', { projectName: 'p1', jobName: 'e', jobType: 'flink.jar' });
    expectRemote(await failure(gz.upload({ file: jar, projectName: 'p1', source: source() })), 'job/upload', /cannot change it to flink\.jar/);
  });

  it('checks the zip file name and size before sending anything', async () => {
    const pkg = await writePackage(dir, 'f.zip', { projectName: 'p1', jobName: 'f' });
    const before = sandbox.clusters.GZ_UAT!.callCount('job/upload');
    const badName = await failure(gz.upload({ file: pkg, fileName: 'my package.zip', projectName: 'p1', source: source() }));
    expect(badName).toBeInstanceOf(StmsError);
    expect(badName.code).toBe('PACKAGE_INVALID');
    expect(badName.message).toMatch(/may only contain letters, digits/);
    const missing = await failure(gz.upload({ file: path.join(dir, 'missing.zip'), projectName: 'p1', source: source() }));
    expect(missing.message).toMatch(/cannot read the package .*missing\.zip: ENOENT/);
    const tiny = clientFor(sandbox.clusters.GZ_UAT!, {}, { maxUploadMB: 0.000001 });
    try {
      const tooBig = await failure(tiny.upload({ file: pkg, projectName: 'p1', source: source() }));
      expect(tooBig.message).toMatch(/cluster GZ_UAT accepts at most/);
    } finally {
      await tiny.close();
    }
    expect(sandbox.clusters.GZ_UAT!.callCount('job/upload')).toBe(before);
  });

  it('refuses to start a double job whose source says isHighAvailable false', async () => {
    const { jobId } = await gz.upload({ file: await writePackage(dir, 'g.zip', { projectName: 'p1', jobName: 'g', policy: 'double' }), projectName: 'p1', source: source({ isHighAvailable: false }) });
    expectRemote(await failure(gz.execute(jobId)), 'job/execute', /materials forJob g ?do not match/);
    const inspection = await gz.inspect(jobId);
    expect(inspection.highavailable?.highAvailable).toBe(false);
    const bulk = await failure(gz.bulkExecution([jobId]));
    expectRemote(bulk, 'job/bulk/execution', /do not match/);
  });

  it('refuses to start a managerSlave job on a non-manager cluster', async () => {
    const pkg = await writePackage(dir, 'h.zip', { projectName: 'p1', jobName: 'h', policy: 'managerSlave' });
    const { jobId } = await tj.upload({ file: pkg, projectName: 'p1', source: source({ isHighAvailable: true }) });
    const error = await failure(tj.execute(jobId));
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.cluster).toBe('TJ_UAT');
    expect(error.message).toMatch(/is in managerSlave mode,please check whether it runs on manager cluster/);
  });

  it('refuses in inspect a job whose only alert user is hduser', async () => {
    const { jobId } = await gz.upload({ file: await writePackage(dir, 'i.zip', { projectName: 'p1', jobName: 'i', alertUser: 'hduser' }), projectName: 'p1', source: source() });
    expectRemote(await failure(gz.inspect(jobId)), 'job/execute/inspect', /other than hduser/);
  });

  it('refuses to stop a job that never ran', async () => {
    const { jobId } = await gz.upload({ file: await writePackage(dir, 'k.zip', { projectName: 'p1', jobName: 'k' }), projectName: 'p1', source: source() });
    expectRemote(await failure(gz.stop({ jobId, snapshot: false, skipHookError: false })), 'job/stop', /Unable to find any StreamTask/);
  });

  it('refuses to start a banned job', async () => {
    const { jobId } = await gz.upload({ file: await writePackage(dir, 'l.zip', { projectName: 'p1', jobName: 'l' }), projectName: 'p1', source: source() });
    await gz.ban([jobId]);
    expectRemote(await failure(gz.execute(jobId)), 'job/execute', /has been banned, cannot start/);
    expectRemote(await failure(gz.ban([jobId])), 'job/ban', /can not be banned/);
  });

  it('names an unknown job id', async () => {
    expectRemote(await failure(gz.execute(987654)), 'job/execute', /not exists job 987654/);
    expectRemote(await failure(gz.versions(987654)), 'job/versions', /Unknown StreamJob with id: 987654/);
    expectRemote(await failure(gz.inspect(987654)), 'job/execute/inspect', /Unknown StreamJob with id: 987654/);
    expectRemote(await failure(gz.snapshot(987654)), 'job/snapshot', /not exists job 987654/);
  });

  it('keeps the raw server text in details and the human part in the message', async () => {
    const error = await failure(gz.execute(987654));
    expect(error.details).toMatchObject({ cluster: 'GZ_UAT', endpoint: 'job/execute', status: 1 });
    expect(typeof error.details.serverMessage).toBe('string');
    expect(error.details.serverMessage).toContain('987654');
  });
});
