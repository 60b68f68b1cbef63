import { describe, expect, it } from 'vitest';
import type { RestoreMode } from '../../../src/restore/restore-mode.js';
import { rolloutOrder, rolloutSteps, type RolloutClusterState } from '../../../src/launch/rollout/rollout-plan.js';
import { judgeTick, tickInterval } from '../../../src/launch/rollout/stability-verdict.js';
import type { StartAction } from '../../../src/launch/start-plan.js';

const PAIRS: Array<[string, string]> = [['GZ_UAT', 'TJ_UAT']];

describe('rolloutOrder', () => {
  it.each([
    ['pair order', ['TJ_UAT', 'GZ_UAT'], undefined, ['TJ_UAT', 'GZ_UAT', 'SH_DR'], ['GZ_UAT', 'TJ_UAT']],
    ['--order wins', ['GZ_UAT', 'TJ_UAT'], ['TJ_UAT', 'GZ_UAT'], ['GZ_UAT', 'TJ_UAT'], ['TJ_UAT', 'GZ_UAT']],
    ['no pair: --clusters order', ['B', 'A'], undefined, ['A', 'B'], ['A', 'B']],
    ['one cluster', ['TJ_UAT'], undefined, ['GZ_UAT', 'TJ_UAT'], ['TJ_UAT']],
  ] as Array<[string, string[], string[] | undefined, string[], string[]]>)('%s', (_n, targets, given, clusters, expected) => {
    expect(rolloutOrder(targets, given, PAIRS, clusters)).toEqual(expected);
  });

  it.each([[['GZ_UAT']], [['GZ_UAT', 'SH_DR']], [['GZ_UAT', 'GZ_UAT']]])('refuses --order %j that is not the targets', (given) => {
    expect(() => rolloutOrder(['GZ_UAT', 'TJ_UAT'], given, PAIRS, ['GZ_UAT', 'TJ_UAT'])).toThrow(/name exactly the clusters the job starts on \(GZ_UAT, TJ_UAT\)/);
  });
});

describe('rolloutSteps', () => {
  const SP = 'hdfs:///sp/1';
  const savepoint: RestoreMode = { kind: 'savepoint' };
  const path: RestoreMode = { kind: 'path', path: 'hdfs:///given' };
  const none: RestoreMode = { kind: 'none' };
  const latest: RestoreMode = { kind: 'latest' };
  const both: Record<string, StartAction> = { A: 'restart', B: 'restart' };
  type Row = [string, Record<string, StartAction>, RestoreMode, Record<string, RolloutClusterState>, Record<string, boolean>, Array<[string, string, RestoreMode | undefined]>];
  const table: Row[] = [
    ['running on both: stop and start each from its savepoint', both, savepoint, {}, {}, [['A', 'stop-start', savepoint], ['B', 'stop-start', savepoint]]],
    ['not running on B: started with latest', { A: 'restart', B: 'start' }, savepoint, {}, {}, [['A', 'stop-start', savepoint], ['B', 'start', latest]]],
    ['not running on B, --restore none', { A: 'restart', B: 'start' }, none, {}, {}, [['A', 'stop-start', none], ['B', 'start', none]]],
    ['not running on B, --restore <path>', { A: 'start', B: 'start' }, path, {}, {}, [['A', 'start', path], ['B', 'start', path]]],
    ['starting counts as running', { A: 'wait', B: 'restart' }, savepoint, {}, {}, [['A', 'stop-start', savepoint], ['B', 'stop-start', savepoint]]],
    ['resume: A done, B pending', both, savepoint, { A: { phase: 'done', action: 'restart' } }, {}, [['A', 'skip-done', undefined], ['B', 'stop-start', savepoint]]],
    ['resume: A stopped with a savepoint, not running', both, savepoint, { A: { phase: 'stopped', action: 'restart', savepoint: SP } }, { A: false }, [['A', 'start-from-recorded', { kind: 'path', path: SP }], ['B', 'stop-start', savepoint]]],
    ['resume: A started but failed', both, savepoint, { A: { phase: 'started', action: 'restart', savepoint: SP } }, { A: false }, [['A', 'start-from-recorded', { kind: 'path', path: SP }], ['B', 'stop-start', savepoint]]],
    ['resume: A started and running: watched', both, savepoint, { A: { phase: 'started', action: 'restart', savepoint: SP } }, { A: true }, [['A', 'watch', undefined], ['B', 'stop-start', savepoint]]],
    ['resume: A stopped without a savepoint', both, savepoint, { A: { phase: 'stopped', action: 'restart', savepoint: null } }, {}, [['A', 'no-savepoint', undefined], ['B', 'stop-start', savepoint]]],
    ['resume: A stopped without a savepoint, --restore none', both, none, { A: { phase: 'stopped', action: 'restart', savepoint: null } }, {}, [['A', 'start', none], ['B', 'stop-start', none]]],
    ['resume: a start that failed starts again with latest', { A: 'start', B: 'restart' }, savepoint, { A: { phase: 'started', action: 'start' } }, { A: false }, [['A', 'start', latest], ['B', 'stop-start', savepoint]]],
  ];
  it.each(table)('%s', (_n, actions, mode, previous, running, expected) => {
    const steps = rolloutSteps(['A', 'B'], actions, mode, previous, running);
    expect(steps.map((s) => [s.cluster, s.kind, s.restore])).toEqual(expected);
  });
});

describe('judgeTick', () => {
  it.each([
    ['running, same task', 7, { statusCode: 5, taskId: 7 }, true, undefined],
    ['degraded but up', 7, { statusCode: 4, taskId: 7 }, true, undefined],
    ['failed', 7, { statusCode: 6, taskId: 7, message: 'OOM' }, false, /went failure: OOM/],
    ['stopped', 7, { statusCode: 7, taskId: 7 }, false, /went stopped/],
    ['replaced by a running task', 7, { statusCode: 5, taskId: 8, message: 'restarted' }, false, /task 7 was replaced by task 8 \(now running\): restarted/],
    ['task id unread: judged by status', 7, { statusCode: 5, taskId: null }, true, undefined],
  ] as Array<[string, number, { statusCode: number; taskId: number | null; message?: string }, boolean, RegExp | undefined]>)('%s', (_n, watched, seen, ok, reason) => {
    const verdict = judgeTick(watched, seen);
    expect(verdict.ok).toBe(ok);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason as RegExp);
  });

  it('looks ten times a window within bounds', () => {
    expect([tickInterval(0), tickInterval(30_000), tickInterval(600_000)]).toEqual([250, 3_000, 5_000]);
  });
});
