import { describe, expect, it } from 'vitest';
import { AUTO_RESTORE_KEY, plannedEdits, SAVEPOINT_PATH_KEY, undoDecision, withEdits, type JobConfigMap } from '../../../src/restore/config-edits.js';
import { parseRestoreMode, type RestoreMode } from '../../../src/restore/restore-mode.js';

const P = 'wds.linkis.flink.produce';
const SP = 'hdfs:///flink/savepoints/p1.j1/savepoint-1';

function config(produce: Record<string, string>): JobConfigMap {
  return { 'wds.linkis.flink.resource': { 'wds.linkis.flink.app.parallelism': '4' }, [P]: { 'wds.linkis.flink.alert.failure.user': 'alex', ...produce }, editEnable: true, template: { x: 1 } };
}

describe('plannedEdits: what a start with each --restore writes', () => {
  const table: Array<[string, JobConfigMap, RestoreMode, string | undefined, Array<[string, string | null, string]>]> = [
    ['savepoint, key absent', config({}), { kind: 'savepoint' }, SP, [[SAVEPOINT_PATH_KEY, null, SP]]],
    ['savepoint, key set to another path', config({ [SAVEPOINT_PATH_KEY]: 'hdfs:///old' }), { kind: 'savepoint' }, SP, [[SAVEPOINT_PATH_KEY, 'hdfs:///old', SP]]],
    ['savepoint, key already that path', config({ [SAVEPOINT_PATH_KEY]: SP }), { kind: 'savepoint' }, SP, []],
    ['savepoint, switch OFF is not touched', config({ [AUTO_RESTORE_KEY]: 'OFF' }), { kind: 'savepoint' }, SP, [[SAVEPOINT_PATH_KEY, null, SP]]],
    ['explicit path', config({ [SAVEPOINT_PATH_KEY]: '' }), { kind: 'path', path: 'hdfs:///x/sp-2' }, undefined, [[SAVEPOINT_PATH_KEY, '', 'hdfs:///x/sp-2']]],
    ['none, switch ON', config({ [AUTO_RESTORE_KEY]: 'ON' }), { kind: 'none' }, undefined, [[AUTO_RESTORE_KEY, 'ON', 'OFF']]],
    ['none, switch OFF already', config({ [AUTO_RESTORE_KEY]: 'OFF' }), { kind: 'none' }, undefined, []],
    ['none, a path configured is cleared too', config({ [AUTO_RESTORE_KEY]: 'ON', [SAVEPOINT_PATH_KEY]: 'hdfs:///old' }), { kind: 'none' }, undefined, [[AUTO_RESTORE_KEY, 'ON', 'OFF'], [SAVEPOINT_PATH_KEY, 'hdfs:///old', '']]],
    ['latest changes nothing', config({ [AUTO_RESTORE_KEY]: 'ON' }), { kind: 'latest' }, SP, []],
  ];
  it.each(table)('%s', (_name, input, mode, savepoint, expected) => {
    expect(plannedEdits(input, mode, savepoint).map((e) => [e.key, e.old, e.new])).toEqual(expected);
    for (const edit of plannedEdits(input, mode, savepoint)) expect(edit.group).toBe(P);
  });

  it('needs the savepoint path for --restore savepoint', () => {
    expect(() => plannedEdits(config({}), { kind: 'savepoint' })).toThrow(/savepoint path/);
  });
});

describe('withEdits: the whole map sent back', () => {
  it('keeps every group and key, drops editEnable and template, changes only the edited key', () => {
    const input = config({ [AUTO_RESTORE_KEY]: 'ON' });
    const edits = plannedEdits(input, { kind: 'savepoint' }, SP);
    const body = withEdits(input, edits);
    expect(body).toEqual({
      'wds.linkis.flink.resource': { 'wds.linkis.flink.app.parallelism': '4' },
      [P]: { 'wds.linkis.flink.alert.failure.user': 'alex', [AUTO_RESTORE_KEY]: 'ON', [SAVEPOINT_PATH_KEY]: SP },
    });
    // The input is not changed.
    expect((input[P] as Record<string, string>)[SAVEPOINT_PATH_KEY]).toBeUndefined();
  });

  it('undo puts the old value back, and removes a key that was absent', () => {
    const input = config({ [SAVEPOINT_PATH_KEY]: 'hdfs:///old', [AUTO_RESTORE_KEY]: 'ON' });
    const edits = plannedEdits(input, { kind: 'none' });
    const after = withEdits(input, edits);
    expect(withEdits(after, edits, 'undo')[P]).toEqual(input[P]);
    const absent = config({});
    const spEdits = plannedEdits(absent, { kind: 'savepoint' }, SP);
    expect(withEdits(withEdits(absent, spEdits), spEdits, 'undo')[P]).toEqual(absent[P]);
  });
});

describe('undoDecision: only keys that still hold stms value', () => {
  const edits = plannedEdits(config({ [AUTO_RESTORE_KEY]: 'ON' }), { kind: 'none' });
  const spEdits = plannedEdits(config({}), { kind: 'savepoint' }, SP);
  const table: Array<[string, JobConfigMap, typeof edits, string[], string[]]> = [
    ['unchanged since: undone', config({ [SAVEPOINT_PATH_KEY]: SP }), spEdits, [SAVEPOINT_PATH_KEY], []],
    ['a release replaced the config (key gone): theirs wins', config({}), spEdits, [], [SAVEPOINT_PATH_KEY]],
    ['the web page set another path: theirs wins', config({ [SAVEPOINT_PATH_KEY]: 'hdfs:///theirs' }), spEdits, [], [SAVEPOINT_PATH_KEY]],
    ['switch still OFF: undone', config({ [AUTO_RESTORE_KEY]: 'OFF' }), edits, [AUTO_RESTORE_KEY], []],
    ['switch set ON again by someone: left', config({ [AUTO_RESTORE_KEY]: 'ON' }), edits, [], [AUTO_RESTORE_KEY]],
  ];
  it.each(table)('%s', (_name, current, given, undone, superseded) => {
    const decision = undoDecision(current, given);
    expect(decision.undo.map((e) => e.key)).toEqual(undone);
    expect(decision.superseded.map((e) => e.key)).toEqual(superseded);
  });
});

describe('parseRestoreMode', () => {
  it.each([
    [undefined, { kind: 'savepoint' }],
    ['savepoint', { kind: 'savepoint' }],
    ['latest', { kind: 'latest' }],
    ['none', { kind: 'none' }],
    ['hdfs:///flink/savepoints/p1.j1/savepoint-ab12', { kind: 'path', path: 'hdfs:///flink/savepoints/p1.j1/savepoint-ab12' }],
    ['hdfs://nn:8020/sp/a%20b', { kind: 'path', path: 'hdfs://nn:8020/sp/a%20b' }],
  ])('%s', (text, mode) => {
    expect(parseRestoreMode(text)).toEqual(mode);
  });

  it.each([
    ['/tmp/savepoint', /savepoint, latest, none or an hdfs:\/\/ savepoint path/],
    ['s3://bucket/sp', /an hdfs:\/\/ savepoint path/],
    ['hdfs:///sp/a b', /characters a URI can hold/],
    ['hdfs:///sp/"x"', /characters a URI can hold/],
    ['hdfs:///sp/{x}', /characters a URI can hold/],
    ['hdfs://', /characters a URI can hold/],
  ])('refuses %s', (text, message) => {
    expect(() => parseRestoreMode(text)).toThrow(message);
  });
});
