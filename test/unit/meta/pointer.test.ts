import { describe, expect, it } from 'vitest';
import { closest } from '../../../src/util/did-you-mean.js';
import { childPointer, fromPointer, isWithin, toPointer, valueAt } from '../../../src/meta/pointer.js';
import { readPolicy } from '../../../src/meta/index.js';

describe('JSON Pointer (RFC 6901)', () => {
  it.each([
    [['jobConfig', 'wds.linkis.flink.resource', 'wds.linkis.rm.yarnqueue'], '/jobConfig/wds.linkis.flink.resource/wds.linkis.rm.yarnqueue'],
    [['a/b', 'c~d'], '/a~1b/c~0d'],
    [['~1'], '/~01'],
    [['args', 0], '/args/0'],
    [[''], '/'],
    [[], ''],
  ] as const)('writes %j as %s and reads it back', (tokens, pointer) => {
    expect(toPointer(tokens)).toBe(pointer);
    expect(fromPointer(pointer)).toEqual(tokens.map(String));
  });

  it('finds values, and nothing where there is none', () => {
    const doc = { a: { 'b/c': [10, { d: null }] } };
    expect(valueAt(doc, '/a/b~1c/1/d')).toBeNull();
    expect(valueAt(doc, '/a/b~1c/0')).toBe(10);
    expect(valueAt(doc, '/a/b~1c/01')).toBeUndefined();
    expect(valueAt(doc, '/a/x')).toBeUndefined();
    expect(valueAt(doc, '/a/b~1c/0/deeper')).toBeUndefined();
    expect(valueAt(doc, '/toString')).toBeUndefined();
  });

  it('tells a key inside another from a key with the same prefix', () => {
    expect(isWithin('/a/b', '/a')).toBe(true);
    expect(isWithin('/a', '/a')).toBe(true);
    expect(isWithin('/ab', '/a')).toBe(false);
    expect(childPointer('/a', 'x/y')).toBe('/a/x~1y');
  });
});

describe('did you mean', () => {
  it.each([
    ['jobname', ['jobName', 'projectName'], 'jobName'],
    ['flink.Jar', ['flink.sql', 'flink.jar'], 'flink.jar'],
    ['flinksql', ['flink.sql', 'flink.jar'], 'flink.sql'],
    ['main.clas', ['main.class', 'main.class.jar'], 'main.class'],
    ['completely.different', ['jobName', 'projectName'], undefined],
    ['jobName', ['jobName'], undefined],
  ] as const)('%s -> %s', (text, candidates, expected) => {
    expect(closest(text, candidates)).toBe(expected);
  });
});

describe('readPolicy', () => {
  const meta = (produce: unknown) => ({ jobConfig: { 'wds.linkis.flink.produce': produce } }) as any;
  it.each([
    [{ 'wds.streamis.app.highavailable.policy': 'managerSlave' }, 'managerSlave'],
    [{ 'wds.streamis.app.highavailable.policy': 'Double' }, 'Double'],
    [{ 'wds.streamis.app.highavailable.policy': 2 }, '2'],
    [{ 'wds.streamis.app.highavailable.policy': null }, undefined],
    [{}, undefined],
    ['not a group', undefined],
  ])('reads %j as %s', (produce, expected) => {
    expect(readPolicy(meta(produce))).toBe(expected);
  });

  it('reads the produce group only', () => {
    expect(readPolicy({ jobConfig: { 'wds.linkis.flink.custom': { 'wds.streamis.app.highavailable.policy': 'double' } } })).toBeUndefined();
    expect(readPolicy({})).toBeUndefined();
  });
});
