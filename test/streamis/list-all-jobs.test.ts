import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxClusterHandle } from '../../src/sandbox/index.js';
import type { StreamisClient } from '../../src/streamis/client.js';
import { clientFor, source, writePackage } from './helpers.js';

// job/list answers `totalPage` as the number of matching jobs: the client must read every page.
describe('Streamis client: listAllJobs', () => {
  let dir: string;
  let sandbox: Sandbox;
  let gz: StreamisClient;
  let handle: SandboxClusterHandle;
  let firstId: number;
  const names = Array.from({ length: 205 }, (_, i) => `m_${String(i).padStart(3, '0')}`);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stms-list-'));
    sandbox = await startSandbox({ dir: path.join(dir, 'sandbox') });
    handle = sandbox.clusters.GZ_UAT!;
    gz = clientFor(handle);
    // The oldest job comes last in job/list's order: on the last page.
    firstId = (await gz.upload({ file: await writePackage(dir, 'm-first.zip', { projectName: 'many', jobName: 'm-first', tags: 'etl' }), projectName: 'many', source: source() })).jobId;
    for (const [i, jobName] of names.entries()) {
      const tags = i % 2 === 0 ? 'kafka' : 'etl';
      await gz.upload({ file: await writePackage(dir, `${jobName}.zip`, { projectName: 'many', jobName, tags }), projectName: 'many', source: source() });
    }
  }, 120_000);
  afterAll(async () => {
    await gz?.close();
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads every page of a project: 206 jobs in three calls', async () => {
    const before = handle.callCount('job/list');
    const rows = await gz.listAllJobs({ projectName: 'many' });
    expect(rows.map((r) => r.name).sort()).toEqual(['m-first', ...names]);
    expect(handle.callCount('job/list') - before).toBe(3);
  });

  it('passes the label and the name to the server, and pages what it matches', async () => {
    const before = handle.callCount('job/list');
    const kafka = await gz.listAllJobs({ projectName: 'many', label: 'kafka' });
    expect(kafka.length).toBe(103);
    expect(kafka.every((r) => r.label === 'kafka')).toBe(true);
    expect(handle.callCount('job/list') - before).toBe(2);
    const named = await gz.listAllJobs({ projectName: 'many', jobName: 'm_1' });
    expect(named.map((r) => r.name).sort()).toEqual(names.filter((n) => n.includes('m_1')));
  });

  it('finds a job on the last page when its name cannot be searched', async () => {
    const before = handle.callCount('job/list');
    expect((await gz.findJob('many', 'm-first'))?.id).toBe(firstId);
    expect(handle.callCount('job/list') - before).toBe(3);
    expect(await gz.findJob('many', 'm-none')).toBeUndefined();
  });
});
