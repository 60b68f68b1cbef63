import { describe, expect, it } from 'vitest';
import { exitStatusOf } from '../../../src/errors.js';
import { refusalVerdict, releaseVerdict, resumeCommand } from '../../../src/release/document.js';
import type { ClusterResult, ReleaseReport } from '../../../src/release/types.js';

function report(outcomes: Record<string, ClusterResult['outcome']>): ReleaseReport {
  const clusters = Object.fromEntries(Object.entries(outcomes).map(([cluster, outcome]) => [cluster, { cluster, outcome, ...(outcome === 'failed' ? { error: 'HTTP 503' } : { jobId: 3, version: 'v00002' }) }]));
  const done = Object.keys(outcomes).filter((c) => ['uploaded', 'unchanged', 'skipped'].includes(outcomes[c] as string));
  return {
    releaseId: '20261121-103512-ab12cd',
    md5: 'a'.repeat(32),
    policy: 'double',
    project: 'p1',
    job: 'j1',
    packageName: 'p1-j1.zip',
    targets: Object.keys(outcomes),
    storedPackage: '/w/.stms/packages/x.zip',
    journalPath: '/w/.stms/releases/20261121-103512-ab12cd.json',
    resumed: false,
    clusters,
    done,
    notDone: Object.keys(outcomes).filter((c) => !done.includes(c)),
    interrupted: Object.values(outcomes).includes('interrupted'),
  };
}

describe('releaseVerdict', () => {
  const cases: Array<[string, Record<string, ClusterResult['outcome']>, number, string | undefined]> = [
    ['all uploaded', { GZ_UAT: 'uploaded', TJ_UAT: 'uploaded' }, 0, undefined],
    ['unchanged and skipped are done', { GZ_UAT: 'unchanged', TJ_UAT: 'skipped' }, 0, undefined],
    ['one failed: partial, exit 5', { GZ_UAT: 'uploaded', TJ_UAT: 'failed' }, 5, 'REMOTE'],
    ['interrupted wins over failed: exit 130', { GZ_UAT: 'failed', TJ_UAT: 'interrupted' }, 130, 'INTERRUPTED'],
  ];
  for (const [name, outcomes, exit, code] of cases) {
    it(name, () => {
      const v = releaseVerdict({ kind: 'released', report: report(outcomes) }, { packageArg: 'p1-j1.zip' });
      expect(exitStatusOf(v.code)).toBe(exit);
      expect(v.document.ok).toBe(code === undefined);
      expect((v.document.error as { code: string } | undefined)?.code).toBe(code);
      expect(Object.keys(v.document.clusters as object)).toEqual(Object.keys(outcomes));
    });
  }

  it('names the clusters that have the package and the resume command', () => {
    const v = releaseVerdict({ kind: 'released', report: report({ GZ_UAT: 'uploaded', TJ_UAT: 'failed' }) }, { packageArg: 'p1-j1.zip' });
    expect((v.document.error as { message: string }).message).toBe(
      'release 20261121-103512-ab12cd failed on TJ_UAT: GZ_UAT has the package, TJ_UAT not; finish with stms release p1-j1.zip --clusters GZ_UAT,TJ_UAT --resume 20261121-103512-ab12cd',
    );
    expect(v.document.clusters).toEqual({ GZ_UAT: { outcome: 'uploaded', jobId: 3, version: 'v00002' }, TJ_UAT: { outcome: 'failed', jobId: null, version: null, error: 'HTTP 503' } });
  });

  it('a partial release has its resume command as a field of its own; a complete one has none', () => {
    const partial = releaseVerdict({ kind: 'released', report: report({ GZ_UAT: 'uploaded', TJ_UAT: 'failed' }) }, { packageArg: 'p1-j1.zip', vars: 'vars.json' });
    expect(partial.document.resumeCommand).toBe('stms release p1-j1.zip --clusters GZ_UAT,TJ_UAT --vars vars.json --resume 20261121-103512-ab12cd');
    const done = releaseVerdict({ kind: 'released', report: report({ GZ_UAT: 'uploaded', TJ_UAT: 'uploaded' }) }, { packageArg: 'p1-j1.zip' });
    expect(done.document).not.toHaveProperty('resumeCommand');
  });

  it('a cluster that rejected the token makes the release AUTH (exit 2), before a cluster that failed otherwise', () => {
    const r = report({ GZ_UAT: 'failed', TJ_UAT: 'failed', SH_DR: 'uploaded' });
    (r.clusters.TJ_UAT as ClusterResult).errorCode = 'AUTH';
    const v = releaseVerdict({ kind: 'released', report: r }, { packageArg: 'p1-j1.zip' });
    expect(v.code).toBe('AUTH');
    expect(exitStatusOf(v.code)).toBe(2);
    expect(v.document.clusters).not.toHaveProperty('TJ_UAT.errorCode');
  });

  it('an interrupted release names the clusters that have the package and the resume command too', () => {
    const v = releaseVerdict({ kind: 'released', report: report({ GZ_UAT: 'uploaded', TJ_UAT: 'interrupted' }) }, { packageArg: 'p1-j1.zip' });
    expect((v.document.error as { message: string }).message).toBe(
      'release 20261121-103512-ab12cd interrupted: GZ_UAT has the package, TJ_UAT not; finish with stms release p1-j1.zip --clusters GZ_UAT,TJ_UAT --resume 20261121-103512-ab12cd',
    );
  });

  it('a release that left the package nowhere is not partial: no resume command, run it again', () => {
    const v = releaseVerdict({ kind: 'released', report: report({ GZ_UAT: 'failed', TJ_UAT: 'failed' }) }, { packageArg: 'p1-j1.zip' });
    expect(v.code).toBe('REMOTE');
    expect(v.document).not.toHaveProperty('resumeCommand');
    expect((v.document.error as { message: string }).message).toBe(
      'release 20261121-103512-ab12cd failed on GZ_UAT, TJ_UAT: no cluster has the package; nothing was uploaded: run the release again',
    );
  });
});

