import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { journalFiles, policyPackage } from './release-support.js';
import { putJob, runOn } from './launch-support.js';

/**
 * Before the first write, every target cluster must answer, accept its token and, when the config
 * gives haName, call itself that name: otherwise nothing is uploaded, started or stopped anywhere.
 */

const PAIR = 'GZ_UAT,TJ_UAT';
const WRONG_TJ = { STMS_TOKEN_TJ_UAT: 'not-the-tj-token' };

describe('the preflight of release, launch and stop', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
    await policyPackage(f, 'pf', 'double', ['GZ_UAT', 'TJ_UAT']);
    await policyPackage(f, 'ps', 'single', ['GZ_UAT']);
  });
  afterAll(async () => {
    await f.close();
  });
  afterEach(async () => {
    f.tj.setDown(false);
    await f.editConfig((config) => {
      delete config.clusters.TJ_UAT.haName;
      delete config.clusters.GZ_UAT.haName;
    });
  });

  const uploads = () => [f.gz.callCount('job/upload'), f.tj.callCount('job/upload')];
  const touches = () => ['job/execute', 'job/stop', 'job/bulk/execution', 'job/bulk/pause', 'job/snapshot/{jobId}'].map((p) => f.gz.callCount(p) + f.tj.callCount(p));

  it('a double release with a wrong token for TJ_UAT uploads nowhere, exits 2 and offers no resume', async () => {
    const human = await f.run(['release', 'pf.zip', '--clusters', PAIR], WRONG_TJ);
    expect(human.exitCode).toBe(2);
    expect(human.stderr).toContain('the release refused before any write: TJ_UAT highAvailable/getHAMsg: the gateway did not accept the login of Token-User hadoop');
    expect(human.stderr).not.toContain('--resume');
    expect(human.stderr).not.toContain('partial');
    expect(uploads()).toEqual([0, 0]);
    expect(await journalFiles(f)).toEqual([]);
    expect(f.leakedTokens(human.stdout + human.stderr)).toEqual([]);
    expect(human.stdout + human.stderr).not.toContain('not-the-tj-token');

    const json = await f.run(['release', 'pf.zip', '--clusters', PAIR, '--json'], WRONG_TJ);
    expect(json.exitCode).toBe(2);
    expect(json.json).toMatchObject({ ok: false, error: { code: 'AUTH' } });
    expect(json.json.error.details.preflight.TJ_UAT).toMatchObject({ reachable: true, tokenAccepted: false });
    expect(json.json.error.details.preflight.GZ_UAT).toBeUndefined();
    expect(json.stdout).not.toContain('not-the-tj-token');
    expect(uploads()).toEqual([0, 0]);
  });

  it('a double release with TJ_UAT down uploads nowhere and exits 5', async () => {
    f.tj.setDown(true, 'refuse');
    const run = await f.run(['release', 'pf.zip', '--clusters', PAIR]);
    expect(run.exitCode).toBe(5);
    expect(run.stderr).toMatch(/the release refused before any write: TJ_UAT highAvailable\/getHAMsg: .*the gateway http:\/\/127\.0\.0\.1:\d+ cannot be reached/);
    expect(run.stderr).not.toContain('--resume');
    expect(uploads()).toEqual([0, 0]);
    expect(await journalFiles(f)).toEqual([]);
  });

  it('a release its checks refuse says so at once, though a cluster it asks meanwhile hangs', async () => {
    // The clusters are asked while the package is checked: the checks' refusal stops the asking.
    // Were TJ_UAT waited for, this test would outlast its own time limit.
    f.tj.setDown(true, 'hang');
    await f.editConfig((config) => {
      config.timeouts.request = '10m';
    });
    try {
      const run = await f.run(['release', 'ps.zip', '--clusters', PAIR]);
      expect(run.exitCode).toBe(4);
      expect(run.stderr).toContain('policy single does not fit --clusters GZ_UAT,TJ_UAT');
      expect(run.stderr).not.toContain('getHAMsg');
      expect(uploads()).toEqual([0, 0]);
      expect(await journalFiles(f)).toEqual([]);
    } finally {
      await f.editConfig((config) => {
        config.timeouts.request = '5s';
      });
    }
  });

  it('a cluster whose server calls itself by another name than haName refuses the release (exit 2, both names)', async () => {
    await f.editConfig((config) => {
      config.clusters.GZ_UAT.haName = 'GZ_UAT';
      config.clusters.TJ_UAT.haName = 'BDAP_UAT';
    });
    const run = await f.run(['release', 'pf.zip', '--clusters', PAIR]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("TJ_UAT: the server says it is cluster TJ_UAT, the config's haName is BDAP_UAT");
    expect(run.stderr).not.toContain('GZ_UAT: the server says');
    expect(uploads()).toEqual([0, 0]);
  });

  it('with every cluster ready (haName matching) the release goes ahead', async () => {
    await f.editConfig((config) => {
      config.clusters.GZ_UAT.haName = 'GZ_UAT';
      config.clusters.TJ_UAT.haName = 'TJ_UAT';
    });
    const run = await f.run(['release', 'pf.zip', '--clusters', PAIR, '--json']);
    expect(run.exitCode).toBe(0);
    expect(uploads()).toEqual([1, 1]);
  });

  it('a release whose uploads all fail after the preflight is not called partial and offers no resume', async () => {
    f.gz.injectFault({ path: 'job/upload', kind: 'error', status: 503, count: 3 });
    const before = f.gz.callCount('job/upload');
    const run = await f.run(['release', 'ps.zip', '--clusters', 'GZ_UAT']);
    expect(run.exitCode).toBe(5);
    expect(f.gz.callCount('job/upload')).toBeGreaterThan(before);
    expect(run.stderr).toContain('error: release failed: no cluster has the package');
    expect(run.stderr).toContain('nothing was uploaded: run the release again');
    expect(run.stderr).not.toContain('--resume');
    expect(run.stderr).not.toContain('partial');
  });

  it('launch and stop with a wrong token on one cluster touch no job', async () => {
    await putJob(f, 'pl', 'double', ['GZ_UAT', 'TJ_UAT']);
    const before = touches();
    const launch = await f.run(['launch', 'p1/pl', '--clusters', PAIR], WRONG_TJ);
    expect(launch.exitCode).toBe(2);
    expect(launch.stderr).toContain('stms launch refused before any write: TJ_UAT highAvailable/getHAMsg: the gateway did not accept the login');
    expect(touches()).toEqual(before);

    await runOn(f.gz, 'pl');
    await runOn(f.tj, 'pl');
    const running = touches();
    const stop = await f.run(['stop', 'p1/pl', '--clusters', PAIR, '--json'], WRONG_TJ);
    expect(stop.exitCode).toBe(2);
    expect(stop.json.error.code).toBe('AUTH');
    expect(touches()).toEqual(running);
    expect(f.leakedTokens(launch.stdout + launch.stderr + stop.stdout + stop.stderr)).toEqual([]);
    expect(launch.stderr + stop.stdout).not.toContain('not-the-tj-token');
  });

  it('launch with one cluster down touches no job (exit 5)', async () => {
    await putJob(f, 'pd', 'double', ['GZ_UAT', 'TJ_UAT']);
    const before = touches();
    f.tj.setDown(true, 'refuse');
    const run = await f.run(['launch', 'p1/pd', '--clusters', PAIR]);
    expect(run.exitCode).toBe(5);
    expect(run.stderr).toContain('stms launch refused before any write: TJ_UAT highAvailable/getHAMsg');
    expect(touches()).toEqual(before);
  });
});
