import { describe, expect, it } from 'vitest';
import { appViews, auditFindings } from '../../../src/audit/findings.js';
import { FINDING_KINDS, type AuditCluster, type AuditInput, type AuditJob, type Finding } from '../../../src/audit/types.js';
import type { CmdbRecord } from '../../../src/cmdb/types.js';
import { acceptedMissingMessage } from '../../../src/consistency/accepted-missing.js';

const RUNNING = 5;
const STOPPED = 7;
const A = 'aaaa';
const B = 'bbbb';

const job = (policy: string | null, statusCode = RUNNING, md5: string | null = A, projectName = 'p1', jobName = 'j1', savepointPath: string | null = null): AuditJob => ({ projectName, jobName, statusCode, md5, policy, savepointPath });
const cluster = (name: string, role: AuditCluster['role'], jobs: AuditJob[], whetherManager?: boolean): AuditCluster => ({ name, role, jobs, whetherManager });
const record = (haPolicy: string, clusters?: string[], projectName = 'p1', jobName = 'j1'): CmdbRecord => ({ projectName, jobName, haPolicy, ...(clusters ? { clusters } : {}) });

/** GZ_UAT + TJ_UAT (a pair) + SH_DR, with the job's row on each (undefined: absent there). */
function input(gz: AuditJob | undefined, tj: AuditJob | undefined, sh: AuditJob | undefined, cmdb: CmdbRecord[], managers: [boolean?, boolean?] = []): AuditInput {
  return {
    clusters: [cluster('GZ_UAT', 'primary', gz ? [gz] : [], managers[0]), cluster('TJ_UAT', 'backup', tj ? [tj] : [], managers[1]), cluster('SH_DR', 'dr', sh ? [sh] : [])],
    pairs: [['GZ_UAT', 'TJ_UAT']],
    cmdb,
  };
}
const kinds = (findings: Finding[]) => findings.map((f) => (f.cluster ? `${f.kind}@${f.cluster}` : f.kind));

describe('auditFindings: healthy apps give no findings', () => {
  const healthy: Array<[string, AuditInput]> = [
    ['single', input(job('single'), undefined, undefined, [record('single', ['GZ_UAT'])])],
    ['no declared policy (read as single)', input(undefined, job(null), undefined, [record('single')])],
    ['singleWithBak', input(job('singleWithBak'), undefined, job('singleWithBak', 0), [record('singleWithBak', ['GZ_UAT', 'SH_DR'])])],
    ['double', input(job('double'), job('double'), undefined, [record('double', ['GZ_UAT', 'TJ_UAT'])])],
    ['double stopped on both', input(job('double', STOPPED), job('double', STOPPED), undefined, [record('double')])],
    ['doubleWithBak', input(job('doubleWithBak'), job('doubleWithBak'), job('doubleWithBak', 0), [record('doubleWithBak')])],
    ['managerSlave on the manager', input(job('managerSlave'), job('managerSlave', STOPPED), undefined, [record('managerSlave')], [true, false])],
    ['managerSlave, manager unknown', input(job('managerSlave'), job('managerSlave', 0), undefined, [record('managerSlave')])],
    ['managerSlaveWithBak', input(job('managerSlaveWithBak', 0), job('managerSlaveWithBak'), job('managerSlaveWithBak', 0), [record('managerSlaveWithBak')], [false, true])],
    ['double uploaded by hand on both (nothing to compare)', input(job('double', RUNNING, null), job('double', RUNNING, null), undefined, [record('double')])],
    ['a CMDB record without clusters in the audit', input(undefined, undefined, undefined, [record('double')])],
  ];
  it.each(healthy)('%s', (_, data) => {
    expect(auditFindings(data)).toEqual([]);
  });
});