describe('refusalVerdict', () => {
  it('exit 3 for the package, with its problems', () => {
    const v = refusalVerdict({ code: 'PACKAGE_INVALID', message: 'bad', problems: [{ severity: 'error', code: 'X', message: 'm' }] });
    expect(v.code).toBe('PACKAGE_INVALID');
    expect(v.document).toMatchObject({ ok: false, releaseId: null, problems: [{ severity: 'error', code: 'X', message: 'm' }], error: { code: 'PACKAGE_INVALID', message: 'bad' } });
  });
  it('exit 4 for the HA policy and the CMDB, with the reasons', () => {
    expect(refusalVerdict({ code: 'HA_POLICY', message: 'm', reasons: ['a'] }).code).toBe('HA_POLICY');
    const cmdb = refusalVerdict({ code: 'CMDB', message: 'm', reasons: ['a', 'b'], policy: 'double', project: 'p1', job: 'j1' });
    expect(cmdb.code).toBe('CMDB');
    expect(cmdb.document).toMatchObject({ policy: 'double', project: 'p1', job: 'j1', error: { code: 'CMDB', details: { reasons: ['a', 'b'] } } });
  });
});

describe('resumeCommand', () => {
  it('quotes a package path the shell would split', () => {
    const r = { releaseId: 'r1', targets: ['GZ_UAT', 'TJ_UAT'] };
    expect(resumeCommand(r, { packageArg: './pkgs/p1-j1.zip' })).toBe('stms release ./pkgs/p1-j1.zip --clusters GZ_UAT,TJ_UAT --resume r1');
    expect(resumeCommand(r, { packageArg: "my pkg's.zip" })).toBe("stms release 'my pkg'\\''s.zip' --clusters GZ_UAT,TJ_UAT --resume r1");
  });

  it('repeats -c, --vars and --deploy-user when they were given, each word quoted as needed', () => {
    const r = { releaseId: 'r1', targets: ['GZ_UAT', 'TJ_UAT'] };
    expect(resumeCommand(r, { packageArg: 'p.zip', config: 'conf dir/stms.config.json', vars: 'vars.json', deployUser: 'alex yang' })).toBe(
      "stms -c 'conf dir/stms.config.json' release p.zip --clusters GZ_UAT,TJ_UAT --vars vars.json --deploy-user 'alex yang' --resume r1",
    );
  });
});
