import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS } from '../../src/streamis/status-codes.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { calls, putJob, runOn, statusOn } from './launch-support.js';
import { journalFiles, latestSource, policyPackage, readJournalFile, uploadCalls, versionsOn } from './release-support.js';

const PAIR = 'GZ_UAT,TJ_UAT';
const CHANGE_WINDOWS = {
  timeZone: 'Asia/Shanghai',
  allow: [{ days: ['Mon', 'Tue', 'Wed', 'Thu'], from: '09:30', to: '17:00' }],
  freezes: [{ from: '2026-12-28', to: '2027-01-03', reason: 'year-end freeze' }],
};
/** STMS_NOW values: a Wednesday in the year-end freeze, a Thursday in the window, a Saturday. */
const IN_FREEZE = { STMS_NOW: '2026-12-30T10:00:00+08:00' };
const IN_WINDOW = { STMS_NOW: '2026-12-03T10:00:00+08:00' };
const SATURDAY = { STMS_NOW: '2026-12-05T11:00:00+08:00' };
const FREEZE_TEXT = 'inside the freeze 2026-12-28 to 2027-01-03 (year-end freeze); the next window opens 2027-01-04 09:30 Asia/Shanghai (Mon)';

describe('change control: --change, change windows, --override-window', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture({ config: { changeWindows: CHANGE_WINDOWS } });
  });
  afterAll(async () => {
    await f.close();
  });

  it('a release inside a freeze is refused (exit 2) naming the freeze and the next opening; nothing is uploaded', async () => {
    const zip = await policyPackage(f, 'c_frozen', 'double', ['GZ_UAT', 'TJ_UAT']);
    const uploads = uploadCalls(f);
    const human = await f.run(['release', path.basename(zip), '--clusters', PAIR], IN_FREEZE);
    expect(human.exitCode).toBe(2);
    expect(human.stderr).toContain(`error: stms release refused: ${FREEZE_TEXT}`);
    expect(human.stderr).toContain('--override-window --reason');
    const json = await f.run(['release', path.basename(zip), '--clusters', PAIR, '--json'], IN_FREEZE);
    expect(json.exitCode).toBe(2);
    expect(json.json).toMatchObject({ ok: false, error: { code: 'USAGE', message: `stms release refused: ${FREEZE_TEXT}`, details: { kind: 'freeze', nextOpen: '2027-01-04T01:30:00.000Z' } } });
    expect([versionsOn(f.gz, 'c_frozen'), versionsOn(f.tj, 'c_frozen')]).toEqual([0, 0]);
    expect(uploadCalls(f)).toBe(uploads);
    expect(await journalFiles(f)).toEqual([]);
  });

  it('--override-window --reason lets it through: the reason is in the source record on both clusters, the journal, --json and a warning', async () => {
    const zip = await policyPackage(f, 'c_override', 'double', ['GZ_UAT', 'TJ_UAT']);
    const { exitCode, json, stderr } = await f.run(['release', path.basename(zip), '--clusters', PAIR, '--change', 'CHG-2026-1230-01', '--override-window', '--reason', 'incident 42', '--json'], IN_FREEZE);
    expect(exitCode).toBe(0);
    expect(stderr).toContain(`warning: change window overridden (reason: incident 42): ${FREEZE_TEXT}`);
    expect(json).toMatchObject({ ok: true, changeId: 'CHG-2026-1230-01', overrideReason: 'incident 42', outsideWindow: FREEZE_TEXT });
    for (const cluster of [f.gz, f.tj]) {
      expect(latestSource(cluster, 'c_override')).toMatchObject({ releaseId: json.releaseId, changeId: 'CHG-2026-1230-01', overrideReason: 'incident 42' });
    }
    const journal = await readJournalFile(f, json.releaseId);
    expect(journal.json).toMatchObject({ changeId: 'CHG-2026-1230-01', overrideReason: 'incident 42', outsideWindow: FREEZE_TEXT });
    // The check's verdict, written into the record by the server, keeps both fields.
    expect((await f.run(['check', 'p1/c_override', '--clusters', PAIR], IN_FREEZE)).exitCode).toBe(0);
    expect(latestSource(f.tj, 'c_override')).toMatchObject({ isHighAvailable: true, changeId: 'CHG-2026-1230-01', overrideReason: 'incident 42' });
  });

  it('--change lands in the source record and --json; STMS_CHANGE_ID does when the flag is absent, and the flag wins', async () => {
    const zip = await policyPackage(f, 'c_change', 'single', ['GZ_UAT']);
    const flagged = await f.run(['release', path.basename(zip), '--clusters', 'GZ_UAT', '--change', 'CHG-1', '--json'], IN_WINDOW);
    expect(flagged.exitCode).toBe(0);
    expect(flagged.json).toMatchObject({ ok: true, changeId: 'CHG-1' });
    expect(flagged.json).not.toHaveProperty('overrideReason');
    const source = latestSource(f.gz, 'c_change');
    expect(source).toMatchObject({ changeId: 'CHG-1', releaseId: flagged.json.releaseId });
    expect(source).not.toHaveProperty('overrideReason');
    expect((await readJournalFile(f, flagged.json.releaseId)).json).toMatchObject({ changeId: 'CHG-1' });

    const fromEnv = await f.run(['release', path.basename(zip), '--clusters', 'GZ_UAT', '--force', '--json'], { ...IN_WINDOW, STMS_CHANGE_ID: 'CHG-ENV' });
    expect(fromEnv.json).toMatchObject({ ok: true, changeId: 'CHG-ENV' });
    expect(latestSource(f.gz, 'c_change')).toMatchObject({ changeId: 'CHG-ENV' });
    const both = await f.run(['release', path.basename(zip), '--clusters', 'GZ_UAT', '--force', '--change', 'CHG-FLAG', '--json'], { ...IN_WINDOW, STMS_CHANGE_ID: 'CHG-ENV' });
    expect(both.json).toMatchObject({ ok: true, changeId: 'CHG-FLAG' });
    expect(latestSource(f.gz, 'c_change')).toMatchObject({ changeId: 'CHG-FLAG' });
  });

  it('--override-window without a reason, a blank reason, --reason alone, a bad change id, a bad STMS_NOW: exit 2 before any call', async () => {
    const zip = await policyPackage(f, 'c_flags', 'single', ['GZ_UAT']);
    const base = ['release', path.basename(zip), '--clusters', 'GZ_UAT'];
    const before = calls(f, 'job/upload') + calls(f, 'getHAMsg');
    const cases: Array<[string[], Record<string, string>, string]> = [
      [['--override-window'], IN_FREEZE, 'error: --override-window needs --reason "<why>"'],
      [['--override-window', '--reason', '   '], IN_FREEZE, 'error: --override-window needs --reason "<why>"'],
      [['--reason', 'incident 42'], IN_WINDOW, 'error: --reason goes with --override-window'],
      [['--change', 'CHG\u00071'], IN_WINDOW, 'error: --change holds a control character'],
      [['--change', 'C'.repeat(65)], IN_WINDOW, 'error: --change is 65 characters long; at most 64'],
      [[], { STMS_NOW: 'yesterday' }, 'error: STMS_NOW yesterday: not an ISO 8601 instant'],
    ];
    for (const [extra, env, message] of cases) {
      const { exitCode, stderr } = await f.run([...base, ...extra], env);
      expect(exitCode, extra.join(' ')).toBe(2);
      expect(stderr, extra.join(' ')).toContain(message);
    }
    expect(calls(f, 'job/upload') + calls(f, 'getHAMsg')).toBe(before);
    expect(versionsOn(f.gz, 'c_flags')).toBe(0);
  });

  it('upgrade and rollback in a freeze are refused before any call; an upgrade in a window records its change', async () => {
    const zip = await policyPackage(f, 'c_upgrade', 'single', ['GZ_UAT']);
    const before = calls(f, 'getHAMsg') + uploadCalls(f);
    const upgrade = await f.run(['upgrade', path.basename(zip), '--clusters', 'GZ_UAT', '--stable', '0'], IN_FREEZE);
    expect(upgrade.exitCode).toBe(2);
    expect(upgrade.stderr).toContain(`error: stms upgrade refused: ${FREEZE_TEXT}`);
    const rollback = await f.run(['rollback', 'p1/c_upgrade', '--clusters', 'GZ_UAT'], IN_FREEZE);
    expect(rollback.exitCode).toBe(2);
    expect(rollback.stderr).toContain(`error: stms rollback refused: ${FREEZE_TEXT}`);
    expect(calls(f, 'getHAMsg') + uploadCalls(f)).toBe(before);

    const { exitCode, json } = await f.run(['upgrade', path.basename(zip), '--clusters', 'GZ_UAT', '--stable', '0', '--change', 'CHG-U', '--json'], IN_WINDOW);
    expect(exitCode).toBe(0);
    expect(json).toMatchObject({ ok: true, changeId: 'CHG-U' });
    expect(latestSource(f.gz, 'c_upgrade')).toMatchObject({ changeId: 'CHG-U', releaseId: json.releaseId });
    expect((await readJournalFile(f, json.releaseId)).json).toMatchObject({ changeId: 'CHG-U' });
  });

  it('stop outside a window is refused and the job keeps running; with an override it stops', async () => {
    await putJob(f, 'c_stop', 'double', ['GZ_UAT', 'TJ_UAT']);
    await runOn(f.gz, 'c_stop');
    const refused = await f.run(['stop', 'p1/c_stop', '--clusters', PAIR], SATURDAY);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('error: stms stop refused: outside the allowed change windows (Mon,Tue,Wed,Thu 09:30-17:00 Asia/Shanghai); the next window opens 2026-12-07 09:30 Asia/Shanghai (Mon)');
    expect(statusOn(f.gz, 'c_stop')).toBe(STATUS.RUNNING);

    const stopped = await f.run(['stop', 'p1/c_stop', '--clusters', PAIR, '--override-window', '--reason', 'disk full', '--change', 'CHG-2', '--json'], SATURDAY);
    expect(stopped.exitCode).toBe(0);
    expect(stopped.json).toMatchObject({ ok: true, changeId: 'CHG-2', overrideReason: 'disk full', jobs: [{ outcome: 'stopped' }] });
    expect(stopped.stderr).toContain('warning: change window overridden (reason: disk full)');
    expect(statusOn(f.gz, 'c_stop')).toBe(STATUS.STOPPED);
  });

  it('a plain launch in a freeze is refused too: it changes what runs', async () => {
    await putJob(f, 'c_launch', 'single', ['GZ_UAT']);
    const { exitCode, stderr } = await f.run(['launch', 'p1/c_launch', '--clusters', 'GZ_UAT'], IN_FREEZE);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(`error: stms launch refused: ${FREEZE_TEXT}`);
    expect(statusOn(f.gz, 'c_launch')).toBeNull();
  });

  it('check, snapshot and status are never refused by the windows; check and snapshot record the change in --json', async () => {
    await putJob(f, 'c_read', 'double', ['GZ_UAT', 'TJ_UAT']);
    await runOn(f.gz, 'c_read');
    const check = await f.run(['check', 'p1/c_read', '--clusters', PAIR, '--change', 'CHG-3', '--json'], IN_FREEZE);
    expect(check.exitCode).toBe(0);
    expect(check.json).toMatchObject({ ok: true, changeId: 'CHG-3', jobs: [{ outcome: 'consistent' }] });
    const snapshot = await f.run(['snapshot', 'p1/c_read', '--clusters', 'GZ_UAT', '--json'], { ...IN_FREEZE, STMS_CHANGE_ID: 'CHG-4' });
    expect(snapshot.exitCode).toBe(0);
    expect(snapshot.json).toMatchObject({ ok: true, changeId: 'CHG-4' });
    // A job list's user-env.sh may name the change; the real environment wins over it.
    await mkdir(path.join(f.dir, 'change-list'), { recursive: true });
    await writeFile(path.join(f.dir, 'change-list', 'joblist.txt'), 'p1,c_read\n');
    await writeFile(path.join(f.dir, 'change-list', 'user-env.sh'), 'export STMS_CHANGE_ID=CHG-LIST\n');
    const listed = await f.run(['check', '--job-list', 'change-list', '--clusters', PAIR, '--json'], IN_FREEZE);
    expect(listed.exitCode).toBe(0);
    expect(listed.json).toMatchObject({ ok: true, changeId: 'CHG-LIST' });
    const overridden = await f.run(['check', '--job-list', 'change-list', '--clusters', PAIR, '--json'], { ...IN_FREEZE, STMS_CHANGE_ID: 'CHG-REAL' });
    expect(overridden.json).toMatchObject({ ok: true, changeId: 'CHG-REAL' });
    const status = await f.run(['status', 'p1/c_read', '--clusters', PAIR, '--json'], IN_FREEZE);
    expect(status.exitCode).toBe(0);
    expect(status.json.ok).toBe(true);
  });
});

