import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { putJob, runOn } from './launch-support.js';
import { CHECKPOINTS_ON, control, copied, halfCopy, sleep, STANDBY_CLUSTERS, stopOn, SYNC_INTERVAL_MS } from './standby-support.js';

const PAIR = 'GZ_UAT,TJ_UAT';

describe('stms standby: is the standby copy of managerSlave jobs ready?', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture({ clusters: STANDBY_CLUSTERS, syncIntervalMs: SYNC_INTERVAL_MS });
  });
  afterAll(async () => {
    await f.close();
  });

  it('ready while the copy runs; stale once the copy is paused past --max-age (exit 6)', async () => {
    await putJob(f, 'sb_ready', 'managerSlave', ['GZ_UAT', 'TJ_UAT'], { extraProduce: CHECKPOINTS_ON });
    await runOn(f.gz, 'sb_ready');
    await copied(f.tj, 'sb_ready');
    const ready = await f.run(['standby', 'p1/sb_ready', '--clusters', PAIR, '--max-age', '3s', '--json']);
    expect(ready.stderr).toBe('');
    expect(ready.exitCode).toBe(0);
    const job = ready.json.jobs[0];
    expect(job).toMatchObject({ project: 'p1', job: 'sb_ready', policy: 'managerSlave', outcome: 'ready', verdict: 'ready', runsOn: ['GZ_UAT'], maxAgeSeconds: 3 });
    expect(job.manager).toMatchObject({ cluster: 'GZ_UAT', state: expect.stringMatching(/^\/flink\/flink-checkpoints\/managerSlave\/p1\/sb_ready\/\d+\/[0-9a-f]{32}\/chk-\d+$/) });
    expect(job.standby).toMatchObject({ cluster: 'TJ_UAT', state: expect.stringMatching(/^\/backup\/flink-checkpoints\/managerSlave\/p1\/sb_ready\/\d+\/[0-9a-f]{32}\/chk-\d+$/), verified: true });
    expect(job.standby.ageSeconds).toBeLessThanOrEqual(2);
    expect(typeof job.lagSeconds).toBe('number');
    expect(job.clusters.TJ_UAT).toMatchObject({ outcome: 'ready', role: 'standby' });

    await control(f.gz, 'sync', { paused: true });
    try {
      await sleep(4_000);
      const stale = await f.run(['standby', 'p1/sb_ready', '--clusters', PAIR, '--max-age', '3s', '--json']);
      expect(stale.exitCode).toBe(6);
      expect(stale.json.error).toMatchObject({ code: 'CONSISTENCY', message: expect.stringContaining('p1/sb_ready stale') });
      expect(stale.json.jobs[0]).toMatchObject({ verdict: 'stale', message: expect.stringMatching(/more than 3s/) });
      expect(stale.json.jobs[0].standby.ageSeconds).toBeGreaterThan(3);
      expect(stale.json.jobs[0].lagSeconds).toBeGreaterThan(2);
    } finally {
      await control(f.gz, 'sync', { paused: false });
    }
  });

  it('incomplete: the newest copied checkpoint has its _metadata but not its state files (exit 6)', async () => {
    await putJob(f, 'sb_half', 'managerSlave', ['GZ_UAT', 'TJ_UAT'], { extraProduce: CHECKPOINTS_ON });
    await runOn(f.gz, 'sb_half');
    await copied(f.tj, 'sb_half');
    await stopOn(f.gz, 'sb_ready');
    let run;
    try {
      await halfCopy(f.gz, 'sb_half');
      run = await f.run(['standby', 'p1/sb_half', '--clusters', PAIR, '--json']);
    } finally {
      await control(f.gz, 'sync', { paused: false });
    }
    expect(run.exitCode).toBe(6);
    const job = run.json.jobs[0];
    expect(job).toMatchObject({ verdict: 'incomplete', runsOn: [] });
    expect(job.standby.comparison.missing).toHaveLength(2);
    expect(job.message).toMatch(/differs from its source: 2 file\(s\) missing; it runs nowhere/);
  });

  it('the audit reports a managerSlave job whose standby copy would not do, beside its other findings', async () => {
    await putJob(f, 'sb_audit', 'managerSlave', ['GZ_UAT', 'TJ_UAT'], { extraProduce: CHECKPOINTS_ON });
    const run = await f.run(['audit', '--project', 'p1', '--name-like', 'sb_audit', '--clusters', PAIR, '--json']);
    const stale = run.json.findings.filter((x: { kind: string }) => x.kind === 'standby-state-stale');
    expect(stale).toEqual([expect.objectContaining({ project: 'p1', job: 'sb_audit', cluster: 'TJ_UAT', found: 'missing: no complete copy' })]);
    expect(run.exitCode).not.toBe(0);
  });

  it('missing when nothing was copied, not-ha for another policy; a job list reports every job (exit 6) and writes JUnit', async () => {
    await putJob(f, 'sb_never', 'managerSlave', ['GZ_UAT', 'TJ_UAT'], { extraProduce: CHECKPOINTS_ON });
    await putJob(f, 'sb_double', 'double', ['GZ_UAT', 'TJ_UAT']);
    await writeFile(path.join(f.dir, 'sb-list.txt'), 'p1,sb_never\np1,sb_double\n');
    const run = await f.run(['standby', '--job-list', 'sb-list.txt', '--clusters', PAIR, '--report', 'sb.xml', '--json']);
    expect(run.exitCode).toBe(6);
    expect(run.json.jobs.map((j: any) => [j.job, j.verdict, j.ok])).toEqual([
      ['sb_never', 'missing', true],
      ['sb_double', 'not-ha', true],
    ]);
    expect(run.json.error.message).toContain('1 of 2 managerSlave job standby copies are not ready: p1/sb_never missing');
    const xml = await readFile(path.join(f.dir, 'sb.xml'), 'utf8');
    expect(xml).toContain('classname="p1.sb_never" name="TJ_UAT"');
    expect(xml).toMatch(/<testcase classname="p1.sb_never" name="TJ_UAT"[^>]*>\s*<failure/);
    expect(xml).toMatch(/<testcase classname="p1.sb_double" name="TJ_UAT"[^>]*>\s*<skipped/);

    const human = await f.run(['standby', '--job-list', 'sb-list.txt', '--clusters', PAIR]);
    expect(human.exitCode).toBe(6);
    expect(human.stdout).toMatch(/JOB\s+POLICY\s+STANDBY\s+RUNS ON\s+GZ_UAT STATE AGE\s+TJ_UAT COPY AGE\s+LAG/);
    expect(human.stdout).toMatch(/p1\/sb_never\s+managerSlave\s+missing/);
    expect(human.stderr).toContain('p1/sb_never missing');
  });

  it('a standby HDFS that does not answer is a remote failure (exit 5); a manager HDFS that does not answer leaves the copy judged alone', async () => {
    await putJob(f, 'sb_down', 'managerSlave', ['GZ_UAT', 'TJ_UAT'], { extraProduce: CHECKPOINTS_ON });
    await runOn(f.gz, 'sb_down');
    await copied(f.tj, 'sb_down');
    f.tj.setDown(true);
    try {
      const run = await f.run(['standby', 'p1/sb_down', '--clusters', PAIR, '--json']);
      expect(run.exitCode).toBe(5);
      expect(run.json.error.message).toMatch(/TJ_UAT WebHDFS LISTSTATUS \/backup\/flink-checkpoints\/managerSlave\/p1\/sb_down/);
    } finally {
      f.tj.setDown(false);
    }
    f.gz.setDown(true);
    try {
      const run = await f.run(['standby', 'p1/sb_down', '--clusters', PAIR, '--json']);
      expect(run.exitCode).toBe(0);
      expect(run.json.jobs[0]).toMatchObject({ verdict: 'ready', standby: { verified: false }, clusters: { GZ_UAT: { outcome: 'unread' } } });
      expect(run.json.jobs[0].message).toContain('not compared');
    } finally {
      f.gz.setDown(false);
    }
  });

  it('-v traces WebHDFS with the delegation token redacted', async () => {
    const secret = 'deleg-token-0123456789';
    const run = await f.run(['standby', 'p1/sb_down', '--clusters', PAIR, '-v'], { STMS_HDFS_TOKEN_TJ_UAT: secret });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/TJ_UAT WebHDFS GET \/webhdfs\/v1\/backup\/flink-checkpoints\/managerSlave\/p1\/sb_down\?op=LISTSTATUS&delegation=\*\*\*/);
    expect(run.stderr + run.stdout).not.toContain(secret);
    expect(f.leakedTokens(run.stderr + run.stdout)).toEqual([]);
  });

  it('reads the copy with a client command run as an argument list: a path it does not have is missing, a failure is exit 5', async () => {
    const original = await readFile(f.configFile, 'utf8');
    const script = path.join(f.dir, 'fake-hdfs.mjs');
    // Prints what `hdfs dfs -ls -R` prints for an absent path, or fails as a client without a ticket does.
    await writeFile(
      script,
      [
        'const path = process.argv.at(-1);',
        "if (process.argv[2] !== '-ls' || process.argv[3] !== '-R') { process.stderr.write('bad arguments'); process.exit(3); }",
        "if (path.includes('sb_ready')) { process.stderr.write('ls: \\u0060' + path + \"': No such file or directory\\n\"); process.exit(1); }",
        "process.stderr.write('WARN some noise\\nls: Permission denied: user=bob, access=EXECUTE\\n'); process.exit(1);",
      ].join('\n'),
    );
    try {
      await f.editConfig((c) => (c.clusters.TJ_UAT.hdfs = { command: ['node', script] }));
      const missing = await f.run(['standby', 'p1/sb_ready', '--clusters', PAIR, '--json']);
      expect(missing.exitCode).toBe(6);
      expect(missing.json.jobs[0]).toMatchObject({ verdict: 'missing' });
      const denied = await f.run(['standby', 'p1/sb_down', '--clusters', PAIR, '--json']);
      expect(denied.exitCode).toBe(5);
      expect(denied.json.error.message).toMatch(/TJ_UAT HDFS node -ls -R \/backup\/flink-checkpoints\/managerSlave\/p1\/sb_down: exited with 1: ls: Permission denied/);
    } finally {
      await writeFile(f.configFile, original);
    }
  });

  it.each([
    [['--clusters', 'GZ_UAT'], 2, /--clusters GZ_UAT: name the two clusters of the pair as MANAGER,STANDBY/],
    [['--clusters', 'GZ_UAT,TJ_UAT', '--max-age', 'soon'], 2, /--max-age soon: not a duration/],
  ])('refuses %j (exit %i)', async (flags, exit, message) => {
    const run = await f.run(['standby', 'p1/sb_ready', ...flags]);
    expect(run.exitCode).toBe(exit);
    expect(run.stderr).toMatch(message);
  });

  it('without a standby section or a cluster hdfs, says what to add (exit 2)', async () => {
    const original = await readFile(f.configFile, 'utf8');
    try {
      await f.editConfig((c) => delete c.standby);
      const noRoots = await f.run(['standby', 'p1/sb_ready', '--clusters', PAIR]);
      expect(noRoots.exitCode).toBe(2);
      expect(noRoots.stderr).toContain('has no standby section');
      await writeFile(f.configFile, original);
      await f.editConfig((c) => delete c.clusters.TJ_UAT.hdfs);
      const noHdfs = await f.run(['standby', 'p1/sb_ready', '--clusters', PAIR]);
      expect(noHdfs.exitCode).toBe(2);
      expect(noHdfs.stderr).toContain('cluster TJ_UAT has no hdfs');
    } finally {
      await writeFile(f.configFile, original);
    }
  });
});
