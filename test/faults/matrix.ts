import { policyPackage, versionsOn } from '../e2e/release-support.js';
import { putJob, runOn, statusOn } from '../e2e/launch-support.js';
import type { SandboxFixture } from '../support/sandbox-fixture.js';

/**
 * The fault matrix: every remote stage stms drives, under every fault a network or an operator
 * can put on it. Each cell runs the real binary against the sandbox; the invariants every cell
 * must keep are checked by matrix.test.ts.
 */

export const FAULTS = ['5xx', 'timeout', 'drop', 'lost', 'sigint', 'sigterm'] as const;
export type FaultKind = (typeof FAULTS)[number];

export interface Stage {
  name: string;
  /** The sandbox path the fault is put on (on TJ_UAT). */
  path: (f: SandboxFixture, ids: Record<string, number>) => string;
  /** Puts what the command works on in place; returns the job ids per cluster when there is a job. */
  setup: (f: SandboxFixture) => Promise<Record<string, number>>;
  argv: string[];
  /** Exit codes the command may end with under a fault it cannot get past (besides 0 after a retry). */
  failExits: number[];
}

const PAIR = 'GZ_UAT,TJ_UAT';

export const STAGES: Stage[] = [
  {
    name: 'upload',
    path: () => 'job/upload',
    setup: async (f) => {
      await policyPackage(f, 'j1', 'double', ['GZ_UAT', 'TJ_UAT']);
      return {};
    },
    argv: ['release', 'j1.zip', '--clusters', PAIR],
    failExits: [5],
  },
  {
    name: 'inspect',
    path: () => 'job/execute/inspect',
    setup: async (f) => putJob(f, 'j1', 'single', ['TJ_UAT']),
    argv: ['launch', 'p1/j1', '--clusters', 'TJ_UAT', '--timeout', '20s'],
    failExits: [5],
  },
  {
    name: 'updateContent',
    path: () => 'job/updateContent',
    setup: async (f) => putJob(f, 'j1', 'double', ['GZ_UAT', 'TJ_UAT']),
    argv: ['check', 'p1/j1', '--clusters', PAIR],
    failExits: [5],
  },
  {
    name: 'config',
    path: (_f, ids) => `config/json/${ids.TJ_UAT}`,
    setup: async (f) => putJob(f, 'j1', 'single', ['TJ_UAT']),
    argv: ['launch', 'p1/j1', '--clusters', 'TJ_UAT', '--restore', 'none', '--timeout', '20s'],
    failExits: [5, 7],
  },
  {
    name: 'execute',
    path: () => 'job/execute',
    setup: async (f) => putJob(f, 'j1', 'single', ['TJ_UAT']),
    argv: ['launch', 'p1/j1', '--clusters', 'TJ_UAT', '--timeout', '20s'],
    failExits: [5, 7],
  },
  {
    name: 'status',
    path: () => 'job/status',
    setup: async (f) => putJob(f, 'j1', 'single', ['TJ_UAT']),
    argv: ['launch', 'p1/j1', '--clusters', 'TJ_UAT', '--timeout', '20s'],
    failExits: [5, 7],
  },
  {
    name: 'stop',
    path: () => 'job/stop',
    setup: async (f) => {
      const ids = await putJob(f, 'j1', 'single', ['TJ_UAT']);
      await runOn(f.tj, 'j1');
      return ids;
    },
    argv: ['stop', 'p1/j1', '--clusters', 'TJ_UAT', '--snapshot'],
    failExits: [5],
  },
];

/** What the sandbox holds of j1 on TJ_UAT after the cell: versions and the status of its task. */
export function heldOnTj(f: SandboxFixture): { versions: number; status: number | null | undefined } {
  return { versions: versionsOn(f.tj, 'j1'), status: statusOn(f.tj, 'j1') };
}

/** `npm test` runs this slice (every stage and every fault at least once); `npm run test:faults` all. */
export const SLICE: ReadonlyArray<[string, FaultKind]> = [
  ['upload', 'lost'],
  ['upload', 'sigterm'],
  ['inspect', '5xx'],
  ['updateContent', 'timeout'],
  ['config', 'drop'],
  ['execute', 'lost'],
  ['execute', 'sigint'],
  ['status', 'drop'],
  ['stop', '5xx'],
  ['stop', 'lost'],
];