describe('change control: requireChange', () => {
  let f: SandboxFixture;
  beforeAll(async () => {
    f = await startSandboxFixture({ config: { requireChange: true } });
  });
  afterAll(async () => {
    await f.close();
  });

  it('a release without --change or STMS_CHANGE_ID is exit 2 naming both; nothing is uploaded', async () => {
    const zip = await policyPackage(f, 'r_release', 'single', ['GZ_UAT']);
    const { exitCode, stderr } = await f.run(['release', path.basename(zip), '--clusters', 'GZ_UAT']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('error: stms release needs --change <id> (or STMS_CHANGE_ID): the config sets requireChange');
    expect(versionsOn(f.gz, 'r_release')).toBe(0);
    const withEnv = await f.run(['release', path.basename(zip), '--clusters', 'GZ_UAT', '--json'], { STMS_CHANGE_ID: 'CHG-5' });
    expect(withEnv.exitCode).toBe(0);
    expect(latestSource(f.gz, 'r_release')).toMatchObject({ changeId: 'CHG-5' });
  });

  it.each(['check', 'stop', 'launch', 'snapshot'])('%s without a change id is exit 2; status needs none', async (command) => {
    await putJob(f, `r_${command}`, 'single', ['GZ_UAT']);
    const { exitCode, stderr, json } = await f.run([command, `p1/r_${command}`, '--clusters', 'GZ_UAT', '--json']);
    expect(exitCode).toBe(2);
    expect(json).toMatchObject({ ok: false, error: { code: 'USAGE', message: `stms ${command} needs --change <id> (or STMS_CHANGE_ID): the config sets requireChange` } });
    expect(stderr).toContain('STMS_CHANGE_ID');
    const status = await f.run(['status', `p1/r_${command}`, '--clusters', 'GZ_UAT']);
    expect(status.exitCode).toBe(0);
  });
});
