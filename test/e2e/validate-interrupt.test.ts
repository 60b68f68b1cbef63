import { readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { sqlFiles, tempDir, writeConfig } from '../support/packages.js';
import { STMS_BIN } from '../support/run-stms.js';
import { bufferEntry, generatedEntry, writeStoredZip } from '../support/stored-zip.js';

/** Whether process `pid` has `file` open (Linux: its descriptors in /proc). */
async function hasOpen(pid: number, file: string): Promise<boolean> {
  const dir = `/proc/${pid}/fd`;
  const fds = await readdir(dir).catch(() => []);
  const targets = await Promise.all(fds.map((fd) => readlink(path.join(dir, fd)).catch(() => '')));
  return targets.includes(file);
}

describe('stms validate: Ctrl-C', () => {
  it('stops checking and hashing a big package at once and exits 130', async () => {
    const dir = await tempDir('stms-validate-');
    await writeConfig(dir);
    const zip = path.join(dir, 'p1-j1.zip');
    // Big enough that checking and hashing it outlasts the wait for the signal below.
    await writeStoredZip(zip, [...Object.entries(sqlFiles()).map(([name, data]) => bufferEntry(name, data)), generatedEntry('lib.jar', 256 * 1024 * 1024, 5)]);
    const child = execa('node', [STMS_BIN, 'validate', 'p1-j1.zip', '--json'], { cwd: dir, reject: false, env: { NO_COLOR: '1', CI: 'true' } });
    // Once stms reads the package its Ctrl-C handler is in place.
    while (!(await hasOpen(child.pid as number, zip))) await sleep(5);
    const signalled = Date.now();
    child.kill('SIGINT');
    const { exitCode, stdout, stderr } = await child;
    // Not the verdict of a check that ran to its end: before, validate finished the read and said "valid".
    expect(exitCode).toBe(130);
    expect(Date.now() - signalled).toBeLessThan(5_000);
    expect(JSON.parse(String(stdout)).error).toMatchObject({ code: 'INTERRUPTED', message: expect.stringMatching(/^interrupted while (checking|hashing) p1-j1\.zip$/) });
    expect(String(stderr)).toMatch(/error: interrupted while (checking|hashing) p1-j1\.zip/);
  });
});