describe('auditFindings: each finding', () => {
  const table: Array<[string, AuditInput, string[]]> = [
    ['double running on one only', input(job('double'), job('double', STOPPED), undefined, [record('double')]), ['double-not-running-on-both@TJ_UAT']],
    ['doubleWithBak starting on one', input(job('doubleWithBak', 8), job('doubleWithBak'), job('doubleWithBak', 0), [record('doubleWithBak')]), ['double-not-running-on-both@GZ_UAT']],
    ['double missing on the partner', input(job('double'), undefined, undefined, [record('double')]), ['pair-materials-missing@TJ_UAT']],
    ['managerSlave missing on the slave', input(job('managerSlave'), undefined, undefined, [record('managerSlave')], [true, false]), ['pair-materials-missing@TJ_UAT']],
    ['double with different materials', input(job('double'), job('double', RUNNING, B), undefined, [record('double')]), ['pair-materials-differ']],
    ['double hand-uploaded on one side', input(job('double'), job('double', RUNNING, null), undefined, [record('double')]), ['pair-materials-differ']],
    ['managerSlave on the slave', input(job('managerSlave', STOPPED), job('managerSlave'), undefined, [record('managerSlave')], [true, false]), ['manager-slave-off-manager@TJ_UAT']],
    ['managerSlave on both', input(job('managerSlave'), job('managerSlave'), undefined, [record('managerSlave')], [true, false]), ['running-twice', 'manager-slave-off-manager@TJ_UAT']],
    ['managerSlave on both, both managers', input(job('managerSlave'), job('managerSlave'), undefined, [record('managerSlave')], [true, true]), ['running-twice']],
    ['single running on two clusters', input(job('single'), job('single'), undefined, [record('single')]), ['running-twice']],
    ['running on DR', input(job('doubleWithBak'), job('doubleWithBak'), job('doubleWithBak'), [record('doubleWithBak')]), ['running-on-dr@SH_DR']],
    ['single running on DR', input(undefined, undefined, job('single'), [record('single')]), ['running-on-dr@SH_DR']],
    ['DR materials missing', input(job('singleWithBak'), undefined, undefined, [record('singleWithBak')]), ['dr-materials-missing@SH_DR']],
    ['DR materials different', input(job('doubleWithBak'), job('doubleWithBak'), job('doubleWithBak', 0, B), [record('doubleWithBak')]), ['dr-materials-differ@SH_DR']],
    ['DR hand-uploaded', input(job('singleWithBak'), undefined, job('singleWithBak', 0, null), [record('singleWithBak')]), ['dr-materials-differ@SH_DR']],
    ['not registered', input(job('single'), undefined, undefined, []), ['cmdb-not-registered']],
    ['policy differs from the CMDB', input(job('double'), job('double'), undefined, [record('managerSlave')]), ['cmdb-policy-differs']],
    ['undeclared policy against a double record', input(job(null), undefined, undefined, [record('double')]), ['cmdb-policy-differs']],
    ['on an unregistered cluster', input(job('single'), undefined, undefined, [record('single', ['TJ_UAT'])]), ['cmdb-clusters-differ@GZ_UAT', 'cmdb-clusters-differ@TJ_UAT']],
    ['registered but absent everywhere', input(undefined, undefined, undefined, [record('double', ['GZ_UAT', 'TJ_UAT', 'XX'])]), ['cmdb-clusters-differ@GZ_UAT', 'cmdb-clusters-differ@TJ_UAT']],
    ['absence reported once, as an HA finding', input(job('double'), undefined, undefined, [record('double', ['GZ_UAT', 'TJ_UAT'])]), ['pair-materials-missing@TJ_UAT']],
    ['unknown policy', input(job('Double'), job('Double'), undefined, [record('double')]), ['unknown-policy', 'cmdb-policy-differs']],
    ['policy differs between clusters', input(job('double'), job('single'), undefined, [record('double')]), ['policy-differs-between-clusters', 'cmdb-policy-differs']],
  ];
  it.each(table)('%s', (_, data, expected) => {
    expect(kinds(auditFindings(data))).toEqual(expected);
  });

  it('only checks the registered DR cluster when the CMDB names one', () => {
    const data = input(job('singleWithBak'), undefined, undefined, [record('singleWithBak', ['GZ_UAT', 'BJ_DR'])]);
    data.clusters.push(cluster('BJ_DR', 'dr', []));
    expect(kinds(auditFindings(data))).toEqual(['dr-materials-missing@BJ_DR']);
  });

  it('names all DR clusters when the job is on none of several', () => {
    const data = input(job('singleWithBak'), undefined, undefined, [record('singleWithBak')]);
    data.clusters.push(cluster('BJ_DR', 'dr', []));
    const findings = auditFindings(data);
    expect(findings).toEqual([{ kind: 'dr-materials-missing', project: 'p1', job: 'j1', message: 'p1/j1 is missing on its DR cluster (SH_DR or BJ_DR): release it there too', expected: 'on SH_DR or BJ_DR', found: 'on no DR cluster' }]);
  });

  it('skips the DR checks when no DR cluster is audited', () => {
    const data = input(job('doubleWithBak'), job('doubleWithBak'), undefined, [record('doubleWithBak')]);
    data.clusters.pop();
    expect(auditFindings(data)).toEqual([]);
  });

  it('does not guess a pair partner when a cluster is in several pairs', () => {
    const data = input(job('double'), undefined, undefined, [record('double')]);
    data.pairs = [['GZ_UAT', 'TJ_UAT'], ['GZ_UAT', 'SZ_UAT']];
    expect(auditFindings(data)).toEqual([]);
  });

  it('writes messages that say what is wrong, where, and what to do', () => {
    const messages = auditFindings(input(job('double'), job('double', STOPPED, B), undefined, [record('managerSlave', ['GZ_UAT', 'TJ_UAT'])])).map((f) => f.message);
    expect(messages).toEqual([
      'p1/j1 (double) has different materials on its pair: GZ_UAT: aaaa, TJ_UAT: bbbb: release the same package to both',
      'p1/j1 (double) runs on GZ_UAT but is stopped on TJ_UAT: start it there (stms launch)',
      'the CMDB registers p1/j1 with haPolicy "managerSlave" but the job declares "double": update the CMDB record, or release the package with the registered policy',
    ]);
    expect(auditFindings(input(job('Double'), undefined, undefined, [record('double')]))[0]?.message).toBe(
      'p1/j1 declares HA policy "Double", which Streamis does not know (did you mean double?): the server starts it like single but restarts it like a two-cluster job; fix wds.streamis.app.highavailable.policy in meta.json and release again',
    );
    expect(auditFindings(input(job('single'), undefined, undefined, []))[0]?.message).toBe(
      'p1/j1 is on GZ_UAT but not registered in the CMDB: register it (subsystem, owner, HA architecture, clusters)',
    );
  });
});

