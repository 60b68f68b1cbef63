import { copyFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATUS } from '../../src/streamis/status-codes.js';
import { sqlFiles } from '../support/packages.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { statusOn } from './launch-support.js';
import { latestSource, md5Of, policyMeta, policyPackage, versionsOn } from './release-support.js';

const PAIR = 'GZ_UAT,TJ_UAT';

let f: SandboxFixture;
beforeEach(async () => {
  f = await startSandboxFixture();
});
afterEach(async () => {
  await f.close();
});

/** Releases v1 and then v2 (another sql text) of the double job j1 to the pair. */
async function releaseTwo(): Promise<{ v1: any; v2: any; v1Zip: string; v2Zip: string }> {
  const v1Zip = await policyPackage(f, 'j1', 'double', ['GZ_UAT', 'TJ_UAT']);
  const v1 = await f.run(['release', 'j1.zip', '--clusters', PAIR, '--json']);
  expect(v1.exitCode, v1.stderr).toBe(0);
  const kept = path.join(f.dir, 'j1-v1.zip');
  await copyFile(v1Zip, kept);
  const v2Zip = await f.writePackage('j1.zip', { ...sqlFiles(policyMeta('j1', 'double')), 'job.sql': 'INSERT INTO sums SELECT id, MAX(x) FROM orders GROUP BY id;\n' });
  const v2 = await f.run(['release', 'j1.zip', '--clusters', PAIR, '--json']);
  expect(v2.exitCode, v2.stderr).toBe(0);
  expect(v2.json.md5).not.toBe(v1.json.md5);
  return { v1: v1.json, v2: v2.json, v1Zip: kept, v2Zip };
}

