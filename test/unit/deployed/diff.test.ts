import { describe, expect, it } from 'vitest';
import { diffMeta, type Level, type MetaChange } from '../../../src/deployed/diff.js';

// A stand-in tier table: the diff only passes pointers through it.
const levelOf = (pointer: string): Level => (pointer.startsWith('/jobContent/args') ? 3 : pointer.startsWith('/tags') ? 2 : 1);

const META = {
  projectName: 'p1',
  jobName: 'j1',
  tags: 't1',
  jobContent: { 'main.class.jar': 'app.jar', args: ['--topic', 't1'], 'hdfs.jars': [] },
  jobConfig: { 'wds.linkis.flink.resource': { 'wds.linkis.rm.yarnqueue': 'dws' }, 'wds.linkis.flink.custom': {} },
};

describe('diffMeta', () => {
  it('finds nothing between equal documents', () => {
    expect(diffMeta(META, structuredClone(META), levelOf)).toEqual([]);
  });

  it('lists every leaf as added when nothing is deployed, sorted by pointer', () => {
    expect(diffMeta(undefined, META, levelOf)).toEqual([
      { pointer: '/jobConfig/wds.linkis.flink.custom', change: 'added', after: {}, level: 1 },
      { pointer: '/jobConfig/wds.linkis.flink.resource/wds.linkis.rm.yarnqueue', change: 'added', after: 'dws', level: 1 },
      { pointer: '/jobContent/args', change: 'added', after: ['--topic', 't1'], level: 3 },
      { pointer: '/jobContent/hdfs.jars', change: 'added', after: [], level: 1 },
      { pointer: '/jobContent/main.class.jar', change: 'added', after: 'app.jar', level: 1 },
      { pointer: '/jobName', change: 'added', after: 'j1', level: 1 },
      { pointer: '/projectName', change: 'added', after: 'p1', level: 1 },
      { pointer: '/tags', change: 'added', after: 't1', level: 2 },
    ]);
  });

  const table: Array<[string, unknown, unknown, MetaChange[]]> = [
    ['a changed scalar', { a: 1 }, { a: 2 }, [{ pointer: '/a', change: 'changed', before: 1, after: 2, level: 1 }]],
    ['a changed type', { a: '1' }, { a: 1 }, [{ pointer: '/a', change: 'changed', before: '1', after: 1, level: 1 }]],
    ['null to a value', { a: null }, { a: 'x' }, [{ pointer: '/a', change: 'changed', before: null, after: 'x', level: 1 }]],
    ['a removed key', { a: 1, b: 2 }, { a: 1 }, [{ pointer: '/b', change: 'removed', before: 2, level: 1 }]],
    ['an added key', { a: 1 }, { a: 1, b: { c: true } }, [{ pointer: '/b/c', change: 'added', after: true, level: 1 }]],
    ['an array compared whole', { args: ['a', 'b'] }, { args: ['a', 'c'] }, [{ pointer: '/args', change: 'changed', before: ['a', 'b'], after: ['a', 'c'], level: 1 }]],
    ['array order matters', { args: ['a', 'b'] }, { args: ['b', 'a'] }, [{ pointer: '/args', change: 'changed', before: ['a', 'b'], after: ['b', 'a'], level: 1 }]],
    ['a leaf becoming an object', { a: 1 }, { a: { b: 2, c: 3 } }, [{ pointer: '/a', change: 'changed', before: 1, after: { b: 2, c: 3 }, level: 1 }]],
    ['an object becoming a leaf', { a: { b: { c: 2 } } }, { a: 'flat' }, [{ pointer: '/a', change: 'changed', before: { b: { c: 2 } }, after: 'flat', level: 1 }]],
    ['an emptied object', { a: { b: 1 } }, { a: {} }, [{ pointer: '/a', change: 'changed', before: { b: 1 }, after: {}, level: 1 }]],
    ['a filled object', { a: {} }, { a: { b: 1 } }, [{ pointer: '/a', change: 'changed', before: {}, after: { b: 1 }, level: 1 }]],
    ['a scalar root', 'x', 'y', [{ pointer: '', change: 'changed', before: 'x', after: 'y', level: 1 }]],
    ['a deployed null root', null, { a: 1 }, [{ pointer: '', change: 'changed', before: null, after: { a: 1 }, level: 1 }]],
    ['escaped tokens', { 'a/b': 1, 'c~d': { 'e/f': 1 } }, { 'a/b': 2, 'c~d': {} }, [
      { pointer: '/a~1b', change: 'changed', before: 1, after: 2, level: 1 },
      { pointer: '/c~0d', change: 'changed', before: { 'e/f': 1 }, after: {}, level: 1 },
    ]],
  ];
  it.each(table)('%s', (_, before, after, changes) => {
    expect(diffMeta(before, after, levelOf)).toEqual(changes);
  });

  it('gives each change the level of its pointer', () => {
    const next = { ...META, tags: 't2', jobContent: { ...META.jobContent, args: ['--topic', 't2'] } };
    expect(diffMeta(META, next, levelOf).map((c) => [c.pointer, c.level])).toEqual([
      ['/jobContent/args', 3],
      ['/tags', 2],
    ]);
  });

  it('compares scalars as text on request (the server returns config values as strings)', () => {
    const deployed = { c: { parallelism: '2', on: 'true', mem: '1024' } };
    const next = { c: { parallelism: 2, on: true, mem: 2048 } };
    expect(diffMeta(deployed, next, levelOf, { scalarsAsText: true })).toEqual([{ pointer: '/c/mem', change: 'changed', before: '1024', after: 2048, level: 1 }]);
    expect(diffMeta(deployed, next, levelOf)).toHaveLength(3);
    expect(diffMeta({ a: null }, { a: 'null' }, levelOf, { scalarsAsText: true })).toHaveLength(1);
  });

  it('is stable: the same input gives the same order whatever the key order', () => {
    const a = diffMeta({ z: 1, a: 1, m: { y: 1, b: 1 } }, { m: { b: 2, y: 2 }, a: 2, z: 2 }, levelOf);
    const b = diffMeta({ a: 1, m: { b: 1, y: 1 }, z: 1 }, { z: 2, a: 2, m: { y: 2, b: 2 } }, levelOf);
    expect(a).toEqual(b);
    expect(a.map((c) => c.pointer)).toEqual(['/a', '/m/b', '/m/y', '/z']);
  });
});
