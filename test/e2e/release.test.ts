import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverChecksConsistency } from '../../src/ha/policy-shape.js';
import { POLICIES, type Policy } from '../../src/ha/policies.js';
import { runStms } from '../support/run-stms.js';
import { sqlFiles } from '../support/packages.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { jobOn, latestSource, md5Of, policyMeta, policyPackage, readJournalFile, versionsOn } from './release-support.js';

const TARGETS: Record<Policy, string[]> = {
  single: ['GZ_UAT'],
  singleWithBak: ['GZ_UAT', 'SH_DR'],
  double: ['GZ_UAT', 'TJ_UAT'],
  doubleWithBak: ['GZ_UAT', 'TJ_UAT', 'SH_DR'],
  managerSlave: ['GZ_UAT', 'TJ_UAT'],
  managerSlaveWithBak: ['GZ_UAT', 'TJ_UAT', 'SH_DR'],
};

describe('stms release: each policy to its 1, 2 or 3 clusters', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  for (const policy of POLICIES) {
    it(`${policy} -> ${TARGETS[policy].join(', ')}`, async () => {
      const job = `j_${policy}`;
      const targets = TARGETS[policy];
      const zip = await policyPackage(f, job, policy, targets);
      const { exitCode, json, stderr } = await f.run(['release', path.basename(zip), '--clusters', targets.join(','), '--json']);
      expect(stderr).not.toContain('error');
      expect(exitCode).toBe(0);
      const md5 = await md5Of(zip);
      expect(json).toMatchObject({ ok: true, md5, policy, project: 'p1', job });
      expect(json.releaseId).toMatch(/^\d{8}-\d{6}-[a-z0-9]+$/);
      expect(Object.keys(json.clusters).sort()).toEqual([...targets].sort());

      for (const [name, cluster] of Object.entries(f.clusters)) {
        if (!targets.includes(name)) {
          expect(jobOn(cluster, job), `${name} is not a target`).toBeUndefined();
          continue;
        }
        const onServer = jobOn(cluster, job);
        expect(onServer?.versions.map((v) => v.version)).toEqual(['v00001']);
        expect(json.clusters[name]).toMatchObject({ outcome: 'uploaded', jobId: onServer?.id, version: 'v00001' });
        // The one md5 of the package as given, on every cluster; the rendered zip's md5 in the journal only.
        expect(latestSource(cluster, job)).toMatchObject({
          pkgName: `${job}.zip`,
          deployUser: 'alexyang',
          source: 'aomp',
          token: 'streamis0.3.8',
          md5,
          releaseId: json.releaseId,
          isHighAvailable: !serverChecksConsistency(policy),
        });
        expect(json.clusters[name].renderedMd5).toBe(onServer?.versions[0]?.md5);
      }

      const journal = await readJournalFile(f, json.releaseId);
      expect(json.journal).toBe(path.join(f.stateDir, 'releases', `${json.releaseId}.json`));
      expect(journal.json).toMatchObject({ releaseId: json.releaseId, policy, project: 'p1', job, targets, package: { md5, name: `${job}.zip` } });
      for (const name of targets) expect(journal.json.clusters[name]).toMatchObject({ outcome: 'uploaded', version: 'v00001', jobId: json.clusters[name].jobId });
      expect(f.leakedTokens(journal.text + JSON.stringify(json) + stderr)).toEqual([]);
    });
  }

  it('prints a header, a line per cluster and a summary table; the temp folder is gone afterwards', async () => {
    const zip = await policyPackage(f, 'j_human', 'double', ['GZ_UAT', 'TJ_UAT']);
    const { exitCode, stdout, stderr } = await f.run(['release', path.basename(zip), '--clusters', 'GZ_UAT,TJ_UAT', '-v']);
    expect(exitCode).toBe(0);
    const md5 = await md5Of(zip);
    const id = /release (\d{8}-\d{6}-[a-z0-9]+) {2}p1\/j_human/.exec(stdout)?.[1];
    expect(id).toBeDefined();
    expect(stdout).toContain(`package  j_human.zip  md5 ${md5}`);
    expect(stdout).toContain('policy   double');
    expect(stdout).toContain('targets  GZ_UAT, TJ_UAT');
    expect(stdout).toMatch(/cluster\s+outcome\s+jobId\s+version\s+note/);
    expect(stdout).toMatch(/GZ_UAT\s+uploaded\s+\d+\s+v00001/);
    expect(stdout).toMatch(/TJ_UAT\s+uploaded\s+\d+\s+v00001/);
    expect(stdout).toContain(`journal ${path.join(f.stateDir, 'releases', `${id}.json`)}`);
    // CI: plain progress lines on stderr, the final one per cluster always.
    expect(stderr).toMatch(/GZ_UAT: uploaded \(job \d+ v00001\)/);
    expect(stderr).toMatch(/TJ_UAT: uploaded \(job \d+ v00001\)/);
    // -v traces every request, with the token redacted.
    expect(stderr).toContain('job/upload');
    expect(f.leakedTokens(stdout + stderr)).toEqual([]);
    expect(await readdir(path.join(f.stateDir, 'tmp'))).toEqual([]);
  });

  it('releases a folder with the md5 `stms pack` gives it', async () => {
    await f.register([{ projectName: 'p1', jobName: 'j_dir', haPolicy: 'single' }]);
    const dir = await f.writePackage('p1-j_dir', sqlFiles(policyMeta('j_dir', 'single')));
    const packed = await f.run(['pack', 'p1-j_dir', '-o', 'packed.zip', '--json']);
    expect(packed.exitCode).toBe(0);
    const { exitCode, json } = await f.run(['release', dir, '--clusters', 'GZ_UAT', '--json']);
    expect(exitCode).toBe(0);
    expect(json.md5).toBe(packed.json.md5);
    expect(latestSource(f.gz, 'j_dir')).toMatchObject({ md5: packed.json.md5, pkgName: 'p1-j_dir.zip' });
    expect(versionsOn(f.gz, 'j_dir')).toBe(1);
  });

  it('takes --deploy-user over the config, and global flags after the command', async () => {
    const zip = await policyPackage(f, 'j_user', 'single', ['GZ_UAT']);
    const { exitCode, json } = await runStms(['release', zip, '--clusters', 'GZ_UAT', '--deploy-user', 'bob', '--json', '-c', f.configFile], { cwd: path.dirname(f.dir) });
    expect(exitCode).toBe(0);
    expect(json.clusters.GZ_UAT.outcome).toBe('uploaded');
    expect(latestSource(f.gz, 'j_user')).toMatchObject({ deployUser: 'bob' });
  });

  it('uploads the zip as given when meta.json uses no variable, and one rendered zip for clusters that render alike', async () => {
    const literal = policyMeta('j_literal', 'double') as any;
    delete literal.jobConfig['wds.linkis.flink.resource']['wds.linkis.rm.yarnqueue'];
    await f.register([{ projectName: 'p1', jobName: 'j_literal', haPolicy: 'double' }]);
    const zip = await f.writePackage('j_literal.zip', sqlFiles(literal));
    const plain = await f.run(['release', 'j_literal.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(plain.exitCode).toBe(0);
    const md5 = await md5Of(zip);
    for (const name of ['GZ_UAT', 'TJ_UAT']) {
      expect(plain.json.clusters[name].renderedMd5).toBe(md5);
      expect(jobOn(f.clusters[name] as never, 'j_literal')?.versions[0]?.md5).toBe(md5);
    }

    // The same queue for every IDC: GZ_UAT and TJ_UAT receive the same bytes.
    await f.editConfig((config) => {
      config.vars = { global: { 'IDC_STREAMISJOBCONF..p1.j1..c4': 'shared' } };
    });
    await policyPackage(f, 'j_shared', 'double', ['GZ_UAT', 'TJ_UAT']);
    const shared = await f.run(['release', 'j_shared.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(shared.exitCode).toBe(0);
    expect(shared.json.clusters.GZ_UAT.renderedMd5).toBe(shared.json.clusters.TJ_UAT.renderedMd5);
    expect(shared.json.clusters.GZ_UAT.renderedMd5).not.toBe(shared.json.md5);
  });
});
