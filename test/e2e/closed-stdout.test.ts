import { describe, expect, it } from 'vitest';
import { runStmsClosedStdout } from '../support/run-stms.js';
import { tempDir } from '../support/packages.js';
import { startSandboxFixture } from '../support/sandbox-fixture.js';
import { putJob } from './launch-support.js';

/** `stms … | head -1`: the reader of stdout has gone. That is no error: no stack trace, exit 0. */
describe('a stdout whose reader has gone', () => {
  it('ends `stms --help`, `stms --version` and `stms history` quietly with exit 0', async () => {
    const cwd = await tempDir('stms-epipe-');
    for (const args of [['--help'], ['--version'], ['history'], ['history', '--json']]) {
      const run = await runStmsClosedStdout(args, { cwd });
      expect({ args, stderr: run.stderr }).toEqual({ args, stderr: '' });
      expect(run.exitCode).toBe(0);
    }
  });

  it('lets `stms status` finish with its own exit code', async () => {
    const f = await startSandboxFixture();
    try {
      await putJob(f, 'j1', 'single', ['GZ_UAT'], { md5: 'a'.repeat(32) });
      const run = await runStmsClosedStdout(['status', 'p1/j1', '--clusters', 'GZ_UAT'], { cwd: f.dir });
      expect(run.stderr).not.toMatch(/EPIPE|at .*\.js/);
      expect(run.exitCode).toBe(0);
    } finally {
      await f.close();
    }
  });
});
