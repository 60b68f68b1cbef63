import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxClusterHandle } from '../../src/sandbox/index.js';
import { isRunning, STATUS } from '../../src/streamis/status-codes.js';
import { sqlFiles } from '../support/packages.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { clientFor } from '../streamis/helpers.js';
import { policyMeta } from './release-support.js';
import { jobView, statusOn } from './launch-support.js';

const SAVEPOINT_KEY = 'wds.linkis.flink.savepoint.path';
const PRODUCE = 'wds.linkis.flink.produce';
const PAIR = 'GZ_UAT,TJ_UAT';

/** Writes `<job>-<tag>.zip`: the same job, a different comment per tag (so a new version). */
async function jobPackage(f: SandboxFixture, job: string, policy: string, tag: string, register: string[] | undefined): Promise<string> {
  if (register) {
    const current = JSON.parse(await readFile(f.cmdbFile, 'utf8')) as { apps: Array<Record<string, unknown>> };
    await f.register([...(current.apps as never[]), { projectName: 'p1', jobName: job, haPolicy: policy, clusters: register }]);
  }
  return f.writePackage(`${job}-${tag}.zip`, sqlFiles(policyMeta(job, policy, { comment: `build ${tag}` })));
}

async function configOf(cluster: SandboxClusterHandle, job: string): Promise<Record<string, any>> {
  const client = clientFor(cluster);
  try {
    return await client.jobConfig(jobView(cluster, job)?.id as number);
  } finally {
    await client.close();
  }
}

async function inspectOf(cluster: SandboxClusterHandle, job: string) {
  const client = clientFor(cluster);
  try {
    return await client.inspect(jobView(cluster, job)?.id as number);
  } finally {
    await client.close();
  }
}

/** Samples both clusters' status every few ms until stopped: at no sample may the job be up nowhere. */
function watchPair(f: SandboxFixture, job: string) {
  const samples: Array<[number | null | undefined, number | null | undefined]> = [];
  let on = true;
  const loop = (async () => {
    while (on) {
      samples.push([statusOn(f.gz, job), statusOn(f.tj, job)]);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  return {
    async stop() {
      on = false;
      await loop;
      return samples;
    },
  };
}

const up = (code: number | null | undefined) => code !== null && code !== undefined && isRunning(code);

describe('stms upgrade: a double job, one cluster at a time', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('first upgrade starts it where it should run and does not (restoring what its configuration says)', async () => {
    const zip = await jobPackage(f, 'u_first', 'double', 'v1', ['GZ_UAT', 'TJ_UAT']);
    const { exitCode, json, stderr } = await f.run(['upgrade', path.basename(zip), '--clusters', PAIR, '--stable', '0', '--json']);
    expect(stderr).not.toMatch(/error/i);
    expect(exitCode).toBe(0);
    expect(json).toMatchObject({ ok: true, releaseId: expect.stringMatching(/^\d{8}-\d{6}-/), order: ['GZ_UAT', 'TJ_UAT'] });
    for (const c of ['GZ_UAT', 'TJ_UAT']) {
      expect(json.clusters[c]).toMatchObject({ release: { outcome: 'uploaded', version: 'v00001' }, action: 'start', versionBefore: null, versionAfter: 'v00001', savepoint: null, restoredFrom: null, status: 'running', stable: true });
    }
    expect(statusOn(f.gz, 'u_first')).toBe(STATUS.RUNNING);
    expect(statusOn(f.tj, 'u_first')).toBe(STATUS.RUNNING);
  });

  it('restarts each cluster from the savepoint its own stop produced, keeping one copy up at every moment, and leaves the configuration as it was', async () => {
    const job = 'u_roll';
    const v1 = await jobPackage(f, job, 'double', 'v1', ['GZ_UAT', 'TJ_UAT']);
    expect((await f.run(['upgrade', path.basename(v1), '--clusters', PAIR, '--stable', '0'])).exitCode).toBe(0);
    const before = { gz: await configOf(f.gz, job), tj: await configOf(f.tj, job) };

    // Each start is held for a moment at the server, long enough to look at what it will restore.
    const seen: Record<string, { config?: string | undefined; inspect?: string | null | undefined }> = {};
    for (const cluster of [f.gz, f.tj]) cluster.injectFault({ path: 'job/execute', kind: 'delay', delayMs: 700 });
    const look = (async () => {
      for (let i = 0; i < 400 && Object.keys(seen).length < 2; i++) {
        for (const cluster of [f.gz, f.tj]) {
          if (seen[cluster.name] || statusOn(cluster, job) !== STATUS.STOPPED) continue;
          const path = (await configOf(cluster, job))[PRODUCE]?.[SAVEPOINT_KEY];
          if (path) seen[cluster.name] = { config: path, inspect: (await inspectOf(cluster, job)).snapshot?.path };
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const pair = watchPair(f, job);
    const v2 = await jobPackage(f, job, 'double', 'v2', undefined);
    const { exitCode, json, stderr } = await f.run(['upgrade', path.basename(v2), '--clusters', PAIR, '--stable', '500ms', '--json']);
    const samples = await pair.stop();
    await look;

    expect(stderr).not.toMatch(/error/i);
    expect(exitCode).toBe(0);
    // Up on at least one cluster at every sample, and down on each at some point (it was restarted).
    expect(samples.length).toBeGreaterThan(20);
    expect(samples.filter(([gz, tj]) => !up(gz) && !up(tj))).toEqual([]);
    expect(samples.some(([gz]) => !up(gz))).toBe(true);
    expect(samples.some(([, tj]) => !up(tj))).toBe(true);

    for (const [c, handle] of [['GZ_UAT', f.gz], ['TJ_UAT', f.tj]] as const) {
      const record = json.clusters[c];
      expect(record).toMatchObject({ release: { outcome: 'uploaded', version: 'v00002' }, action: 'restart', versionBefore: 'v00001', versionAfter: 'v00002', status: 'running', stable: true });
      expect(record.savepoint).toMatch(new RegExp(`^hdfs:///flink/savepoints/p1\\.${job}/savepoint-`));
      expect(record.restoredFrom).toBe(record.savepoint);
      // What the server held while the start was under way: that very savepoint, in the config and in inspect.
      expect(seen[c]).toEqual({ config: record.savepoint, inspect: record.savepoint });
      expect(jobView(handle, job)?.currentVersion).toBe('v00002');
    }
    expect(json.clusters.GZ_UAT.savepoint).not.toBe(json.clusters.TJ_UAT.savepoint);
    // The configuration is what it was before (v2 carries the same jobConfig).
    expect(await configOf(f.gz, job)).toEqual(before.gz);
    expect(await configOf(f.tj, job)).toEqual(before.tj);
    expect(f.leakedTokens(JSON.stringify(json) + stderr)).toEqual([]);
  });
});
