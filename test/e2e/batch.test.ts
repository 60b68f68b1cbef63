import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/ha/policies.js';
import { STATUS } from '../../src/streamis/status-codes.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { calls, putJob, statusOn } from './launch-support.js';

const ALL = 'GZ_UAT,TJ_UAT,SH_DR';
const ON: Record<string, string[]> = {
  single: ['GZ_UAT'],
  double: ['GZ_UAT', 'TJ_UAT'],
  managerSlave: ['GZ_UAT', 'TJ_UAT'],
  doubleWithBak: ['GZ_UAT', 'TJ_UAT', 'SH_DR'],
};
const POLICY_CYCLE = Object.keys(ON) as Policy[];

async function writeList(dir: string, lines: string[], env: Record<string, string> = {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'joblist.txt'), `${lines.join('\n')}\n`);
  for (const [name, text] of Object.entries(env)) await writeFile(path.join(dir, name), text);
  return dir;
}

describe('job lists', () => {
  let f: SandboxFixture;
  const jobs = Array.from({ length: 50 }, (_, i) => ({ job: `b${String(i).padStart(2, '0')}`, policy: POLICY_CYCLE[i % POLICY_CYCLE.length] as Policy }));
  beforeAll(async () => {
    f = await startSandboxFixture();
    for (const { job, policy } of jobs) await putJob(f, job, policy, ON[policy] as string[]);
  }, 60_000);
  afterAll(async () => {
    await f.close();
  });

  it('rejects a malformed line before anything runs (exit 2), naming every bad line', async () => {
    const dir = await writeList(path.join(f.dir, 'bad-list'), ['# the batch', 'p1,b00', 'p1 b01', 'p1,b02', 'p1,b00']);
    const before = calls(f, 'job/list');
    const { exitCode, stderr } = await f.run(['launch', '--job-list', 'bad-list', '--clusters', ALL]);
    expect(exitCode).toBe(2);
    const file = path.join(dir, 'joblist.txt');
    expect(stderr).toContain(`${file} has 2 bad lines; nothing was run:`);
    expect(stderr).toContain(`${file}:3: expected "project,job", got "p1 b01" (no comma)`);
    expect(stderr).toContain(`${file}:5: p1,b00 is listed twice (first on line 2): remove one`);
    expect(calls(f, 'job/list')).toBe(before);
  });

  it('launches 50 jobs; with --continue-on-error one failing job makes exit 8 and the others run; JUnit report per job and cluster', async () => {
    await writeList(path.join(f.dir, 'big'), ['# 50 jobs of every policy', '', ...jobs.map((j, i) => `p1,${j.job}${i % 10 === 0 ? '   # a trailing comment' : ''}`)]);
    f.tj.failNextStart('p1', 'b05', 'Caused by: org.apache.kafka.common.errors.TopicAuthorizationException');
    const { exitCode, json } = await f.run(['launch', '--job-list', 'big', '--clusters', ALL, '--continue-on-error', '--report', 'junit.xml', '--json']);
    expect(exitCode).toBe(8);
    expect(json).toMatchObject({ ok: false, summary: { total: 50, ok: 49, failed: 1, notRun: 0 }, error: { code: 'BATCH', message: '1 of 50 jobs failed: p1/b05' } });
    expect(json.jobs.map((j: { job: string }) => j.job)).toEqual(jobs.map((j) => j.job));
    const failed = json.jobs.find((j: { job: string }) => j.job === 'b05');
    // b05 is a double job: it failed on TJ_UAT and was left running on GZ_UAT.
    expect(failed).toMatchObject({ policy: 'double', outcome: 'failed', clusters: { GZ_UAT: { outcome: 'running' }, TJ_UAT: { outcome: 'failed' }, SH_DR: { outcome: 'not-target' } } });
    for (const { job, policy } of jobs) {
      const expected = policy === 'managerSlave' || policy === 'single' ? ['GZ_UAT'] : ['GZ_UAT', 'TJ_UAT'];
      for (const c of expected) expect(statusOn(f.clusters[c]!, job), `${job} on ${c}`).toBe(job === 'b05' && c === 'TJ_UAT' ? STATUS.FAILED : STATUS.RUNNING);
      expect(statusOn(f.dr, job) ?? null, `${job} never starts on the DR`).toBeNull();
    }

    const xml = await readFile(path.join(f.dir, 'junit.xml'), 'utf8');
    expect(xml).toContain('<testsuite name="stms launch" tests="150" failures="1" errors="0"');
    expect(xml).toContain('<testcase classname="p1.b00" name="GZ_UAT"');
    expect(xml).toMatch(/<testcase classname="p1.b05" name="TJ_UAT" time="[\d.]+">\s*<failure message="TJ_UAT: p1\/b05 ended failure instead of running: Caused by: org.apache.kafka.common.errors.TopicAuthorizationException" type="LAUNCH">/);
    expect(xml).toMatch(/<testcase classname="p1.b00" name="SH_DR" time="[\d.]+">\s*<skipped/);
  }, 120_000);

  it('without --continue-on-error the first failure stops the batch; started jobs stay, the summary says so', async () => {
    for (const job of ['s1', 's3', 's4']) await putJob(f, job, 'single', ['GZ_UAT']);
    // s2 is refused at inspect (no failure-alert user): known before anything else begins.
    await putJob(f, 's2', 'single', ['GZ_UAT'], { alertUser: '' });
    await writeList(path.join(f.dir, 'stop-first'), ['p1,s1', 'p1,s2', 'p1,s3', 'p1,s4']);
    const { exitCode, json, stderr, stdout } = await f.run(['launch', '--job-list', 'stop-first', '--clusters', 'GZ_UAT', '--concurrency', '1', '--json']);
    expect(exitCode).toBe(7);
    expect(json.jobs.map((j: { outcome: string }) => j.outcome)).toEqual(['running', 'refused', 'not-run', 'not-run']);
    expect(json.summary).toEqual({ total: 4, ok: 1, failed: 1, notRun: 2 });
    expect(json.error.message).toContain('The StreamJob alarm recipient is not configured');
    expect(json.error.message).toContain('the batch stopped there: 2 jobs not run (--continue-on-error tries every job)');
    expect(stderr).toContain('warning: 2 jobs were not run: the batch stopped at the first failure');
    expect(stdout.trim()).toBe(JSON.stringify(json, null, 2));
    expect([statusOn(f.gz, 's1'), statusOn(f.gz, 's3')]).toEqual([STATUS.RUNNING, null]);
  });

  it('a job waiting to run does not hold its slot: --concurrency 1 still starts the next job meanwhile', async () => {
    for (const job of ['w1', 'w2']) await putJob(f, job, 'single', ['GZ_UAT']);
    await writeList(path.join(f.dir, 'wait-list'), ['p1,w1', 'p1,w2']);
    f.gz.holdStarting('p1', 'w1', true);
    try {
      const { exitCode, json } = await f.run(['launch', '--job-list', 'wait-list', '--clusters', 'GZ_UAT', '--concurrency', '1', '--timeout', '2s', '--continue-on-error', '--json']);
      expect(exitCode).toBe(8);
      expect(json.jobs.map((j: { outcome: string }) => j.outcome)).toEqual(['timeout', 'running']);
    } finally {
      f.gz.holdStarting('p1', 'w1', false);
    }
  });

  it('reads the env files of the folder: export, quotes, ignored lines; the real environment wins', async () => {
    await putJob(f, 'e1', 'double', ['GZ_UAT', 'TJ_UAT']);
    // No token in the config for the pair: they come from the env files.
    await f.editConfig((config) => {
      delete config.clusters.GZ_UAT.tokenCode;
      delete config.clusters.TJ_UAT.tokenCode;
    });
    try {
      await writeList(path.join(f.dir, 'env-list'), ['p1,e1'], {
        'streamis-env.sh': `# platform\nexport STMS_TOKEN_GZ_UAT="${f.gz.token}"\nSTMS_TOKEN_TJ_UAT=wrong-token\nsource ./other.sh\nexport STMS_X=$(whoami)\n`,
        'user-env.sh': `export STMS_TOKEN_TJ_UAT='${f.tj.token}'  # the user's own\nexport STMS_DEPLOY_USER="alex yang"\n`,
      });
      const ok = await f.run(['check', '--job-list', 'env-list', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
      expect(ok.exitCode).toBe(0);
      expect(ok.stderr).toContain('streamis-env.sh:4: "source…" is not a KEY=VALUE line, ignored (env files are read, never executed)');
      expect(ok.stderr).toContain('streamis-env.sh:5: STMS_X: command substitution is never run, line ignored');
      expect(f.leakedTokens(ok.stdout + ok.stderr)).toEqual([]);

      const env = await f.run(['check', '--job-list', 'env-list', '--clusters', 'GZ_UAT,TJ_UAT', '--json'], { STMS_TOKEN_TJ_UAT: 'not-the-token' });
      // A job list is preflighted: the token is refused before any job is looked at.
      expect(env.exitCode).toBe(2);
      expect(env.json.error.message).toContain('stms check refused before any write: TJ_UAT highAvailable/getHAMsg: the gateway did not accept the login of Token-User hadoop');
    } finally {
      await f.editConfig((config) => {
        config.clusters.GZ_UAT.tokenCode = f.gz.token;
        config.clusters.TJ_UAT.tokenCode = f.tj.token;
      });
    }
  });

  it('checks a job list and writes its JUnit report', async () => {
    await putJob(f, 'k1', 'double', ['GZ_UAT', 'TJ_UAT']);
    await putJob(f, 'k2', 'double', ['GZ_UAT', 'TJ_UAT'], { md5: { GZ_UAT: 'a'.repeat(32), TJ_UAT: 'b'.repeat(32) } });
    await writeList(path.join(f.dir, 'check-list'), ['p1,k1', 'p1,k2']);
    const { exitCode, stdout } = await f.run(['check', '--job-list', 'check-list', '--clusters', 'GZ_UAT,TJ_UAT', '--continue-on-error', '--report', 'check-list/junit.xml']);
    expect(exitCode).toBe(8);
    expect(stdout).toMatch(/p1\/k1\s+double\s+consistent\s+consistent\s+consistent/);
    expect(stdout).toMatch(/p1\/k2\s+double\s+inconsistent\s+inconsistent\s+inconsistent \(exit 6\)/);
    const xml = await readFile(path.join(f.dir, 'check-list', 'junit.xml'), 'utf8');
    expect(xml).toContain('<testsuite name="stms check" tests="4" failures="2" errors="0" skipped="0"');

    // Without --continue-on-error the last job's failure is the verdict: said once, not twice.
    const stopped = await f.run(['check', '--job-list', 'check-list', '--clusters', 'GZ_UAT,TJ_UAT']);
    expect(stopped.exitCode).toBe(6);
    expect(stopped.stderr.split('\n').filter((l) => l.startsWith('error: p1/k2: 一致性检查不通过'))).toHaveLength(1);
  });

  it('exits 2 before running anything when the report folder does not exist', async () => {
    const before = calls(f, 'job/list');
    const { exitCode, stderr } = await f.run(['launch', '--job-list', 'check-list', '--clusters', 'GZ_UAT,TJ_UAT', '--report', 'no/such/junit.xml']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(`--report ${path.join(f.dir, 'no/such/junit.xml')}: the folder ${path.join(f.dir, 'no/such')} does not exist`);
    expect(calls(f, 'job/list')).toBe(before);
  });
});
