import { describe, expect, it } from 'vitest';
import type { Policy } from '../../../src/ha/policies.js';
import type { RelevantClusters } from '../../../src/launch/job-policy.js';
import { planStarts, type StartAction } from '../../../src/launch/start-plan.js';

const PAIR: RelevantClusters = { nonDr: ['GZ_UAT', 'TJ_UAT'], dr: [], others: [] };
const PAIR_DR: RelevantClusters = { nonDr: ['GZ_UAT', 'TJ_UAT'], dr: ['SH_DR'], others: [] };
const ONE_DR: RelevantClusters = { nonDr: ['GZ_UAT'], dr: ['SH_DR'], others: ['TJ_UAT'] };
const GZ_MANAGER = { GZ_UAT: true, TJ_UAT: false };
const TJ_MANAGER = { GZ_UAT: false, TJ_UAT: true };

describe('planStarts', () => {
  const table: Array<[string, Policy, RelevantClusters, Record<string, boolean> | undefined, Record<string, number>, boolean, Record<string, StartAction>]> = [
    ['single starts its cluster', 'single', { nonDr: ['GZ_UAT'], dr: [], others: [] }, undefined, {}, false, { GZ_UAT: 'start' }],
    ['singleWithBak never starts the DR', 'singleWithBak', ONE_DR, undefined, {}, false, { GZ_UAT: 'start', SH_DR: 'not-target', TJ_UAT: 'not-target' }],
    ['double starts both', 'double', PAIR, undefined, {}, false, { GZ_UAT: 'start', TJ_UAT: 'start' }],
    ['doubleWithBak starts both non-DR', 'doubleWithBak', PAIR_DR, undefined, {}, false, { GZ_UAT: 'start', TJ_UAT: 'start', SH_DR: 'not-target' }],
    ['managerSlave on GZ as manager', 'managerSlave', PAIR, GZ_MANAGER, {}, false, { GZ_UAT: 'start', TJ_UAT: 'not-target' }],
    ['managerSlave on TJ as manager', 'managerSlaveWithBak', PAIR_DR, TJ_MANAGER, {}, false, { GZ_UAT: 'not-target', TJ_UAT: 'start', SH_DR: 'not-target' }],
    ['a running job is left alone', 'double', PAIR, undefined, { GZ_UAT: 5, TJ_UAT: 7 }, false, { GZ_UAT: 'already-running', TJ_UAT: 'start' }],
    ['a degraded running job counts as running', 'double', PAIR, undefined, { GZ_UAT: 3, TJ_UAT: 2 }, false, { GZ_UAT: 'already-running', TJ_UAT: 'already-running' }],
    ['--restart restarts running jobs only', 'double', PAIR, undefined, { GZ_UAT: 5, TJ_UAT: 6 }, true, { GZ_UAT: 'restart', TJ_UAT: 'start' }],
    ['a start under way is waited for', 'double', PAIR, undefined, { GZ_UAT: 8, TJ_UAT: 0 }, false, { GZ_UAT: 'wait', TJ_UAT: 'start' }],
    ['a stopped slave is fine', 'managerSlave', PAIR, GZ_MANAGER, { TJ_UAT: 7 }, false, { GZ_UAT: 'start', TJ_UAT: 'not-target' }],
  ];
  it.each(table)('%s', (_what, policy, clusters, managerFlags, statusOf, restart, actions) => {
    const plan = planStarts({ name: 'p1/j1', policy, clusters, statusOf, restart, ...(managerFlags ? { managerFlags } : {}) });
    expect(plan).toMatchObject({ ok: true, actions });
  });

  it('refuses managerSlave when no cluster is the manager, saying what each said (exit 4)', () => {
    const plan = planStarts({ name: 'p1/j1', policy: 'managerSlave', clusters: PAIR, managerFlags: { GZ_UAT: false, TJ_UAT: false }, statusOf: {}, restart: false });
    expect(plan).toMatchObject({ ok: false, failure: { code: 'HA_POLICY' } });
    expect(!plan.ok && plan.failure.message).toContain('GZ_UAT: whetherManager=false, TJ_UAT: whetherManager=false');
  });

  it('refuses managerSlave when both say they are the manager', () => {
    const plan = planStarts({ name: 'p1/j1', policy: 'managerSlave', clusters: PAIR, managerFlags: { GZ_UAT: true, TJ_UAT: true }, statusOf: {}, restart: false });
    expect(!plan.ok && plan.failure.message).toContain('GZ_UAT and TJ_UAT both say they are');
  });

  it.each([
    ['a managerSlave job running on the slave', 'managerSlave', PAIR, GZ_MANAGER, { TJ_UAT: 5 }, 'already runs on TJ_UAT (running), where its policy says it must not run; it starts on GZ_UAT'],
    ['a managerSlave job starting on the slave', 'managerSlave', PAIR, GZ_MANAGER, { GZ_UAT: 5, TJ_UAT: 8 }, 'already runs on TJ_UAT (starting)'],
    ['a job running on the DR cluster', 'doubleWithBak', PAIR_DR, undefined, { SH_DR: 4 }, 'already runs on SH_DR (slowTask), which is not one of its start targets'],
    ['a single job running on another given cluster', 'singleWithBak', ONE_DR, undefined, { TJ_UAT: 5 }, 'already runs on TJ_UAT (running)'],
  ] as const)('the double-run guard refuses %s (exit 4), even with --restart', (_what, policy, clusters, flags, statusOf, message) => {
    for (const restart of [false, true]) {
      const plan = planStarts({ name: 'p1/j1', policy, clusters, statusOf, restart, ...(flags ? { managerFlags: flags } : {}) });
      expect(plan).toMatchObject({ ok: false, failure: { code: 'HA_POLICY' } });
      expect(!plan.ok && plan.failure.message).toContain(message);
      expect(!plan.ok && plan.failure.message).toContain('stop it there first (stms stop p1/j1 --clusters');
    }
  });
});
