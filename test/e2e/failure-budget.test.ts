import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS } from '../../src/streamis/status-codes.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { putJob, statusOn } from './launch-support.js';

const jobs = Array.from({ length: 20 }, (_, i) => `m${String(i).padStart(2, '0')}`);

describe('--max-failures: the failure budget of a batch', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
    for (const job of jobs) await putJob(f, job, 'single', ['GZ_UAT']);
    await mkdir(path.join(f.dir, 'twenty'), { recursive: true });
    await writeFile(path.join(f.dir, 'twenty', 'joblist.txt'), `${jobs.map((j) => `p1,${j}`).join('\n')}\n`);
  }, 60_000);
  afterAll(async () => {
    await f.close();
  });

  it('stops a launch of 20 jobs after the second failure: the rest are not-run, never started, exit 8', async () => {
    f.gz.failNextStart('p1', 'm03', 'Caused by: java.lang.OutOfMemoryError');
    f.gz.failNextStart('p1', 'm07', 'Caused by: TopicAuthorizationException');
    const { exitCode, json } = await f.run(['launch', '--job-list', 'twenty', '--clusters', 'GZ_UAT', '--concurrency', '1', '--continue-on-error', '--max-failures', '2', '--report', 'budget.xml', '--json']);
    expect(exitCode).toBe(8);
    expect(json).toMatchObject({ ok: false, summary: { total: 20, ok: 6, failed: 2, notRun: 12 }, error: { code: 'BATCH' } });
    expect(json.error.message).toBe('2 of 20 jobs failed: p1/m03, p1/m07; --max-failures 2 was reached: 12 jobs not run');
    const outcomes = json.jobs.map((j: { outcome: string }) => j.outcome);
    expect(outcomes.slice(8)).toEqual(Array(12).fill('not-run'));
    expect(outcomes.filter((o: string) => o === 'failed')).toHaveLength(2);
    for (const job of jobs.slice(8)) expect(statusOn(f.gz, job), job).toBeNull();
    expect(statusOn(f.gz, 'm06')).toBe(STATUS.RUNNING);
    const xml = await readFile(path.join(f.dir, 'budget.xml'), 'utf8');
    expect(xml.match(/not run: --max-failures 2 was reached/g)).toHaveLength(12);
  });

  it('says on stderr why the rest did not run', async () => {
    f.gz.failNextStart('p1', 'm10', 'boom');
    f.gz.failNextStart('p1', 'm11', 'boom');
    const { exitCode, stderr } = await f.run(['launch', '--job-list', 'twenty', '--clusters', 'GZ_UAT', '--concurrency', '1', '--max-failures', '2']);
    expect(exitCode).toBe(8);
    expect(stderr).toContain('warning: 8 jobs were not run: the batch stopped after 2 failures (--max-failures)');
    expect(stderr).toContain('error: 2 of 20 jobs failed: p1/m10, p1/m11; --max-failures 2 was reached: 8 jobs not run');
  });

  it('refuses a --max-failures that is not a whole number of at least 1 (exit 2)', async () => {
    for (const bad of ['0', '-1', 'two', '1.5']) {
      const { exitCode, stderr } = await f.run(['launch', '--job-list', 'twenty', '--clusters', 'GZ_UAT', '--max-failures', bad]);
      expect(exitCode, bad).toBe(2);
      expect(stderr, bad).toContain('--max-failures needs a whole number of at least 1, such as 3');
    }
  });
});
