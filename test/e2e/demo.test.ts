import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStms } from '../support/run-stms.js';

describe('stms demo', () => {
  it('runs the whole flow on the in-process sandbox and exits 0', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'stms-demo-'));
    const run = await runStms(['demo', '--json'], { cwd, timeoutMs: 180_000 });
    expect(run.stderr).not.toMatch(/internal error/);
    // No Node warning (a listener leak warning once showed during the rolling restarts).
    expect(run.stderr).not.toMatch(/\(node:\d+\) \w+Warning/);
    expect(run.exitCode).toBe(0);
    const doc = run.json;
    expect(doc.ok).toBe(true);
    const commands = doc.steps.map((s: { command: string }) => s.command.split(' ')[1]);
    expect(commands).toEqual(['pack', 'plan', 'release', 'release', 'release', 'check', 'launch', 'launch', 'launch', 'status', 'upgrade', 'rollback', 'history', 'stop', 'history']);
    expect(doc.steps.every((s: { exitCode: number }) => s.exitCode === 0)).toBe(true);

    const byCommand = (name: string) => doc.steps.filter((s: { command: string }) => s.command.startsWith(`stms ${name} `) || s.command === `stms ${name}`);
    const [double, withBak, managerSlave] = byCommand('release').map((s: { document: any }) => s.document);
    expect(double).toMatchObject({ policy: 'double', clusters: { GZ_UAT: { outcome: 'uploaded' }, TJ_UAT: { outcome: 'uploaded' } } });
    expect(withBak).toMatchObject({ policy: 'singleWithBak', clusters: { GZ_UAT: { outcome: 'uploaded' }, SH_DR: { outcome: 'uploaded' } } });
    expect(managerSlave).toMatchObject({ policy: 'managerSlave' });

    const launches = byCommand('launch').map((s: { document: any }) => s.document.jobs[0]);
    expect(launches[0].clusters).toMatchObject({ GZ_UAT: { outcome: 'running' }, TJ_UAT: { outcome: 'running' } });
    // singleWithBak: the DR cluster holds the materials and is never started.
    expect(launches[1].clusters.SH_DR.outcome).toBe('not-target');
    // managerSlave: only the manager cluster (GZ_UAT in the sandbox) starts.
    expect(launches[2].clusters.TJ_UAT.outcome).toBe('not-target');

    // The upgrade restarts each cluster from the savepoint its own stop took; the rollback puts the first md5 back.
    const upgrade = byCommand('upgrade')[0].document;
    for (const cluster of ['GZ_UAT', 'TJ_UAT']) {
      expect(upgrade.clusters[cluster]).toMatchObject({ versionBefore: 'v00001', versionAfter: 'v00002', stable: true });
      expect(upgrade.clusters[cluster].restoredFrom).toBe(upgrade.clusters[cluster].savepoint);
    }
    const rollback = byCommand('rollback')[0].document;
    expect(rollback.target.md5).toBe(double.md5);
    expect(rollback.release.clusters).toMatchObject({ GZ_UAT: { outcome: 'uploaded', version: 'v00003' }, TJ_UAT: { outcome: 'uploaded', version: 'v00003' } });

    const stop = byCommand('stop')[0].document.jobs[0];
    expect(stop.clusters.GZ_UAT.outcome).toBe('stopped');
    expect(stop.clusters.GZ_UAT.path).toMatch(/savepoint/);

    const journals = await readdir(path.join(doc.dir, '.stms', 'releases'));
    expect(journals.filter((f) => f.endsWith('.json'))).toHaveLength(5);
    // The sandbox tokens live in its config; none of them may reach the journals or the output.
    const config = JSON.parse(await readFile(doc.config, 'utf8'));
    const tokens = Object.values(config.clusters).map((c: any) => c.tokenCode as string);
    for (const file of journals) {
      const text = await readFile(path.join(doc.dir, '.stms', 'releases', file), 'utf8');
      for (const token of tokens) expect(text).not.toContain(token);
    }
    for (const token of tokens) {
      expect(run.stdout).not.toContain(token);
      expect(run.stderr).not.toContain(token);
    }
  });
});
