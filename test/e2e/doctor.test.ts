import { rename } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';

/** `stms doctor`: the preflight of every cluster on demand, the CMDB and the clocks. */
describe('stms doctor', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture({ deniedProjects: ['locked'] });
  });
  afterAll(async () => {
    await f.close();
  });
  afterEach(async () => {
    f.tj.setDown(false);
    await f.editConfig((config) => {
      for (const c of Object.values(config.clusters) as Array<Record<string, unknown>>) delete c.haName;
    });
  });

  it('all green: a table of every cluster of the config and the CMDB, exit 0', async () => {
    const run = await f.run(['doctor']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/cluster\s+reachable\s+token\s+server name\s+haName\s+manager\s+clock skew/);
    expect(run.stdout).toMatch(/GZ_UAT\s+yes\s+accepted\s+GZ_UAT\s+\(not set\)\s+yes\s+[+-]\d+\.\d s/);
    expect(run.stdout).toMatch(/TJ_UAT\s+yes\s+accepted\s+TJ_UAT\s+\(not set\)\s+no\s+/);
    expect(run.stdout).toMatch(/SH_DR\s+yes\s+accepted\s+SH_DR/);
    expect(run.stdout).toMatch(/CMDB\s+readable\s+.*cmdb\.json\s+0 apps/);
    expect(run.stderr).not.toContain('error');
    expect(f.leakedTokens(run.stdout + run.stderr)).toEqual([]);
  });

  it('--json: {ok, clusters: {NAME: {...}}, cmdb}', async () => {
    await f.editConfig((config) => {
      config.clusters.GZ_UAT.haName = 'GZ_UAT';
    });
    const run = await f.run(['doctor', '--clusters', 'GZ_UAT,TJ_UAT', '--project', 'p1', '--json']);
    expect(run.exitCode).toBe(0);
    expect(Object.keys(run.json.clusters)).toEqual(['GZ_UAT', 'TJ_UAT']);
    expect(run.json).toMatchObject({
      ok: true,
      clusters: {
        GZ_UAT: { reachable: true, tokenAccepted: true, clusterName: 'GZ_UAT', haName: 'GZ_UAT', nameMatches: true, whetherManager: true, editPrivilege: true, problems: [] },
        TJ_UAT: { reachable: true, tokenAccepted: true, clusterName: 'TJ_UAT', haName: null, nameMatches: null, whetherManager: false, editPrivilege: true, problems: [] },
      },
      cmdb: { configured: true, reachable: true, apps: 0, problems: [] },
    });
    // The sandbox runs on this machine's clock: the skew is the Date header's rounding, under 2 s.
    expect(Math.abs(run.json.clusters.GZ_UAT.clockSkewMs)).toBeLessThan(2000);
    expect(f.gz.callCount('projectPrivilege/hasEditPrivilege')).toBeGreaterThan(0);
    expect(f.leakedTokens(run.stdout + run.stderr)).toEqual([]);
  });

  it('a rejected token: exit 2, the cluster named, the token never shown', async () => {
    const run = await f.run(['doctor'], { STMS_TOKEN_TJ_UAT: 'not-the-tj-token' });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toMatch(/TJ_UAT\s+yes\s+rejected/);
    expect(run.stderr).toContain('error: TJ_UAT highAvailable/getHAMsg: the gateway did not accept the login of Token-User hadoop');
    expect(run.stderr).toContain('Set STMS_TOKEN_TJ_UAT');
    expect(run.stdout + run.stderr).not.toContain('not-the-tj-token');
    expect(f.leakedTokens(run.stdout + run.stderr)).toEqual([]);
    const json = await f.run(['doctor', '--json'], { STMS_TOKEN_TJ_UAT: 'not-the-tj-token' });
    expect(json.json).toMatchObject({ ok: false, clusters: { TJ_UAT: { reachable: true, tokenAccepted: false }, GZ_UAT: { tokenAccepted: true, problems: [] } } });
    expect(json.stdout).not.toContain('not-the-tj-token');
  });

  it('a cluster down: exit 5, unreachable', async () => {
    f.tj.setDown(true, 'refuse');
    const run = await f.run(['doctor', '--json']);
    expect(run.exitCode).toBe(5);
    expect(run.json.clusters.TJ_UAT).toMatchObject({ reachable: false, tokenAccepted: null, clusterName: null });
    expect(run.json.clusters.TJ_UAT.problems[0]).toMatch(/^TJ_UAT highAvailable\/getHAMsg: .*cannot be reached/);
    expect(run.json.clusters.GZ_UAT.problems).toEqual([]);
  });

  it('a wrong haName: exit 2, both names', async () => {
    await f.editConfig((config) => {
      config.clusters.TJ_UAT.haName = 'BDAP_UAT';
    });
    const run = await f.run(['doctor', '--clusters', 'TJ_UAT']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toMatch(/TJ_UAT\s+yes\s+accepted\s+TJ_UAT\s+BDAP_UAT \(differs\)/);
    expect(run.stderr).toContain("error: TJ_UAT: the server says it is cluster TJ_UAT, the config's haName is BDAP_UAT");
  });

  it('no edit privilege on --project: exit 2', async () => {
    const run = await f.run(['doctor', '--clusters', 'GZ_UAT', '--project', 'locked']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toMatch(/edit locked/);
    expect(run.stderr).toContain('error: GZ_UAT: Token-User hadoop has no edit privilege on project locked');
  });

  it('the CMDB file missing: exit 2, the file named', async () => {
    const moved = `${f.cmdbFile}.away`;
    await rename(f.cmdbFile, moved);
    try {
      const run = await f.run(['doctor']);
      expect(run.exitCode).toBe(2);
      expect(run.stdout).toMatch(/CMDB\s+unreachable/);
      expect(run.stderr).toContain(`error: ${f.cmdbFile}: cannot read the CMDB file: ENOENT`);
      const json = await f.run(['doctor', '--json']);
      expect(json.json).toMatchObject({ ok: false, cmdb: { configured: true, reachable: false } });
    } finally {
      await rename(moved, f.cmdbFile);
    }
  });

  it('an unknown cluster in --clusters is a usage error', async () => {
    const run = await f.run(['doctor', '--clusters', 'NOPE']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('unknown cluster NOPE in --clusters');
  });
});
