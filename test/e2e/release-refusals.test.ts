import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqlFiles } from '../support/packages.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { journalFiles, policyMeta, policyPackage, uploadCalls } from './release-support.js';

let f: SandboxFixture;
beforeEach(async () => {
  f = await startSandboxFixture();
});
afterEach(async () => {
  await f.close();
});

/** A refused release: exit code, error code, message parts; nothing uploaded, no journal. */
async function expectRefused(args: string[], exit: number, code: string, parts: Array<string | RegExp>) {
  const run = await f.run([...args, '--json']);
  expect(run.exitCode).toBe(exit);
  expect(run.json).toMatchObject({ ok: false, error: { code } });
  for (const part of parts) expect(run.json.error.message).toMatch(part);
  expect(uploadCalls(f)).toBe(0);
  expect(await journalFiles(f)).toEqual([]);
  expect(f.leakedTokens(run.stdout + run.stderr)).toEqual([]);
  return run;
}

describe('stms release: HA policy refusals (exit 4)', () => {
  const cases: Array<{ name: string; policy: string; targets: string; parts: Array<string | RegExp> }> = [
    { name: 'single on two clusters', policy: 'single', targets: 'GZ_UAT,TJ_UAT', parts: ['single takes exactly one non-DR cluster, got 2', 'drop 1 non-DR cluster'] },
    { name: 'double on one cluster', policy: 'double', targets: 'GZ_UAT', parts: ['exactly two non-DR clusters that form a declared pair, got 1', 'add a non-DR cluster'] },
    { name: 'a DR cluster without …WithBak', policy: 'double', targets: 'GZ_UAT,TJ_UAT,SH_DR', parts: ['SH_DR is a DR cluster', 'drop SH_DR from --clusters or change the policy'] },
    { name: 'singleWithBak without its DR cluster', policy: 'singleWithBak', targets: 'GZ_UAT', parts: ['singleWithBak takes exactly one DR cluster, got 0', 'add a DR (role: dr) cluster'] },
    { name: 'doubleWithBak with one non-DR cluster', policy: 'doubleWithBak', targets: 'GZ_UAT,SH_DR', parts: ['got 1 (GZ_UAT)'] },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      await policyPackage(f, 'j1', c.policy, []);
      const run = await expectRefused(['release', 'j1.zip', '--clusters', c.targets], 4, 'HA_POLICY', c.parts);
      expect(run.json.policy).toBe(c.policy);
    });
  }

  it('two clusters that are not a declared pair', async () => {
    await f.editConfig((config) => {
      config.pairs = [];
    });
    await policyPackage(f, 'j1', 'managerSlave', ['GZ_UAT', 'TJ_UAT']);
    await expectRefused(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT'], 4, 'HA_POLICY', ['GZ_UAT and TJ_UAT are not a pair', 'declare [GZ_UAT, TJ_UAT] under pairs']);
  });

  it('a cluster that does not accept the policy', async () => {
    await f.editConfig((config) => {
      config.clusters.TJ_UAT.policies = ['single', 'managerSlave'];
    });
    await policyPackage(f, 'j1', 'double', ['GZ_UAT', 'TJ_UAT']);
    await expectRefused(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT'], 4, 'HA_POLICY', ['TJ_UAT does not accept policy double', 'add double to clusters.TJ_UAT.policies']);
  });

  it('a package that declares no policy: says the single it is refused as is the default', async () => {
    const meta = policyMeta('j1', 'single') as { jobConfig: Record<string, Record<string, unknown>> };
    delete meta.jobConfig['wds.linkis.flink.produce']?.['wds.streamis.app.highavailable.policy'];
    await f.writePackage('j1.zip', sqlFiles(meta));
    await expectRefused(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT'], 4, 'HA_POLICY', [
      'policy single (the default: meta.json declares no wds.streamis.app.highavailable.policy) does not fit --clusters GZ_UAT,TJ_UAT',
    ]);
  });

  it('says what to change in human output too', async () => {
    await policyPackage(f, 'j1', 'single', []);
    const { exitCode, stderr } = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT']);
    expect(exitCode).toBe(4);
    expect(stderr).toContain('error: policy single does not fit --clusters GZ_UAT,TJ_UAT');
    expect(stderr).toContain('hint: Change --clusters');
  });
});

