import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CommandName } from '../../src/cli/commands/index.js';
import { COMMAND_NAMES } from '../../src/cli/commands/index.js';
import { runStms } from '../support/run-stms.js';

/**
 * Every command has end-to-end tests: typed by the command table, so a new command without an
 * entry here does not compile (`npm test` type-checks the tests).
 */
const E2E_TESTS: Record<CommandName, string> = {
  init: 'init.test.ts',
  validate: 'validate.test.ts',
  pack: 'pack.test.ts',
  render: 'render.test.ts',
  plan: 'plan.test.ts',
  release: 'release.test.ts',
  upgrade: 'upgrade.test.ts',
  check: 'check.test.ts',
  launch: 'launch.test.ts',
  status: 'status.test.ts',
  stop: 'stop.test.ts',
  snapshot: 'snapshot.test.ts',
  standby: 'standby.test.ts',
  switchover: 'switchover.test.ts',
  audit: 'audit.test.ts',
  doctor: 'doctor.test.ts',
  history: 'history.test.ts',
  rollback: 'rollback.test.ts',
  sandbox: '../sandbox/command.test.ts',
  demo: 'demo.test.ts',
  schema: 'schema.test.ts',
  completion: 'completion.test.ts',
};

describe('the command table', () => {
  it('names an end-to-end test file for every command, and the file exists', () => {
    expect(Object.keys(E2E_TESTS).sort()).toEqual([...COMMAND_NAMES].sort());
    for (const file of Object.values(E2E_TESTS)) expect(existsSync(new URL(file, import.meta.url)), file).toBe(true);
  });

  it.each(COMMAND_NAMES)('stms %s --help shows its usage and at least one example', async (name) => {
    const run = await runStms([name, '--help']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`Usage: stms ${name}`);
    expect(run.stdout).toMatch(new RegExp(`Examples:\\n {2}\\$ stms .*${name}`));
  });
});
