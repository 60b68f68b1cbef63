import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDING_KINDS } from '../../src/audit/types.js';
import { acceptedMissingMessage } from '../../src/consistency/accepted-missing.js';
import { KIND_TITLES } from '../../src/report/audit-html.js';
import { dumpDom, screenshot } from '../support/chromium.js';
import type { CmdbRecord } from '../../src/cmdb/types.js';
import type { Policy } from '../../src/ha/policies.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { clientFor } from '../streamis/helpers.js';
import { putJob, runOn, type PutOptions } from './launch-support.js';

const ALL = 'GZ_UAT,TJ_UAT,SH_DR';
const MD5_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const MD5_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

describe('stms audit', () => {
  let f: SandboxFixture;
  const apps: CmdbRecord[] = [];
  async function job(project: string, name: string, policy: Policy, on: string[], o: PutOptions & { register?: Partial<CmdbRecord> | false } = {}) {
    await putJob(f, name, policy, on, { project, ...o });
    if (o.register !== false) apps.push({ projectName: project, jobName: name, haPolicy: policy, clusters: on, ...o.register });
  }

  beforeAll(async () => {
    f = await startSandboxFixture();
    // A clean project: a double job running on both clusters of its pair.
    await job('ok', 'good', 'double', ['GZ_UAT', 'TJ_UAT']);
    await runOn(f.gz, 'good', 'ok');
    await runOn(f.tj, 'good', 'ok');
    await job('ok', 'good_dr', 'singleWithBak', ['GZ_UAT', 'SH_DR']);

    // A project with one problem of each kind.
    await job('au', 'dupe', 'single', ['GZ_UAT']);
    await job('au2', 'dupe', 'single', ['GZ_UAT']);
    await job('au', 'half', 'double', ['GZ_UAT', 'TJ_UAT']);
    await runOn(f.gz, 'half', 'au');
    await job('au', 'ms', 'managerSlave', ['GZ_UAT', 'TJ_UAT']);
    f.gz.setWhetherManager(false);
    f.tj.setWhetherManager(true);
    await runOn(f.tj, 'ms', 'au');
    f.gz.setWhetherManager(true);
    f.tj.setWhetherManager(false);
    await job('au', 'nodr', 'doubleWithBak', ['GZ_UAT', 'TJ_UAT'], { register: { clusters: ['GZ_UAT', 'TJ_UAT', 'SH_DR'] } });
    await job('au', 'drdiff', 'doubleWithBak', ['GZ_UAT', 'TJ_UAT', 'SH_DR'], { md5: { GZ_UAT: MD5_A, TJ_UAT: MD5_A, SH_DR: MD5_B } });
    await job('au', 'pairmiss', 'double', ['GZ_UAT'], { register: { clusters: ['GZ_UAT', 'TJ_UAT'] } });
    await job('au', 'pairdiff', 'double', ['GZ_UAT', 'TJ_UAT'], { md5: { GZ_UAT: MD5_A, TJ_UAT: MD5_B } });
    await job('au', 'unreg', 'single', ['GZ_UAT'], { register: false });
    await job('au', 'cmdbpol', 'single', ['GZ_UAT'], { register: { haPolicy: 'double' } });
    await job('au', 'cmdbcl', 'single', ['TJ_UAT'], { register: { clusters: ['GZ_UAT'] } });
    await job('au', 'ondr', 'singleWithBak', ['GZ_UAT', 'SH_DR']);
    await runOn(f.dr, 'ondr', 'au');
    await job('au', 'typo', 'double', ['GZ_UAT', 'TJ_UAT'], { declared: 'Double' });
    await job('au', 'mixed', 'double', ['GZ_UAT']);
    await putJob(f, 'mixed', 'double', ['TJ_UAT'], { project: 'au', declared: 'single' });
    // A savepoint path left in a job's configuration (as an interrupted restart would leave it).
    const ids = await putJob(f, 'leftsp', 'single', ['GZ_UAT'], { project: 'au' });
    apps.push({ projectName: 'au', jobName: 'leftsp', haPolicy: 'single', clusters: ['GZ_UAT'] });
    const gz = clientFor(f.gz);
    const config = await gz.jobConfig(ids.GZ_UAT as number);
    const produce = { ...(config['wds.linkis.flink.produce'] as Record<string, unknown>), 'wds.linkis.flink.savepoint.path': 'hdfs:///flink/savepoints/au.leftsp/savepoint-1' };
    await gz.saveJobConfig(ids.GZ_UAT as number, { ...config, 'wds.linkis.flink.produce': produce });
    await gz.close();
    // A single job running on both clusters of the pair.
    await job('au', 'twice', 'single', ['GZ_UAT', 'TJ_UAT']);
    await runOn(f.gz, 'twice', 'au');
    await runOn(f.tj, 'twice', 'au');
    // A verdict on TJ_UAT written as check --accept-missing GZ_UAT writes it (accept-missing.test.ts runs the command).
    const accepted = await putJob(f, 'accepted', 'managerSlave', ['GZ_UAT', 'TJ_UAT'], { project: 'au' });
    apps.push({ projectName: 'au', jobName: 'accepted', haPolicy: 'managerSlave', clusters: ['GZ_UAT', 'TJ_UAT'] });
    const tj = clientFor(f.tj);
    const verdict = acceptedMissingMessage({ missing: 'GZ_UAT', reason: 'GZ_UAT down (INC-7)', acceptedBy: 'alexyang' }, 'md5 a on TJ_UAT');
    await tj.updateHighAvailable({ jobId: accepted.TJ_UAT as number, version: 'v00001', highAvailable: true, highAvailableMessage: verdict });
    await tj.close();
    // A project whose only finding is the CMDB's, and one whose only finding is not.
    await job('cm', 'unreg', 'single', ['GZ_UAT'], { register: false });
    await job('cs', 'pairdiff', 'double', ['GZ_UAT', 'TJ_UAT'], { md5: { GZ_UAT: MD5_A, TJ_UAT: MD5_B } });
    await f.register(apps);
  }, 60_000);
  afterAll(async () => {
    await f.close();
  });

  it('finds nothing in a clean project (exit 0)', async () => {
    const { exitCode, json } = await f.run(['audit', '--clusters', ALL, '--project', 'ok', '--json']);
    expect(exitCode).toBe(0);
    expect(json).toMatchObject({ ok: true, projects: ['ok'], jobs: 2, findings: [], targets: ['GZ_UAT', 'TJ_UAT', 'SH_DR'] });
    const human = await f.run(['audit', '--clusters', ALL, '--project', 'ok']);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toBe('no findings: 2 jobs of 1 project on GZ_UAT, TJ_UAT, SH_DR');
  });

  it('reports a finding of every kind; CMDB and consistency findings together exit 4, the more severe', async () => {
    const { exitCode, json, stderr } = await f.run(['audit', '--clusters', ALL, '--project', 'au', '--project', 'au2', '--json']);
    expect(exitCode).toBe(4);
    expect(json.error).toEqual({ code: 'CMDB', message: `the audit found ${json.findings.length} problems` });
    for (const x of json.findings as Array<{ kind: string; code: string }>) expect([x.kind, x.code]).toEqual([x.kind, x.kind.startsWith('cmdb-') ? 'CMDB' : 'CONSISTENCY']);
    const found = (json.findings as Array<{ kind: string; project: string; job: string; cluster?: string }>).map((x) => `${x.kind} ${x.project}/${x.job}${x.cluster ? ` ${x.cluster}` : ''}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'duplicate-name au/dupe GZ_UAT',
        'duplicate-name au2/dupe GZ_UAT',
        'double-not-running-on-both au/half TJ_UAT',
        'manager-slave-off-manager au/ms TJ_UAT',
        'dr-materials-missing au/nodr SH_DR',
        'dr-materials-differ au/drdiff SH_DR',
        'pair-materials-missing au/pairmiss TJ_UAT',
        'pair-materials-differ au/pairdiff',
        'cmdb-not-registered au/unreg',
        'cmdb-policy-differs au/cmdbpol',
        'cmdb-clusters-differ au/cmdbcl TJ_UAT',
        'running-on-dr au/ondr SH_DR',
        'unknown-policy au/typo',
        'policy-differs-between-clusters au/mixed',
        'savepoint-path-left au/leftsp GZ_UAT',
        'running-twice au/twice',
        'verdict-accepted-missing au/accepted TJ_UAT',
      ]),
    );
    // The clean project was not audited, so none of its jobs shows up.
    expect(found.some((x) => x.includes(' ok/'))).toBe(false);
    expect(f.leakedTokens(JSON.stringify(json) + stderr)).toEqual([]);
  });

  it('a CMDB finding alone is CMDB (exit 4); a consistency finding alone CONSISTENCY (exit 6)', async () => {
    const cmdb = await f.run(['audit', '--clusters', ALL, '--project', 'cm', '--json']);
    expect(cmdb.exitCode).toBe(4);
    expect(cmdb.json).toMatchObject({ ok: false, error: { code: 'CMDB', message: 'the audit found 1 problem' }, findings: [{ kind: 'cmdb-not-registered', code: 'CMDB' }] });
    const consistency = await f.run(['audit', '--clusters', ALL, '--project', 'cs', '--json']);
    expect(consistency.exitCode).toBe(6);
    expect(consistency.json).toMatchObject({ ok: false, error: { code: 'CONSISTENCY' }, findings: [{ kind: 'pair-materials-differ', code: 'CONSISTENCY' }] });
  });

  it('prints a table of findings for a person', async () => {
    const { exitCode, stdout } = await f.run(['audit', '--clusters', ALL, '--project', 'au']);
    expect(exitCode).toBe(4);
    expect(stdout).toMatch(/^KIND\s+JOB\s+CLUSTER\s+FINDING/m);
    expect(stdout).toMatch(/^manager-slave-off-manager\s+au\/ms\s+TJ_UAT\s+au\/ms \(managerSlave\) runs on TJ_UAT, which is not the manager cluster/m);
    expect(stdout).toMatch(/\d+ findings: \d+ jobs of 1 project on GZ_UAT, TJ_UAT, SH_DR$/);
  });

  it('warns about a --project that has no job anywhere and no CMDB record (a mistyped name audits nothing)', async () => {
    const { exitCode, stderr, json } = await f.run(['audit', '--clusters', ALL, '--project', 'ok', '--project', 'okk', '--json']);
    expect(exitCode).toBe(0);
    expect(json).toMatchObject({ ok: true, projects: ['ok', 'okk'], jobs: 2 });
    expect(stderr).toContain('warning: --project okk: no job of it on GZ_UAT, TJ_UAT, SH_DR and none in the CMDB (');
    expect(stderr).not.toContain('--project ok:');
  });

  it('audits every project of the CMDB without --project', async () => {
    const { exitCode, json } = await f.run(['audit', '--clusters', ALL, '--json']);
    expect(exitCode).toBe(4);
    expect(json.projects).toEqual(['au', 'au2', 'cs', 'ok']);
  });

  it('exits 2 when there is nothing to audit, or a bad project name', async () => {
    const saved = apps.slice();
    await f.register([]);
    try {
      const empty = await f.run(['audit', '--clusters', ALL]);
      expect(empty.exitCode).toBe(2);
      expect(empty.stderr).toContain('registers no app, so there is no project to audit');
    } finally {
      await f.register(saved);
    }
    const bad = await f.run(['audit', '--clusters', ALL, '--project', 'a/b']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--project a/b: a project name has only letters, digits, _ and .');
  });

  it('writes the HTML report atomically, with a section for every kind; Chromium renders it', async () => {
    const file = path.join(f.dir, 'reports', 'ha-audit.html');
    await mkdir(path.dirname(file));
    const { exitCode, stderr, json } = await f.run(['audit', '--clusters', ALL, '--project', 'au', '--project', 'au2', '--html', 'reports/ha-audit.html', '--json']);
    expect(exitCode).toBe(4);
    expect(stderr).toContain(`HTML report: ${file}`);
    expect((await readdir(path.dirname(file))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const html = await readFile(file, 'utf8');
    expect(html).toContain(`<title>stms HA audit: ${json.findings.length} findings</title>`);

    const dom = await dumpDom(file);
    for (const kind of FINDING_KINDS) {
      expect(dom).toContain(`<h2>${KIND_TITLES[kind]} (`);
      const count = Number(new RegExp(`<section id="kind-${kind}" data-kind="${kind}" data-count="(\\d+)">`).exec(dom)?.[1]);
      // Every kind is present: the sandbox's HDFS holds no standby copy of the managerSlave jobs.
      expect([kind, count]).toEqual([kind, json.findings.filter((x: { kind: string }) => x.kind === kind).length || 'none']);
    }
    expect(dom).not.toContain('Not judged');

    const png = path.join(f.dir, 'reports', 'ha-audit.png');
    await screenshot(file, png);
    const bytes = await readFile(png);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes.length).toBeGreaterThan(20_000);
    if (process.env.STMS_KEEP_SCREENSHOT) await copyFile(png, process.env.STMS_KEEP_SCREENSHOT);
  }, 120_000);

  it('refuses an --html file in a folder that does not exist before reading any cluster (exit 2)', async () => {
    const { exitCode, stderr } = await f.run(['audit', '--clusters', ALL, '--project', 'ok', '--html', 'nowhere/report.html']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(`error: --html ${path.join(f.dir, 'nowhere', 'report.html')}: the folder ${path.join(f.dir, 'nowhere')} does not exist`);
  });

  it('exits 5 when a cluster cannot be reached', async () => {
    f.dr.injectFault({ path: 'job/list', kind: 'error', status: 502, count: 3 });
    const { exitCode, stderr } = await f.run(['audit', '--clusters', ALL, '--project', 'ok']);
    expect(exitCode).toBe(5);
    expect(stderr).toContain('error: SH_DR job/list: HTTP 502');
  });
});
