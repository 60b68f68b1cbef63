import { describe, expect, it } from 'vitest';
import type { HdfsEntry } from '../../../src/standby/hdfs-entry.js';
import { compareCopy, completeStates, findStates } from '../../../src/standby/job-states.js';
import { hdfsUri, jobStateBase, pathOfUri, rootFor, schemaFolder } from '../../../src/standby/roots.js';

const BASE = '/flink/flink-checkpoints/managerSlave/p1/j1';
const dir = (path: string, t = 0): HdfsEntry => ({ path: `${BASE}/${path}`, type: 'DIRECTORY', length: 0, modificationTime: t });
const file = (path: string, length: number, t: number): HdfsEntry => ({ path: `${BASE}/${path}`, type: 'FILE', length, modificationTime: t });

describe('the states of a job in a listing', () => {
  const listing = [
    dir('12'),
    dir('12/abc'),
    dir('12/abc/shared'),
    file('12/abc/shared/sst-1', 900, 50),
    dir('12/abc/chk-9'),
    file('12/abc/chk-9/a', 10, 100),
    file('12/abc/chk-9/_metadata', 5, 110),
    dir('12/abc/chk-10'),
    file('12/abc/chk-10/a', 10, 200),
    file('12/abc/chk-10/_metadata', 5, 210),
    dir('12/abc/chk-11'),
    file('12/abc/chk-11/a', 10, 300),
    dir('savepoint-1a2b3c-aabbccddeeff'),
    file('savepoint-1a2b3c-aabbccddeeff/x', 20, 150),
    file('savepoint-1a2b3c-aabbccddeeff/_metadata', 5, 160),
    // Too deep (5 levels below the job) and outside the job: not looked at.
    file('12/abc/def/chk-99/_metadata', 5, 999),
    { path: '/flink/flink-checkpoints/managerSlave/p1/j10/1/x/chk-50/_metadata', type: 'FILE', length: 5, modificationTime: 999 } as HdfsEntry,
  ];

  it('counts a checkpoint only with its _metadata, counts savepoints, and orders the complete ones newest first', () => {
    const states = findStates(BASE, listing);
    expect(states.map((s) => [s.key, s.kind, s.number, s.complete]).sort()).toEqual(
      [
        ['12/abc/chk-9', 'checkpoint', 9, true],
        ['12/abc/chk-10', 'checkpoint', 10, true],
        ['12/abc/chk-11', 'checkpoint', 11, false],
        ['savepoint-1a2b3c-aabbccddeeff', 'savepoint', null, true],
      ].sort(),
    );
    expect(completeStates(states).map((s) => s.key)).toEqual(['12/abc/chk-10', 'savepoint-1a2b3c-aabbccddeeff', '12/abc/chk-9']);
    expect(completeStates(states)[0]).toMatchObject({ path: `${BASE}/12/abc/chk-10`, time: 210, files: { a: 10, _metadata: 5 } });
  });

  it('breaks a tie of times by the chk number', () => {
    const states = findStates(BASE, [file('1/x/chk-2/_metadata', 1, 5), file('1/x/chk-3/_metadata', 1, 5)]);
    expect(completeStates(states).map((s) => s.number)).toEqual([3, 2]);
  });

  it('finds nothing in an empty listing or one of another job', () => {
    expect(findStates(BASE, [])).toEqual([]);
    expect(findStates(`${BASE}/`, [file('1/x/chk-1/_metadata', 1, 1)])).toHaveLength(1);
  });

  it('compares a copy with its source by file names and lengths', () => {
    const [source] = completeStates(findStates(BASE, [file('1/x/chk-5/a', 10, 1), file('1/x/chk-5/b', 20, 1), file('1/x/chk-5/_metadata', 5, 2)]));
    const copyBase = '/backup/flink-checkpoints/managerSlave/p1/j1';
    const copyOf = (files: Record<string, number>) =>
      completeStates(findStates(copyBase, Object.entries(files).map(([n, l]) => ({ path: `${copyBase}/1/x/chk-5/${n}`, type: 'FILE' as const, length: l, modificationTime: 9 }))))[0];
    expect(compareCopy(copyOf({ a: 10, b: 20, _metadata: 5 })!, source!)).toBeUndefined();
    expect(compareCopy(copyOf({ _metadata: 5 })!, source!)).toEqual({ missing: ['a', 'b'], differ: [] });
    expect(compareCopy(copyOf({ a: 10, b: 19, _metadata: 5 })!, source!)).toEqual({ missing: [], differ: ['b'] });
  });
});

describe('roots', () => {
  it.each([
    ['managerSlave', 'managerSlave'],
    ['managerSlaveWithBak', 'managerSlave'],
    ['doubleWithBak', 'double'],
    ['singleWithBak', 'single'],
    [null, 'single'],
  ])('%s keeps its state in the %s folder', (policy, folder) => {
    expect(schemaFolder(policy)).toBe(folder);
  });

  it('fills {schema}, builds the job base and writes paths as hdfs:// URIs', () => {
    expect(rootFor('/backup/flink-checkpoints/{schema}/', 'managerSlave')).toBe('/backup/flink-checkpoints/managerSlave');
    expect(jobStateBase('/r/managerSlave', 'p1', 'j1')).toBe('/r/managerSlave/p1/j1');
    expect(hdfsUri('/r/x/chk-1')).toBe('hdfs:///r/x/chk-1');
    expect(pathOfUri('hdfs://nn:8020/r/x/chk-1')).toBe('/r/x/chk-1');
    expect(pathOfUri('hdfs:///r/x')).toBe('/r/x');
  });
});