describe('auditFindings: same job name twice in one cluster', () => {
  it('reports each job of the name, per cluster, with the others named', () => {
    const data: AuditInput = {
      clusters: [cluster('GZ_UAT', 'primary', [job('single', RUNNING, A, 'p1', 'etl'), job('single', RUNNING, A, 'p2', 'etl'), job('single', RUNNING, A, 'p3', 'other')])],
      pairs: [],
      cmdb: [record('single', undefined, 'p1', 'etl'), record('single', undefined, 'p2', 'etl'), record('single', undefined, 'p3', 'other')],
    };
    expect(auditFindings(data)).toEqual([
      { kind: 'duplicate-name', project: 'p1', job: 'etl', cluster: 'GZ_UAT', message: 'job name etl appears 2 times on GZ_UAT (p1/etl, p2/etl): rename one so each job name is unique on the cluster', expected: 'one job named etl on GZ_UAT', found: '2: p1/etl, p2/etl' },
      { kind: 'duplicate-name', project: 'p2', job: 'etl', cluster: 'GZ_UAT', message: 'job name etl appears 2 times on GZ_UAT (p1/etl, p2/etl): rename one so each job name is unique on the cluster', expected: 'one job named etl on GZ_UAT', found: '2: p1/etl, p2/etl' },
    ]);
  });

  it('does not report one name on two different clusters', () => {
    expect(kinds(auditFindings(input(job('double'), job('double'), undefined, [record('double')])))).toEqual([]);
  });
});