describe('stms release: CMDB refusals (exit 4)', () => {
  it('an app that is not registered', async () => {
    await policyPackage(f, 'j1', 'double', [], false);
    await expectRefused(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT'], 4, 'CMDB', ['p1/j1 is not registered in the CMDB', f.cmdbFile, 'haPolicy double']);
  });

  it('a registered policy that differs from the package', async () => {
    await f.register([{ projectName: 'p1', jobName: 'j1', haPolicy: 'managerSlave' }]);
    await policyPackage(f, 'j1', 'double', [], false);
    await expectRefused(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT'], 4, 'CMDB', ['haPolicy "managerSlave" but the package declares "double"']);
  });

  it('registered clusters that differ from the targets', async () => {
    await f.register([{ projectName: 'p1', jobName: 'j1', haPolicy: 'doubleWithBak', clusters: ['GZ_UAT', 'TJ_UAT', 'SH_DR'] }]);
    await policyPackage(f, 'j1', 'doubleWithBak', [], false);
    await f.editConfig((config) => {
      config.clusters.SH2_DR = { ...config.clusters.SH_DR };
    });
    await expectRefused(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT,SH2_DR'], 4, 'CMDB', ['missing from --clusters: SH_DR', 'not registered: SH2_DR']);
  });

  it('lists every CMDB problem in human output', async () => {
    await f.register([{ projectName: 'p1', jobName: 'j1', haPolicy: 'single', clusters: ['GZ_UAT'] }]);
    await policyPackage(f, 'j1', 'double', [], false);
    const { exitCode, stderr } = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT']);
    expect(exitCode).toBe(4);
    expect(stderr).toContain('error: the CMDB check failed:');
    expect(stderr).toContain('  - the CMDB');
    expect(stderr).toContain('haPolicy "single"');
    expect(stderr).toContain('not registered: TJ_UAT');
  });
});

describe('stms release: checks run in order, package first (exit 3)', () => {
  it('an invalid package is reported with its problems before the policy and the CMDB', async () => {
    // Unregistered, wrong target count, and a missing variable for SH_DR: the package wins.
    await f.writePackage('j1.zip', sqlFiles(policyMeta('j1', 'single')));
    await writeFile(path.join(f.dir, 'vars.json'), JSON.stringify({ idc: { GZ: { 'IDC_STREAMISJOBCONF..p1.j1..c4': 'dws' } } }));
    const run = await expectRefused(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT'], 3, 'PACKAGE_INVALID', ['not valid for GZ_UAT, TJ_UAT']);
    expect(run.json.problems).toContainEqual(expect.objectContaining({ severity: 'error', code: 'META_VARIABLE_UNRESOLVED', cluster: 'TJ_UAT' }));
    expect(run.stderr).toContain('META_VARIABLE_UNRESOLVED');
  });

  it('the HA policy before the CMDB', async () => {
    await policyPackage(f, 'j1', 'single', [], false);
    await expectRefused(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT'], 4, 'HA_POLICY', ['single takes exactly one']);
  });
});

describe('stms release: usage errors (exit 2)', () => {
  it('needs --clusters', async () => {
    await policyPackage(f, 'j1', 'single', ['GZ_UAT']);
    const run = await f.run(['release', 'j1.zip']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('stms release needs --clusters');
  });

  it('lists the known clusters for an unknown one', async () => {
    await policyPackage(f, 'j1', 'single', ['GZ_UAT']);
    const run = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,XX_UAT', '--json']);
    expect(run.exitCode).toBe(2);
    expect(run.json.error.message).toContain('unknown cluster XX_UAT');
    expect(run.stderr).toContain('Known clusters');
    expect(run.stderr).toContain('GZ_UAT, TJ_UAT, SH_DR');
  });

  it('refuses a cluster without a token, naming the variable to set', async () => {
    await f.editConfig((config) => {
      config.clusters.GZ_UAT.tokenCode = '';
    });
    await policyPackage(f, 'j1', 'single', ['GZ_UAT']);
    const run = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('cluster GZ_UAT has no tokenCode');
    expect(run.stderr).toContain('STMS_TOKEN_GZ_UAT');
    // ... and the variable works.
    const withEnv = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT', '--json'], { STMS_TOKEN_GZ_UAT: f.gz.token });
    expect(withEnv.exitCode).toBe(0);
    expect(f.leakedTokens(withEnv.stdout + withEnv.stderr)).toEqual([]);
  });

  it('refuses a --resume id that is not one, or has no journal', async () => {
    await policyPackage(f, 'j1', 'single', ['GZ_UAT']);
    const bad = await f.run(['release', 'j1.zip', '--resume', '../../etc/passwd']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('not a release id');
    const missing = await f.run(['release', 'j1.zip', '--resume', '20250101-000000-abcd']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('no journal for release 20250101-000000-abcd');
    expect(uploadCalls(f)).toBe(0);
  });

  it('a CMDB that cannot be read is a config error naming the file', async () => {
    await policyPackage(f, 'j1', 'single', ['GZ_UAT']);
    await rm(f.cmdbFile);
    const run = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT', '--json']);
    expect(run.exitCode).toBe(2);
    expect(run.json.error).toMatchObject({ code: 'CONFIG' });
    expect(run.json.error.message).toContain(`${f.cmdbFile}: cannot read the CMDB file: ENOENT`);
    expect(uploadCalls(f)).toBe(0);
  });

  it('a state folder that cannot be written: exit 9 naming it, before any upload', async () => {
    await policyPackage(f, 'j1', 'single', ['GZ_UAT']);
    await writeFile(f.stateDir, 'a file where the .stms folder should be');
    const run = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT', '--json']);
    expect(run.exitCode).toBe(9);
    expect(run.json.error).toMatchObject({ code: 'LOCAL_STATE' });
    expect(run.json.error.message).toContain(`cannot write the release lock in ${f.stateDir}: ENOTDIR`);
    expect(run.stderr).toContain('make it a writable folder');
    expect(run.stderr).not.toContain('internal error');
    expect(uploadCalls(f)).toBe(0);
  });

  it('refuses a missing package', async () => {
    const run = await f.run(['release', 'nope.zip', '--clusters', 'GZ_UAT']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('no such package: ');
  });
});
