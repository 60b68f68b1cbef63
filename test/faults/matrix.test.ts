import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { STMS_BIN } from '../support/run-stms.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { FAULTS, SLICE, STAGES, heldOnTj, type FaultKind, type Stage } from './matrix.js';

/**
 * Runs the fault matrix (STMS_FAULTS=all: every stage x every fault; otherwise the slice) and
 * checks the invariants in every cell: an exit code the table documents and never a crash, no
 * token anywhere, a journal that says what the cluster holds, no version created twice without
 * being reported, and a job stms stopped never left stopped without being named.
 */

const all = process.env.STMS_FAULTS === 'all';
const cells: Array<[Stage, FaultKind]> = all
  ? STAGES.flatMap((s) => FAULTS.map((k): [Stage, FaultKind] => [s, k]))
  : SLICE.map(([name, kind]): [Stage, FaultKind] => [STAGES.find((s) => s.name === name) as Stage, kind]);

describe(`fault matrix: ${STAGES.length} stages x ${FAULTS.length} faults = ${STAGES.length * FAULTS.length} cells (${all ? 'all' : `a slice of ${cells.length}`})`, () => {
  for (const [stage, fault] of cells) {
    it(`${stage.name} x ${fault}`, async () => {
      const f = await startSandboxFixture({ config: { timeouts: { request: '2s', upload: '3s', execute: '3s', settle: '2s' }, retries: { attempts: 1, baseDelay: '5ms', maxDelay: '20ms' } } });
      try {
        await runCell(f, stage, fault);
      } finally {
        await f.close();
      }
    }, 60_000);
  }
});

async function runCell(f: SandboxFixture, stage: Stage, fault: FaultKind): Promise<void> {
  const ids = await stage.setup(f);
  const faultPath = stage.path(f, ids);
  const before = heldOnTj(f);
  const signal = fault === 'sigint' ? 'SIGINT' : fault === 'sigterm' ? 'SIGTERM' : undefined;
  if (fault === '5xx') f.tj.injectFault({ path: faultPath, kind: 'error', status: 503, count: 10 });
  if (fault === 'timeout') f.tj.injectFault({ path: faultPath, kind: 'delay', delayMs: 4000, count: 10 });
  if (fault === 'drop') f.tj.injectFault({ path: faultPath, kind: 'drop', count: 1 });
  if (fault === 'lost') f.tj.injectFault({ path: faultPath, kind: 'lost', count: 1 });
  if (signal) f.tj.injectFault({ path: faultPath, kind: 'delay', delayMs: 15_000, count: 1 });

  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('STMS_')));
  const child = execa('node', [STMS_BIN, ...stage.argv, '--json'], { cwd: f.dir, env: { ...env, NO_COLOR: '1', CI: 'true' }, extendEnv: false, reject: false, timeout: 55_000 });
  if (signal) {
    const calls = () => f.tj.callCount(faultPath.replace(/\/\d+$/, '/{jobId}')) + f.tj.callCount(faultPath);
    for (let i = 0; i < 400 && calls() === 0; i++) await sleep(25);
    await sleep(150);
    child.kill(signal);
  }
  const run = await child;
  const stdout = String(run.stdout);
  const stderr = String(run.stderr);
  const doc = JSON.parse(stdout) as { ok: boolean; releaseId?: string; clusters?: Record<string, { outcome: string; version?: string; duplicates?: unknown[] }>; jobs?: Array<{ clusters: Record<string, Record<string, unknown>> }>; error?: { code: string; message: string } };

  // Never a crash, and an exit the table documents for what happened.
  expect(stderr).not.toContain('internal error');
  const allowed = signal ? [signal === 'SIGINT' ? 130 : 143, 0] : [0, ...stage.failExits];
  expect(allowed, `${stage.name} x ${fault}: exit ${run.exitCode}: ${doc.error?.message ?? ''}`).toContain(run.exitCode);
  expect(doc.ok).toBe(run.exitCode === 0);
  // No token, in output or in any local state.
  let state = '';
  for (const dir of ['releases', 'restore']) {
    const folder = path.join(f.stateDir, dir);
    for (const name of await readdir(folder, { recursive: true }).catch(() => [] as string[])) state += await readFile(path.join(folder, name), 'utf8').catch(() => '');
  }
  expect(f.leakedTokens(stdout + stderr + state)).toEqual([]);

  const after = heldOnTj(f);
  if (stage.name === 'upload') {
    // The journal is true: a cluster it says has the package has it, and one that has a new version
    // is either recorded as having it or reported.
    const journal = JSON.parse(await readFile(path.join(f.stateDir, 'releases', `${doc.releaseId}.json`), 'utf8')) as { clusters: Record<string, { outcome: string; version?: string }> };
    const tj = journal.clusters.TJ_UAT;
    if (tj?.outcome === 'uploaded') expect(after.versions).toBeGreaterThan(before.versions);
    if (after.versions > before.versions && tj?.outcome !== 'uploaded') expect(['interrupted', 'failed']).toContain(tj?.outcome);
    // No version made twice without saying so.
    if (after.versions > before.versions + 1) expect(doc.clusters?.TJ_UAT?.duplicates).toBeDefined();
  }
  if (stage.name === 'stop' || stage.name === 'config') {
    // A job left stopped on TJ_UAT is named with the cluster in the result.
    const stopped = after.status === 7 && before.status !== 7;
    if (stopped) expect(JSON.stringify(doc.jobs?.[0]?.clusters?.TJ_UAT ?? doc.error ?? {})).not.toBe('{}');
  }
  if ((stage.name === 'execute' || stage.name === 'stop') && fault === 'lost') {
    // The server started (stopped) it and the answer was lost: what happened is what is reported.
    expect(run.exitCode).toBe(0);
  }
}