describe('auditFindings: order and views', () => {
  it('sorts by project, job, kind order, cluster', () => {
    const data: AuditInput = {
      clusters: [
        cluster('GZ_UAT', 'primary', [job('single', RUNNING, A, 'p2', 'a'), job('double', RUNNING, A, 'p1', 'b')]),
        cluster('TJ_UAT', 'backup', [job('double', STOPPED, B, 'p1', 'b')]),
      ],
      pairs: [['GZ_UAT', 'TJ_UAT']],
      cmdb: [],
    };
    expect(auditFindings(data).map((f) => `${f.project}/${f.job} ${f.kind}${f.cluster ? `@${f.cluster}` : ''}`)).toEqual([
      'p1/b pair-materials-differ',
      'p1/b double-not-running-on-both@TJ_UAT',
      'p1/b cmdb-not-registered',
      'p2/a cmdb-not-registered',
    ]);
    expect(FINDING_KINDS.indexOf('duplicate-name')).toBe(0);
  });

  it('groups rows into one view per app, keeping CMDB-only apps', () => {
    const views = appViews(input(job('double'), job('double'), undefined, [record('double'), record('single', undefined, 'p9', 'gone')]));
    expect(views.map((v) => [v.project, v.job, [...v.on.keys()], v.record?.haPolicy])).toEqual([
      ['p1', 'j1', ['GZ_UAT', 'TJ_UAT'], 'double'],
      ['p9', 'gone', [], 'single'],
    ]);
  });
});

describe('auditFindings: a savepoint path left in a job configuration', () => {
  it('is reported per cluster where it is set, and nowhere else', () => {
    const left = job('double', RUNNING, A, 'p1', 'j1', 'hdfs:///flink/savepoints/p1.j1/savepoint-1');
    const findings = auditFindings(input(left, job('double'), undefined, [record('double', ['GZ_UAT', 'TJ_UAT'])]));
    expect(kinds(findings)).toEqual(['savepoint-path-left@GZ_UAT']);
    expect(findings[0]?.message).toContain('wds.linkis.flink.savepoint.path = hdfs:///flink/savepoints/p1.j1/savepoint-1');
  });
});

describe('auditFindings: verdicts accepted with a cluster missing, and stale standby state', () => {
  const accepted = (message: string, highAvailable = true): AuditJob => ({ ...job('managerSlave'), verdict: { highAvailable, message } });
  const written = acceptedMissingMessage({ missing: 'GZ_UAT', reason: 'GZ down; "INC-1"', acceptedBy: 'ops' }, 'md5 a on TJ_UAT');

  it('lists a verdict written by check --accept-missing, with who accepted it and why', () => {
    const findings = auditFindings(input(job('managerSlave', STOPPED), accepted(written), undefined, [record('managerSlave')]));
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'verdict-accepted-missing', cluster: 'TJ_UAT', expected: 'a verdict comparing both clusters (stms check)', found: 'accepted without GZ_UAT by ops: GZ down; "INC-1"' }),
    ]);
  });

  it('does not list a normal verdict, a withdrawn one, or a message that only looks alike', () => {
    for (const tj of [accepted('一致性检查通过 / consistent: md5 a'), accepted(written, false), accepted(written.replace('accepted with', 'accepted w/'))]) {
      expect(kinds(auditFindings(input(job('managerSlave', STOPPED), tj, undefined, [record('managerSlave')])))).toEqual([]);
    }
  });

  it('reports the standby states it is given, and none when hdfs was not looked at', () => {
    const data = { ...input(job('managerSlave'), job('managerSlave', STOPPED), undefined, [record('managerSlave')]), standby: [{ project: 'p1', job: 'j1', manager: 'GZ_UAT', standby: 'TJ_UAT', verdict: 'stale' as const, ageSeconds: 1800, maxAgeSeconds: 900, copy: 'hdfs:///backup/chk-7' }] };
    expect(auditFindings(data)).toEqual([expect.objectContaining({ kind: 'standby-state-stale', cluster: 'TJ_UAT', expected: 'a complete copy on TJ_UAT at most 15m old', found: 'stale: newest complete copy 30m old (hdfs:///backup/chk-7)' })]);
    expect(FINDING_KINDS).toContain('standby-state-stale');
  });
});