describe('stms rollback', () => {
  it('releases the previous package again as a new version with rollbackOf, and restarts the job on both clusters', async () => {
    const { v1, v2 } = await releaseTwo();
    const run = await f.run(['rollback', 'p1/j1', '--clusters', PAIR, '--stable', '1s', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ ok: true, project: 'p1', job: 'j1', rollbackOf: v2.releaseId, target: { md5: v1.md5, releaseId: v1.releaseId, from: 'store', packageName: 'j1.zip' } });
    const release = run.json.release;
    expect(release.md5).toBe(v1.md5);
    expect([v1.releaseId, v2.releaseId]).not.toContain(release.releaseId);
    for (const cluster of [f.gz, f.tj]) {
      expect(release.clusters[cluster.name]).toMatchObject({ outcome: 'uploaded', version: 'v00003' });
      expect(versionsOn(cluster, 'j1')).toBe(3);
      expect(latestSource(cluster, 'j1')).toMatchObject({ md5: v1.md5, releaseId: release.releaseId, rollbackOf: v2.releaseId, pkgName: 'j1.zip' });
      expect(statusOn(cluster, 'j1')).toBe(STATUS.RUNNING);
    }
    expect(run.json.restart).toMatchObject({ outcome: 'running', clusters: { GZ_UAT: { outcome: 'running' }, TJ_UAT: { outcome: 'running' } } });
    expect(f.leakedTokens(run.stdout + run.stderr)).toEqual([]);

    // The rollback is a release like any other: its journal says what it rolled back.
    const history = await f.run(['history', 'p1/j1', '--json']);
    expect(history.json.releases[0]).toMatchObject({ releaseId: release.releaseId, md5: v1.md5 });
    const human = await f.run(['rollback', 'p1/j1', '--clusters', PAIR, '--stable', '1s']);
    // Rolling back the rollback goes back to v2's package.
    expect(human.exitCode, human.stderr).toBe(0);
    expect(human.stderr).toContain(`sending again the package of release ${v2.releaseId} (md5 ${v2.md5}) from the package store; rolls back ${release.releaseId}`);
    expect(latestSource(f.gz, 'j1')).toMatchObject({ md5: v2.md5, rollbackOf: release.releaseId });
  });

  it('asks for the package when the store does not have it, takes --package with that md5 and refuses another (exit 3)', async () => {
    const { v1, v1Zip, v2Zip } = await releaseTwo();
    await rm(path.join(f.stateDir, 'packages'), { recursive: true });

    const missing = await f.run(['rollback', 'p1/j1', '--clusters', PAIR, '--stable', '1s', '--json']);
    expect(missing.exitCode).toBe(2);
    expect(missing.json.error.message).toBe(`the package of release ${v1.releaseId} (md5 ${v1.md5}) is not in the package store ${path.join(f.stateDir, 'packages')}`);
    expect(missing.json.error.details).toEqual({ md5: v1.md5 });
    const human = await f.run(['rollback', 'p1/j1', '--clusters', PAIR, '--stable', '1s']);
    expect(human.stderr).toContain('Pass --package <zip> with that md5');

    const wrong = await f.run(['rollback', 'p1/j1', '--clusters', PAIR, '--stable', '1s', '--package', v2Zip, '--json']);
    expect(wrong.exitCode).toBe(3);
    expect(wrong.json.error).toMatchObject({ code: 'PACKAGE_INVALID', message: `--package ${v2Zip} has md5 ${await md5Of(v2Zip)}, but the package of release ${v1.releaseId} has md5 ${v1.md5}` });
    expect(versionsOn(f.gz, 'j1')).toBe(2);

    const right = await f.run(['rollback', 'p1/j1', '--clusters', PAIR, '--stable', '1s', '--package', 'j1-v1.zip', '--json']);
    expect(right.exitCode, right.stderr).toBe(0);
    expect(right.json.target).toMatchObject({ md5: v1.md5, from: 'flag', file: v1Zip });
    expect(latestSource(f.tj, 'j1')).toMatchObject({ md5: v1.md5 });
    // What --package brought is in the store now.
    expect(await readdir(path.join(f.stateDir, 'packages'))).toContain(`${v1.md5}.zip`);
  });

  it('rolls back to a server version with the local journal gone, when the servers say its md5 (flink.jar)', async () => {
    // A fixture whose vars also hold j2's args.
    await f.close();
    f = await startSandboxFixture({ vars: (await import('../support/packages.js')).defaultVars('j2') });
    const { jarFiles, jarMeta } = await import('../support/packages.js');
    await f.register([{ projectName: 'p1', jobName: 'j2', haPolicy: 'double', clusters: ['GZ_UAT', 'TJ_UAT'] }]);
    const meta = (mainClass: string) => {
      const m = jarMeta() as { jobContent: Record<string, unknown>; jobConfig: Record<string, Record<string, unknown>> };
      m.jobContent['main.class'] = mainClass;
      (m.jobConfig['wds.linkis.flink.produce'] as Record<string, unknown>)['wds.streamis.app.highavailable.policy'] = 'double';
      return m;
    };
    await f.writePackage('j2.zip', jarFiles(meta('com.example.V1')));
    const v1 = await f.run(['release', 'j2.zip', '--clusters', PAIR, '--json']);
    expect(v1.exitCode, v1.stderr).toBe(0);
    await f.writePackage('j2.zip', jarFiles(meta('com.example.V2')));
    const v2 = await f.run(['release', 'j2.zip', '--clusters', PAIR, '--json']);
    expect(v2.exitCode, v2.stderr).toBe(0);
    await rm(path.join(f.stateDir, 'releases'), { recursive: true });

    const noJournal = await f.run(['rollback', 'p1/j2', '--clusters', PAIR, '--stable', '1s', '--json']);
    expect(noJournal.exitCode).toBe(2);
    expect(noJournal.json.error.message).toBe('no release of p1/j2 to GZ_UAT, TJ_UAT is recorded here');

    const run = await f.run(['rollback', 'p1/j2', '--clusters', PAIR, '--stable', '1s', '--to', 'v00001', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ rollbackOf: v2.json.releaseId, target: { md5: v1.json.md5, version: 'v00001', releaseId: v1.json.releaseId, from: 'store' } });
    expect(latestSource(f.gz, 'j2')).toMatchObject({ md5: v1.json.md5, rollbackOf: v2.json.releaseId });

    const unknown = await f.run(['rollback', 'p1/j2', '--clusters', PAIR, '--stable', '1s', '--to', 'v00009', '--json']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.json.error.message).toBe('--to v00009: p1/j2 has no version v00009 on GZ_UAT, TJ_UAT');
  });

  it('cannot roll back a flink.sql version the servers do not describe once the journal is gone (exit 2)', async () => {
    await releaseTwo();
    await rm(path.join(f.stateDir, 'releases'), { recursive: true });
    const run = await f.run(['rollback', 'p1/j1', '--clusters', PAIR, '--stable', '1s', '--to', 'v00001', '--json']);
    expect(run.exitCode).toBe(2);
    expect(run.json.error.message).toBe('--to v00001: the servers do not say which package v00001 of p1/j1 is (no source record with an md5, and no local journal recorded it)');
    expect(versionsOn(f.gz, 'j1')).toBe(2);
  });

  it('refuses bad flags before anything is sent (exit 2)', async () => {
    await releaseTwo();
    const cases: Array<[string[], string]> = [
      [['rollback', 'p1/j1', '--json'], '--clusters is required'],
      [['rollback', 'p1/j1', '--clusters', PAIR, '--restore', 'yesterday', '--json'], '--restore yesterday: write savepoint, latest, none or an hdfs:// savepoint path'],
      [['rollback', 'p1/j1', '--clusters', PAIR, '--stable', 'soon', '--json'], '--stable soon: not a duration'],
      [['rollback', 'p1/j1', '--clusters', PAIR, '--to', '20990101-000000-zzzz', '--json'], '--to 20990101-000000-zzzz: no journal of that release here'],
    ];
    for (const [args, message] of cases) {
      const run = await f.run(args);
      expect(run.exitCode, args.join(' ')).toBe(2);
      expect(run.json.error.message).toContain(message);
    }
    expect(versionsOn(f.gz, 'j1')).toBe(2);
  });
});
