import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

/**
 * `npm run lint:layers` must be able to fail: dependency-cruiser with the project's own config,
 * run on a tiny tree that breaks each rule once (a core module and the sandbox importing src/cli,
 * a module cycle through a type-only import, two folders importing each other).
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/layers');
const DEPCRUISE = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

describe('the layer check', () => {
  it('reports core and sandbox modules importing src/cli, module cycles and folder cycles', async () => {
    // The same reporter `npm run lint:layers` uses: its exit code is the number of errors.
    const run = await execa(process.execPath, [DEPCRUISE, 'src', '--config', path.join(ROOT, '.dependency-cruiser.cjs')], { cwd: FIXTURE, reject: false });
    // One line per violation: `error <rule>: <from> → <to>` (a cycle's next steps follow on their own lines).
    const found = [...run.stdout.matchAll(/error ([\w-]+): (\S+) →\s+(\S+)/g)].map((m) => `${m[1]}: ${m[2]} -> ${m[3]}`).sort();
    expect(found).toEqual([
      'core-imports-cli: src/core/rule.ts -> src/cli/print.ts',
      'core-imports-cli: src/sandbox/server.ts -> src/cli/print.ts',
      'no-cycle: src/core/rule.ts -> src/core/verdict.ts',
      'no-folder-cycle: src/clusters -> src/jobs',
      'no-folder-cycle: src/jobs -> src/clusters',
    ]);
    expect(run.exitCode).toBe(found.length);
  });
});
