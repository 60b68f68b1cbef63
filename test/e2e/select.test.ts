import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STATUS } from '../../src/streamis/status-codes.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { calls, putJob, statusOn } from './launch-support.js';

/**
 * `--project P --label L --name-like S --expect N --dry-run` (docs/concepts.md "Selecting jobs"):
 * the jobs read from the servers, every page, the label matched exactly, one job per name across
 * clusters, then run as a job list runs.
 */

const PAIR = 'GZ_UAT,TJ_UAT';
const P = 'sel';
/** Those whose labels include `kafka` exactly, in the order selected: by job name. */
const KAFKA = ['k_a', 'k_b', 'ke_a'];
const FILLERS = Array.from({ length: 21 }, (_, i) => `f_${String(i + 1).padStart(2, '0')}`);

describe('stms <job command> --project: selecting jobs on the servers', () => {
  let f: SandboxFixture;
  const writes = () => ['job/execute', 'job/stop', 'job/snapshot', 'job/updateContent', 'job/execute/inspect'].map((e) => calls(f, e));

  beforeAll(async () => {
    f = await startSandboxFixture();
    const project = { project: P };
    await putJob(f, 'k_a', 'double', ['GZ_UAT', 'TJ_UAT'], { ...project, tags: 'kafka' });
    await putJob(f, 'k_b', 'single', ['GZ_UAT'], { ...project, tags: 'kafka' });
    await putJob(f, 'ke_a', 'single', ['TJ_UAT'], { ...project, tags: 'kafka,etl' });
    await putJob(f, 'k2_a', 'double', ['GZ_UAT', 'TJ_UAT'], { ...project, tags: 'kafka2' });
    await putJob(f, 'e_a', 'double', ['GZ_UAT', 'TJ_UAT'], { ...project, tags: 'etl' });
    // The server's label search is a substring: these come back for `kafka` too, more than its
    // default page of 20 together with the others.
    for (const job of FILLERS) await putJob(f, job, 'single', ['GZ_UAT'], { ...project, tags: 'kafka2,etl' });
    await putJob(f, 'k_other', 'single', ['GZ_UAT'], { project: 'other', tags: 'kafka' });
  }, 120_000);
  afterAll(async () => {
    await f.close();
  });
  afterEach(() => {
    f.gz.setDown(false);
    f.tj.setDown(false);
  });

  it('status --label kafka works on exactly the jobs labelled kafka (not kafka2), each once, in name order', async () => {
    const { exitCode, json, stderr } = await f.run(['status', '--project', P, '--label', 'kafka', '--clusters', PAIR, '--json']);
    expect(stderr).not.toContain('error');
    expect(exitCode).toBe(0);
    expect(json.jobs.map((j: any) => j.job)).toEqual(KAFKA);
    expect(json.jobs.every((j: any) => j.project === P)).toBe(true);
    expect(json.selection).toEqual({ projects: [P], label: 'kafka' });
    expect(json.jobs[0].clusters).toMatchObject({ GZ_UAT: { statusCode: 0 }, TJ_UAT: { statusCode: 0 } });
    expect(json.summary).toMatchObject({ total: 3, ok: 3 });
  });

  it('passes the label and the name to job/list, and reads every page', async () => {
    const { exitCode, stderr } = await f.run(['status', '--project', P, '--label', 'kafka', '--name-like', 'f_', '--clusters', PAIR, '--dry-run', '-v']);
    // Every filler is kafka2,etl: nothing is labelled kafka among them.
    expect(exitCode).toBe(2);
    expect(stderr).toContain('error: no jobs of project sel with label kafka and a name containing f_ on GZ_UAT, TJ_UAT');
    expect(stderr).toMatch(/GET \S*job\/list\?\S*label=kafka/);
    expect(stderr).toMatch(/GET \S*job\/list\?\S*jobName=f_/);

    const all = await f.run(['status', '--project', P, '--name-like', 'f_', '--clusters', 'GZ_UAT', '--dry-run', '--json']);
    expect(all.exitCode).toBe(0);
    expect(all.json.jobs.map((j: any) => j.job)).toEqual(FILLERS);
  });

  it('--dry-run lists the selection (project, job, labels, clusters) and starts nothing', async () => {
    const before = writes();
    const { exitCode, json } = await f.run(['launch', '--project', P, '--label', 'kafka', '--clusters', PAIR, '--dry-run', '--json']);
    expect(exitCode).toBe(0);
    expect(json).toEqual({
      ok: true,
      dryRun: true,
      jobs: [
        { project: P, job: 'k_a', labels: ['kafka'], clusters: ['GZ_UAT', 'TJ_UAT'] },
        { project: P, job: 'k_b', labels: ['kafka'], clusters: ['GZ_UAT'] },
        { project: P, job: 'ke_a', labels: ['kafka', 'etl'], clusters: ['TJ_UAT'] },
      ],
    });
    const human = await f.run(['launch', '--project', P, '--label', 'kafka', '--clusters', PAIR, '--dry-run']);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toMatch(/PROJECT\s+JOB\s+LABELS\s+CLUSTERS/);
    expect(human.stdout).toMatch(/sel\s+k_a\s+kafka\s+GZ_UAT,TJ_UAT/);
    expect(human.stdout).toMatch(/sel\s+ke_a\s+kafka,etl\s+TJ_UAT/);
    expect(human.stdout).toContain('3 jobs selected; --dry-run: nothing was done');
    expect(writes()).toEqual(before);
  });

  it('--expect another count exits 2 naming what was found, and starts nothing', async () => {
    const before = writes();
    const { exitCode, json } = await f.run(['launch', '--project', P, '--label', 'kafka', '--expect', '2', '--clusters', PAIR, '--json']);
    expect(exitCode).toBe(2);
    expect(json.error).toMatchObject({ code: 'USAGE', message: '--expect 2, but 3 jobs of project sel with label kafka match on GZ_UAT, TJ_UAT: sel/k_a, sel/k_b, sel/ke_a; nothing was done' });
    const dry = await f.run(['launch', '--project', P, '--label', 'kafka', '--expect', '4', '--dry-run', '--clusters', PAIR]);
    expect(dry.exitCode).toBe(2);
    expect(dry.stderr).toContain('--expect 4, but 3 jobs');
    expect(writes()).toEqual(before);
    for (const job of KAFKA) expect(statusOn(f.gz, job, P) ?? null).toBeNull();
  });

  it('launch, then stop, act on exactly the selected jobs', async () => {
    const launch = await f.run(['launch', '--project', P, '--label', 'kafka', '--expect', '3', '--clusters', PAIR, '--json']);
    expect(launch.stderr).not.toContain('error');
    expect(launch.exitCode).toBe(0);
    expect(launch.json.jobs.map((j: any) => [j.job, j.outcome])).toEqual(KAFKA.map((job) => [job, 'running']));
    expect([statusOn(f.gz, 'k_a', P), statusOn(f.tj, 'k_a', P), statusOn(f.gz, 'k_b', P), statusOn(f.tj, 'ke_a', P)]).toEqual([STATUS.RUNNING, STATUS.RUNNING, STATUS.RUNNING, STATUS.RUNNING]);
    for (const job of ['k2_a', 'e_a']) expect([statusOn(f.gz, job, P), statusOn(f.tj, job, P)]).toEqual([null, null]);
    expect(statusOn(f.gz, 'k_other', 'other')).toBeNull();

    const stop = await f.run(['stop', '--project', P, '--label', 'kafka', '--name-like', 'k_', '--clusters', PAIR, '--json']);
    expect(stop.exitCode).toBe(0);
    // k_ is a substring of k_a and k_b, not of ke_a.
    expect(stop.json.jobs.map((j: any) => j.job)).toEqual(['k_a', 'k_b']);
    expect([statusOn(f.gz, 'k_a', P), statusOn(f.gz, 'k_b', P), statusOn(f.tj, 'ke_a', P)]).toEqual([STATUS.STOPPED, STATUS.STOPPED, STATUS.RUNNING]);
  });

  it.each<[string, string[], string]>([
    ['a job and --project', ['status', 'sel/k_a', '--project', P], 'give either a job (sel/k_a) or --project, not both'],
    ['--job-list and --project', ['check', '--job-list', 'x', '--project', P], 'give either --job-list or --project, not both'],
    ['--label without --project', ['launch', '--label', 'kafka'], '--label selects among the jobs of a project: add --project P'],
    ['--dry-run with a job', ['stop', 'sel/k_a', '--dry-run'], '--dry-run selects among the jobs of a project: add --project P'],
    ['--expect with a job list', ['snapshot', '--job-list', 'x', '--expect', '3'], '--expect selects among the jobs of a project: add --project P'],
    ['a --name-like with a comma', ['status', '--project', P, '--name-like', 'k_a,k_b'], '--name-like "k_a,k_b": the server searches job names with letters, digits, _ and . only (no commas)'],
    ['a --name-like with a hyphen', ['status', '--project', P, '--name-like', 'k-a'], '--name-like "k-a": the server searches job names'],
    ['a --label with a comma', ['status', '--project', P, '--label', 'kafka,etl'], '--label "kafka,etl": give one label, without commas'],
    ['--expect 0', ['status', '--project', P, '--expect', '0'], '--expect 0: a whole number of 1 or more'],
    ['--expect abc', ['status', '--project', P, '--expect', 'abc'], '--expect abc: a whole number of 1 or more'],
    ['two projects', ['status', '--project', P, '--project', 'other'], "option '--project <name>' argument 'other' is invalid. give one project"],
    ['a bad project name', ['status', '--project', 'a/b'], '--project a/b: a project name has only letters, digits, _ and .'],
  ])('refuses %s (exit 2) before calling any cluster', async (_what, args, message) => {
    const before = calls(f, 'job/list');
    const { exitCode, stderr } = await f.run([...args, '--clusters', PAIR]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(message);
    expect(calls(f, 'job/list')).toBe(before);
  });

  it('an empty selection exits 2, naming the project, the criteria and the clusters', async () => {
    const { exitCode, json } = await f.run(['launch', '--project', P, '--label', 'kafk', '--clusters', PAIR, '--json']);
    expect(exitCode).toBe(2);
    expect(json.error).toMatchObject({ code: 'USAGE', message: 'no jobs of project sel with label kafk on GZ_UAT, TJ_UAT' });
    const none = await f.run(['status', '--project', 'nosuch', '--clusters', PAIR]);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('error: no jobs of project nosuch on GZ_UAT, TJ_UAT');
  });

  it('audit --project --label judges only the selected jobs; --dry-run and --expect as the job commands', async () => {
    const audit = await f.run(['audit', '--project', P, '--label', 'kafka', '--clusters', PAIR, '--json']);
    expect([0, 4, 6]).toContain(audit.exitCode);
    expect(audit.json).toMatchObject({ projects: [P], jobs: 3 });
    // The CMDB is empty: every audited job is reported unregistered, and only those.
    expect([...new Set(audit.json.findings.map((x: any) => x.job))].sort()).toEqual(KAFKA);

    const dry = await f.run(['audit', '--project', P, '--label', 'kafka', '--clusters', PAIR, '--dry-run', '--json']);
    expect(dry.exitCode).toBe(0);
    expect(dry.json.jobs.map((j: any) => j.job)).toEqual(KAFKA);
    const expectMismatch = await f.run(['audit', '--project', P, '--label', 'kafka', '--expect', '5', '--clusters', PAIR]);
    expect(expectMismatch.exitCode).toBe(2);
    expect(expectMismatch.stderr).toContain('--expect 5, but 3 jobs of project sel with label kafka match on GZ_UAT, TJ_UAT');
    const alone = await f.run(['audit', '--label', 'kafka', '--clusters', PAIR]);
    expect(alone.exitCode).toBe(2);
    expect(alone.stderr).toContain('--label selects among the jobs of a project: add --project P');
  });

  it('a cluster down fails the selection with its code (5), and one that refuses the token with AUTH (2)', async () => {
    const before = writes();
    f.tj.setDown(true, 'refuse');
    const down = await f.run(['launch', '--project', P, '--label', 'kafka', '--clusters', PAIR, '--json']);
    expect(down.exitCode).toBe(5);
    expect(down.json.error).toMatchObject({ code: 'REMOTE', message: expect.stringMatching(/^TJ_UAT job\/list: /) });
    f.tj.setDown(false);

    const auth = await f.run(['stop', '--project', P, '--label', 'kafka', '--clusters', PAIR, '--json'], { STMS_TOKEN_TJ_UAT: 'not-the-tj-token' });
    expect(auth.exitCode).toBe(2);
    expect(auth.json.error).toMatchObject({ code: 'AUTH', message: expect.stringContaining('TJ_UAT job/list: the gateway did not accept the login') });
    expect(auth.stdout + auth.stderr).not.toContain('not-the-tj-token');
    expect(f.leakedTokens(down.stdout + down.stderr + auth.stdout + auth.stderr)).toEqual([]);
    expect(writes()).toEqual(before);
  });
});
