import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqlFiles, sqlMeta, tempDir, writeZipPackage } from '../support/packages.js';
import { runStms } from '../support/run-stms.js';

/**
 * Names that a terminal would act on (cursor moves, a window title, NUL) reach no line stms
 * prints as they are: they are shown as `\xNN` text, in messages and `at file …` lines alike.
 */
describe('control characters in package names', () => {
  const hostile = ['res/\x1b]0;pwned\x07.txt', 'res/clear\x1b[2J.txt', 'res/nul\x00.txt', 'res/fake\nerror: ok.txt'];

  it('validate shows every such name escaped and exits 3', async () => {
    const dir = await tempDir();
    // meta.json names a missing file whose name holds an ESC: it appears in the message and the hint.
    const meta = sqlMeta({ jobContent: { type: 'file', file: 'job\x1b[2K.sql' } });
    const zip = await writeZipPackage(path.join(dir, 'p.zip'), sqlFiles(meta), hostile.map((name) => ({ name, data: 'x' })));
    const run = await runStms(['validate', zip]);
    expect(run.exitCode).toBe(3);
    const text = run.stdout + run.stderr;
    // NO_COLOR is set by runStms: no escape character may appear at all.
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(text).toContain('\\x1b');
  });

  it('--json keeps the names as JSON escapes, valid JSON', async () => {
    const dir = await tempDir();
    const zip = await writeZipPackage(path.join(dir, 'p.zip'), sqlFiles(), hostile.map((name) => ({ name, data: 'x' })));
    const run = await runStms(['validate', zip, '--json']);
    expect(run.json).toBeDefined();
    expect(run.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });
});
