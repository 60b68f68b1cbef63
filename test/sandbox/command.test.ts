import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runStms, STMS_BIN } from '../support/run-stms.js';

// `stms sandbox` as users run it: the built binary, stopped by a signal.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stms-sandbox-cmd-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

interface Running {
  firstLine: Promise<string>;
  stop(signal: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function startCli(args: string[]): Running {
  const child = spawn('node', [STMS_BIN, 'sandbox', ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1', CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) resolve(stdout.slice(0, stdout.indexOf('\n')));
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', () => reject(new Error(`exited before printing: ${stderr}`)));
  });
  return {
    firstLine,
    async stop(signal) {
      child.kill(signal);
      const code = await exited;
      return { code, stdout, stderr };
    },
  };
}

describe('stms sandbox', () => {
  test('--json prints one line once everything listens, serves, and stops cleanly on SIGTERM', async () => {
    const cli = startCli(['--json', '--dir', 'sb']);
    const doc = JSON.parse(await cli.firstLine);
    expect(doc).toMatchObject({ ok: true, config: path.join(dir, 'sb', 'stms.config.json'), cmdb: { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) } });
    expect(Object.keys(doc.clusters)).toEqual(['GZ_UAT', 'TJ_UAT', 'SH_DR']);
    const config = JSON.parse(await readFile(doc.config, 'utf8'));
    const gz = config.clusters.GZ_UAT;
    expect(gz.url).toBe(doc.clusters.GZ_UAT.url);
    const res = await fetch(`${gz.url}/api/rest_j/v1/streamis/streamJobManager/highAvailable/getHAMsg`, { headers: { 'Token-Code': gz.tokenCode, 'Token-User': gz.tokenUser } });
    expect(((await res.json()) as any).data).toMatchObject({ clusterName: 'GZ_UAT', whetherManager: true });
    expect((await fetch(`${doc.cmdb.url}/apps`)).status).toBe(200);

    const { code, stdout, stderr } = await cli.stop('SIGTERM');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stdout + stderr).not.toContain(gz.tokenCode);
    await expect(fetch(`${gz.url}/api/rest_j/v1/streamis/streamJobManager/highAvailable/getHAMsg`)).rejects.toThrow();
  });

  test('human output lists the URLs and the config; Ctrl-C stops it with exit 0', async () => {
    const cli = startCli([]);
    await cli.firstLine;
    await new Promise((r) => setTimeout(r, 200));
    const { code, stdout, stderr } = await cli.stop('SIGINT');
    expect(code).toBe(0);
    expect(stdout).toMatch(/GZ_UAT\s+http:\/\/127\.0\.0\.1:\d+\s+primary, manager/);
    expect(stdout).toMatch(/SH_DR\s+http:\/\/127\.0\.0\.1:\d+\s+dr/);
    expect(stdout).toMatch(/CMDB\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).toContain(`config: ${path.join(dir, '.stms', 'sandbox', 'stms.config.json')}`);
    expect(stderr).toContain('sandbox stopped');
    // How to use it: this sandbox's config with -c (not `stms demo`, which starts a sandbox of its own).
    expect(stderr).toContain(`stms -c ${path.join(dir, '.stms', 'sandbox', 'stms.config.json')} release <package> --clusters GZ_UAT,TJ_UAT`);
    expect(stderr).toContain(`register the app in ${path.join(dir, '.stms', 'sandbox', 'cmdb.json')} first`);
    expect(stderr).not.toContain(' demo');
    const config = JSON.parse(await readFile(path.join(dir, '.stms', 'sandbox', 'stms.config.json'), 'utf8'));
    expect(stdout + stderr).not.toContain(config.clusters.GZ_UAT.tokenCode);
  });

  test('a restart keeps the tokens; --reset makes new ones', async () => {
    const read = async () => JSON.parse(await readFile(path.join(dir, 'sb', 'stms.config.json'), 'utf8')).clusters.TJ_UAT.tokenCode as string;
    const first = startCli(['--json', '--dir', 'sb']);
    await first.firstLine;
    const token = await read();
    await first.stop('SIGTERM');
    const second = startCli(['--json', '--dir', 'sb']);
    await second.firstLine;
    expect(await read()).toBe(token);
    await second.stop('SIGTERM');
    const third = startCli(['--json', '--dir', 'sb', '--reset']);
    await third.firstLine;
    expect(await read()).not.toBe(token);
    await third.stop('SIGTERM');
  });

  test.each([
    [['--port-base', '70000'], /--port-base/],
    [['--port-base', '65533'], /beyond 65535/],
  ])('%j is a usage error', async (args, message) => {
    const res = await runStms(['sandbox', ...args, '--dir', path.join(dir, 'x')], { cwd: dir });
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toMatch(message);
  });

  test('--dir naming a file is a local-state error (exit 9) that names it', async () => {
    await writeFile(path.join(dir, 'taken'), 'not a folder');
    const res = await runStms(['sandbox', '--dir', 'taken', '--json'], { cwd: dir });
    expect(res.exitCode).toBe(9);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'LOCAL_STATE', message: expect.stringContaining(`--dir ${path.join(dir, 'taken')}: cannot keep the sandbox state there`) } });
    expect(res.stderr).toContain('hint: Point --dir at a folder you can write to');
  });

  test.each([
    ['not JSON', '{ broken', /not JSON/],
    ['JSON of another shape', '{"jobs": []}', /not a sandbox state \(token: /],
  ])('a damaged state file (%s) is a local-state error (exit 9) naming it; --reset starts clean', async (_name, text, why) => {
    const state = path.join(dir, 'sb', 'clusters', 'TJ_UAT', 'state.json');
    await mkdir(path.dirname(state), { recursive: true });
    await writeFile(state, text);
    const res = await runStms(['sandbox', '--dir', 'sb'], { cwd: dir });
    expect(res.exitCode).toBe(9);
    expect(res.stderr).toContain(`error: ${state}: cannot read the sandbox state: `);
    expect(res.stderr).toMatch(why);
    expect(res.stderr).toContain('--reset');
    const cli = startCli(['--json', '--dir', 'sb', '--reset']);
    expect(JSON.parse(await cli.firstLine)).toMatchObject({ ok: true });
    expect((await cli.stop('SIGTERM')).code).toBe(0);
  });

  test('a second sandbox on the same folder is refused while the first runs; a dead one’s lock is taken over', async () => {
    const first = startCli(['--json', '--dir', 'sb']);
    const doc = JSON.parse(await first.firstLine);
    const config = await readFile(doc.config, 'utf8');
    const second = await runStms(['sandbox', '--dir', 'sb', '--reset', '--json'], { cwd: dir });
    expect(second.exitCode).toBe(9);
    expect(second.json.error).toMatchObject({ code: 'LOCAL_STATE', message: expect.stringMatching(/^another sandbox is using .*sb \(process \d+ on /) });
    expect(second.stderr).toContain('hint: Stop it first');
    // Nothing of the running one was touched: not its config, not its state.
    expect(await readFile(doc.config, 'utf8')).toBe(config);
    expect((await first.stop('SIGTERM')).code).toBe(0);

    await writeFile(path.join(dir, 'sb', 'sandbox.lock'), JSON.stringify({ pid: 2 ** 22 + 1, host: os.hostname(), startedAt: 'yesterday' }));
    const third = startCli(['--json', '--dir', 'sb']);
    expect(JSON.parse(await third.firstLine)).toMatchObject({ ok: true });
    expect((await third.stop('SIGTERM')).code).toBe(0);
    await expect(readFile(path.join(dir, 'sb', 'sandbox.lock'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  test('a port in use is a usage error that says what to do', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const res = await runStms(['sandbox', '--port-base', String(port), '--dir', path.join(dir, 'y'), '--json'], { cwd: dir });
      expect(res.exitCode).toBe(2);
      expect(res.json).toMatchObject({ ok: false, error: { code: 'USAGE', message: expect.stringContaining('cannot listen on 127.0.0.1') } });
      expect(res.stderr).toContain('--port-base');
    } finally {
      blocker.close();
    }
  });
});
