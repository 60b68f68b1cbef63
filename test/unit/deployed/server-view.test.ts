import { describe, expect, it } from 'vitest';
import { javaText, storedConfig, viewOfMeta } from '../../../src/deployed/server-view.js';

const DEFAULTS = {
  'wds.linkis.flink.resource': {
    'wds.linkis.flink.app.parallelism': '4',
    'wds.linkis.flink.jobmanager.memory': '1024',
    'wds.linkis.flink.taskmanager.memory': '4096',
    'wds.linkis.flink.taskmanager.numberOfTaskSlots': '2',
    'wds.linkis.flink.taskmanager.cpus': '2',
  },
  'wds.linkis.flink.produce': {
    'wds.linkis.flink.checkpoint.switch': 'OFF',
    'wds.linkis.flink.app.fail-restart.switch': 'OFF',
    'wds.linkis.flink.app.start-auto-restore.switch': 'ON',
    'linkis.ec.app.manage.mode': 'detach',
  },
};

describe('storedConfig: the configuration the server keeps (docs/streamis-contract.md §6.6)', () => {
  it('adds the seeded defaults to an empty config, but no blank alert user', () => {
    expect(storedConfig({})).toEqual(DEFAULTS);
    expect(storedConfig(undefined)).toEqual(DEFAULTS);
  });

  const cases: Array<[string, Record<string, unknown>, string, string, string | undefined]> = [
    ['a number becomes its text', { 'wds.linkis.flink.resource': { 'wds.linkis.flink.app.parallelism': 8 } }, 'wds.linkis.flink.resource', 'wds.linkis.flink.app.parallelism', '8'],
    ['a boolean becomes its text', { 'wds.linkis.flink.custom': { 'x.enabled': true } }, 'wds.linkis.flink.custom', 'x.enabled', 'true'],
    ['an array becomes Java list text', { 'wds.linkis.flink.custom': { 'x.list': ['a', 1] } }, 'wds.linkis.flink.custom', 'x.list', '[a, 1]'],
    ['a nested object is dropped', { 'wds.linkis.flink.custom': { 'x.obj': { a: 1 } } }, 'wds.linkis.flink.custom', 'x.obj', undefined],
    ['a null is dropped', { 'wds.linkis.flink.custom': { 'x.null': null } }, 'wds.linkis.flink.custom', 'x.null', undefined],
    ['a defined key in another group is dropped', { 'wds.linkis.flink.custom': { 'wds.linkis.rm.yarnqueue': 'q' } }, 'wds.linkis.flink.custom', 'wds.linkis.rm.yarnqueue', undefined],
    ['an undefined key stays as a custom key of its group', { 'wds.linkis.flink.produce': { 'wds.streamis.app.highavailable.policy': 'double' } }, 'wds.linkis.flink.produce', 'wds.streamis.app.highavailable.policy', 'double'],
    ['an empty manage mode becomes detach', { 'wds.linkis.flink.produce': { 'linkis.ec.app.manage.mode': '' } }, 'wds.linkis.flink.produce', 'linkis.ec.app.manage.mode', 'detach'],
    ['a given value beats the default', { 'wds.linkis.flink.produce': { 'wds.linkis.flink.checkpoint.switch': 'ON' } }, 'wds.linkis.flink.produce', 'wds.linkis.flink.checkpoint.switch', 'ON'],
  ];
  for (const [name, input, group, key, expected] of cases) {
    it(name, () => {
      expect(storedConfig(input)[group]?.[key]).toBe(expected);
    });
  }

  it('drops groups the server does not define', () => {
    expect(Object.keys(storedConfig({ 'wds.linkis.flink.alert': { a: 'b' }, 'wds.linkis.flink.authority': { 'wds.linkis.flink.authority.visible': 'u1,u2' } })).sort()).toEqual([
      'wds.linkis.flink.authority',
      'wds.linkis.flink.produce',
      'wds.linkis.flink.resource',
    ]);
  });
});

describe('javaText', () => {
  it('writes values as Java String.valueOf does', () => {
    expect(javaText(['--topic', 't1'])).toBe('[--topic, t1]');
    expect(javaText([['a'], []])).toBe('[[a], []]');
    expect(javaText({ a: 1, b: [true] })).toBe('{a=1, b=[true]}');
    expect(javaText(null)).toBe('null');
    expect(javaText(2.5)).toBe('2.5');
  });
});

describe('viewOfMeta', () => {
  it('keeps the top-level strings, the jobContent as written and the stored config', () => {
    const view = viewOfMeta({ projectName: 'p1', jobName: 'j1', jobType: 'flink.sql', tags: 't', jobContent: { type: 'sql', sql: 'select 1' }, jobConfig: {}, extra: 1 } as never);
    expect(view).toEqual({ projectName: 'p1', jobName: 'j1', jobType: 'flink.sql', tags: 't', jobContent: { type: 'sql', sql: 'select 1' }, jobConfig: DEFAULTS });
  });
});
