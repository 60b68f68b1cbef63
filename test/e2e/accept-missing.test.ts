import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxClusterHandle } from '../../src/sandbox/index.js';
import { STATUS } from '../../src/streamis/status-codes.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { clientFor, eventually, failure } from '../streamis/helpers.js';
import { calls, jobView, latestSourceOn, putJob, statusOn } from './launch-support.js';

const PAIR = 'GZ_UAT,TJ_UAT';
const MD5_V1 = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const MD5_HOTFIX = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const REASON = 'GZ_UAT down since 09:10 (INC-4711): hotfix of the "orders" sink';

/** The control a person or test uses to take a cluster down (src/sandbox/control.ts). */
async function setDown(cluster: SandboxClusterHandle, down: boolean): Promise<void> {
  const answer = await fetch(`${cluster.url}/__sandbox/down`, { method: 'POST', body: JSON.stringify({ down, mode: 'refuse' }) });
  expect(answer.status).toBe(200);
}

/** Starts the job on the cluster through the server's own start, as the web page or a script would. */
async function start(cluster: SandboxClusterHandle, job: string): Promise<unknown> {
  const client = clientFor(cluster);
  try {
    return await client.execute(jobView(cluster, job)?.id as number);
  } finally {
    await client.close();
  }
}

describe('stms check --accept-missing: a hotfix while the other cluster is down', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture();
    await f.register([{ projectName: 'p1', jobName: 'hot', haPolicy: 'managerSlave', clusters: ['GZ_UAT', 'TJ_UAT'] }]);
    await putJob(f, 'hot', 'managerSlave', ['GZ_UAT', 'TJ_UAT'], { md5: MD5_V1 });
    expect((await f.run(['check', 'p1/hot', '--clusters', PAIR])).exitCode).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await f.close();
  });

  it('refuses --accept-missing without a reason, with a blank one, or naming a cluster outside --clusters (exit 2)', async () => {
    const none = await f.run(['check', 'p1/hot', '--clusters', PAIR, '--accept-missing', 'GZ_UAT']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('error: --accept-missing GZ_UAT needs --reason "<why>"');
    const blank = await f.run(['check', 'p1/hot', '--clusters', PAIR, '--accept-missing', 'GZ_UAT', '--reason', '   ']);
    expect(blank.exitCode).toBe(2);
    expect(blank.stderr).toContain('needs --reason');
    const outside = await f.run(['check', 'p1/hot', '--clusters', PAIR, '--accept-missing', 'SH_DR', '--reason', 'x']);
    expect(outside.exitCode).toBe(2);
    expect(outside.stderr).toContain('error: --accept-missing SH_DR: not one of --clusters GZ_UAT,TJ_UAT');
    expect(calls(f, 'job/updateContent')).toBe(2);
  });

  it('refuses when the cluster said to be missing answers (exit 2): the normal check is the one to run', async () => {
    const before = calls(f, 'job/updateContent');
    const { exitCode, stderr } = await f.run(['check', 'p1/hot', '--clusters', PAIR, '--accept-missing', 'GZ_UAT', '--reason', REASON]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('error: --accept-missing GZ_UAT: it answers, so the verdict can compare both clusters');
    expect(stderr).toContain('Run stms check without --accept-missing');
    expect(calls(f, 'job/updateContent')).toBe(before);
  });

  it('writes a verdict on TJ_UAT alone naming GZ_UAT, the reason and the deploy user; the server then starts it; the audit lists it until a normal check', async () => {
    await setDown(f.gz, true);
    f.gz.setWhetherManager(false);
    f.tj.setWhetherManager(true);
    try {
      // The hotfix reaches TJ_UAT as a new version; the server will not start it without a verdict.
      await putJob(f, 'hot', 'managerSlave', ['TJ_UAT'], { md5: MD5_HOTFIX });
      expect((await failure(start(f.tj, 'hot'))).message).toContain('The master and backup cluster materials forJob hotdo not match');

      const normal = await f.run(['check', 'p1/hot', '--clusters', PAIR]);
      expect(normal.exitCode).toBe(5);

      const { exitCode, json, stderr } = await f.run(['check', 'p1/hot', '--clusters', PAIR, '--accept-missing', 'GZ_UAT', '--reason', REASON, '--json', '-v']);
      expect(exitCode).toBe(0);
      expect(stderr).toContain('warning: GZ_UAT does not answer (');
      const [job] = json.jobs;
      expect(job).toMatchObject({ project: 'p1', job: 'hot', policy: 'managerSlave', outcome: 'accepted', ok: true });
      expect(job.clusters.GZ_UAT).toEqual({ outcome: 'not-answering' });
      expect(job.clusters.TJ_UAT).toMatchObject({ outcome: 'accepted', version: 'v00002', md5: MD5_HOTFIX });
      const source = latestSourceOn(f.tj, 'hot');
      expect(source).toMatchObject({ isHighAvailable: true, md5: MD5_HOTFIX });
      const message = source?.highAvailableMessage as string;
      expect(message).toContain('accepted with GZ_UAT missing');
      expect(message).toContain(`reason ${JSON.stringify(REASON)}`);
      expect(message).toContain('accepted by "alexyang"');
      expect(job.message).toBe(message);
      expect(f.leakedTokens(JSON.stringify(json) + stderr)).toEqual([]);

      // The server's own HA check now lets the hotfix start on the manager.
      await start(f.tj, 'hot');
      await eventually(async () => (statusOn(f.tj, 'hot') === STATUS.RUNNING ? true : undefined));

      const audit = await f.run(['audit', '--clusters', 'TJ_UAT', '--project', 'p1', '--json']);
      expect(audit.exitCode).toBe(6);
      expect(audit.json.findings).toContainEqual(
        expect.objectContaining({ kind: 'verdict-accepted-missing', project: 'p1', job: 'hot', cluster: 'TJ_UAT', code: 'CONSISTENCY', expected: 'a verdict comparing both clusters (stms check)', found: `accepted without GZ_UAT by alexyang: ${REASON}` }),
      );
    } finally {
      await setDown(f.gz, false);
    }

    // GZ_UAT is back: the hotfix is released there too, and the normal check replaces the verdict.
    await putJob(f, 'hot', 'managerSlave', ['GZ_UAT'], { md5: MD5_HOTFIX });
    const check = await f.run(['check', 'p1/hot', '--clusters', PAIR]);
    expect(check.exitCode).toBe(0);
    expect(latestSourceOn(f.tj, 'hot')?.highAvailableMessage).toMatch(/^一致性检查通过 \/ consistent: /);
    const audit = await f.run(['audit', '--clusters', PAIR, '--project', 'p1', '--json']);
    expect((audit.json.findings as Array<{ kind: string }>).map((x) => x.kind)).not.toContain('verdict-accepted-missing');
  }, 60_000);
});
