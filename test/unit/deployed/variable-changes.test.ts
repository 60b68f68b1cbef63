import { describe, expect, it } from 'vitest';
import type { MetaChange } from '../../../src/deployed/diff.js';
import { changesFromVariables, variableDriftReason, variablePointers } from '../../../src/deployed/variable-changes.js';

const change = (pointer: string, before: unknown = 'a', after: unknown = 'b'): MetaChange => ({ pointer, change: 'changed', before, after, level: 1 });

describe('variablePointers', () => {
  it('lists each key holding a reference once: whole, interpolated, inside arrays', () => {
    const meta = {
      tags: '[@TAGS]',
      description: 'job on [@IDC] for [@IDC]',
      jobContent: { args: ['--topic', '[@TOPIC]'], main: 'literal' },
      jobConfig: { 'wds.linkis.flink.resource': { 'wds.linkis.rm.yarnqueue': '[@Q]', 'wds.linkis.flink.app.parallelism': '1' } },
    };
    expect(variablePointers(meta)).toEqual(['/tags', '/description', '/jobContent/args/1', '/jobConfig/wds.linkis.flink.resource/wds.linkis.rm.yarnqueue']);
    expect(variablePointers({ jobName: 'j1' })).toEqual([]);
  });
});

describe('changesFromVariables', () => {
  const cases: Array<{ name: string; change: string; pointers: string[]; kept: boolean }> = [
    { name: 'the key itself', change: '/jobConfig/g/queue', pointers: ['/jobConfig/g/queue'], kept: true },
    { name: 'an array holding a reference (compared whole)', change: '/jobContent/args', pointers: ['/jobContent/args/1'], kept: true },
    { name: 'below a whole reference to an object', change: '/jobConfig/g/obj/k', pointers: ['/jobConfig/g/obj'], kept: true },
    { name: 'a literal key', change: '/jobConfig/g/parallelism', pointers: ['/jobConfig/g/queue'], kept: false },
    { name: 'a sibling whose name starts alike', change: '/jobConfig/g/queue2', pointers: ['/jobConfig/g/queue'], kept: false },
    { name: 'tags, which a re-upload never changes', change: '/tags', pointers: ['/tags'], kept: false },
    { name: 'no variable at all', change: '/description', pointers: [], kept: false },
  ];
  for (const c of cases) {
    it(`${c.kept ? 'keeps' : 'drops'} ${c.name}`, () => {
      expect(changesFromVariables([change(c.change)], c.pointers)).toHaveLength(c.kept ? 1 : 0);
    });
  }
});

describe('variableDriftReason', () => {
  it('none without changes', () => {
    expect(variableDriftReason('v00003', [])).toBeUndefined();
  });
  it('names the version and up to three keys with both values', () => {
    const changes = ['/a', '/b', '/c', '/d', '/e'].map((p) => change(p, 'x', ['y']));
    expect(variableDriftReason('v00003', changes)).toBe('same package on v00003, but its variables resolve differently now (/a "x" -> ["y"]; /b "x" -> ["y"]; /c "x" -> ["y"] and 2 more)');
    expect(variableDriftReason(undefined, [{ pointer: '/q', change: 'added', after: 'dws', level: 3 }])).toBe('same package on the latest version, but its variables resolve differently now (/q (none) -> "dws")');
  });
});
