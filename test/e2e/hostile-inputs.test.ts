import { access } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOSTILE_CASES } from '../fixtures/hostile/cases.js';
import { tempDir } from '../support/packages.js';
import { runStms } from '../support/run-stms.js';

/** Every input of the hostile corpus, through the built binary: the documented exit and code, no crash. */
describe.concurrent('hostile inputs', () => {
  it('the corpus is large enough to mean something', () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(HOSTILE_CASES.map((c) => c.name)).size).toBe(HOSTILE_CASES.length);
  });

  for (const c of HOSTILE_CASES) {
    it(`${c.kind}: ${c.name} -> exit ${c.exit}, ${c.code}`, async () => {
      const dir = await tempDir('stms-hostile-');
      const args = await c.build(dir);
      const run = await runStms([...args, '--json'], { cwd: dir, timeoutMs: 30_000 });
      expect(run.stderr).not.toContain('internal error');
      expect(run.exitCode).toBe(c.exit);
      const codes = [run.json?.error?.code, ...((run.json?.problems ?? []) as Array<{ code: string }>).map((p) => p.code)];
      expect(codes).toContain(c.code);
      // Env files are read, never run: nothing they name was executed.
      await expect(access(path.join(dir, 'pwned'))).rejects.toThrow();
    });
  }
});
