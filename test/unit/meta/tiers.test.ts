import { describe, expect, it } from 'vitest';
import { levelOf, tierOf } from '../../../src/meta/index.js';
import { check, codes, jarMeta, only, withEdit } from './fixtures.js';

const R = '/jobConfig/wds.linkis.flink.resource';
const C = '/jobConfig/wds.linkis.flink.custom';
const P = '/jobConfig/wds.linkis.flink.produce';

describe('the built-in tier table', () => {
  it.each([
    ['/projectName', 1], ['/jobName', 1], ['/jobType', 1],
    ['/tags', 2], ['/description', 2], ['/comment', 2], ['/workspaceName', 2], ['/metaInfo/anything', 2],
    ['/jobContent/main.class.jar', 1], ['/jobContent/main.class', 1], ['/jobContent/hdfs.jars', 1], ['/jobContent/hdfs.jars/0', 1],
    ['/jobContent/resources', 1], ['/jobContent/dependency.jars', 1], ['/jobContent/sql', 1], ['/jobContent/file', 1], ['/jobContent/type', 1],
    ['/jobContent/args', 3], ['/jobContent/args/4', 3],
    [`${R}/wds.linkis.flink.app.parallelism`, 1], [`${R}/flink.client.memory`, 1], [`${R}/wds.linkis.rm.yarnqueue`, 3],
    [`${C}/classloader.resolve-order`, 1], [`${C}/stream.log.filter.keywords`, 1], [`${C}/stream.log.filter.level-match.level`, 1],
    [`${C}/demo.log.tps.rate`, 2], [`${C}/security.kerberos.login.keytab`, 2], [`${C}/security.kerberos.krb5-conf.path`, 2],
    [`${C}/env.java.opts`, 3], [`${C}/some.other.key`, 1],
    [`${P}/wds.linkis.flink.alert.failure.user`, 1], [`${P}/wds.streamis.app.highavailable.policy`, 1], [`${P}/anything`, 1],
    ['/jobConfig/wds.linkis.flink.authority/wds.linkis.flink.authority.visible', 2],
    ['/unknown/key', 1], ['', 1],
  ] as const)('%s is level %i', (pointer, level) => {
    expect(levelOf(pointer)).toBe(level);
  });

  it('lets the config override a built-in level and add levels of its own', () => {
    const tiers = { [`${C}/my.rate`]: 2, '/jobContent/args': 2, [`${C}/my.prefix.*`]: 3 } as const;
    expect(tierOf(`${C}/my.rate`, tiers)).toEqual({ level: 2, source: { kind: 'config', pattern: `${C}/my.rate` } });
    expect(levelOf('/jobContent/args', tiers)).toBe(2);
    expect(levelOf(`${C}/my.prefix.a`, tiers)).toBe(3);
    expect(levelOf(`${C}/my.other`, tiers)).toBe(1);
    expect(tierOf(`${C}/my.other`, tiers).source).toEqual({ kind: 'default' });
  });

  it('prefers the more specific row: an exact key over a wildcard, a key over its group', () => {
    expect(levelOf(`${C}/x`, { [`${C}/*`]: 2, [`${C}/x`]: 3 })).toBe(3);
    expect(levelOf(`${R}/wds.linkis.rm.yarnqueue`, { [R]: 2 })).toBe(3); // the built-in row of the key wins over the config's group
    expect(levelOf(`${R}/other`, { [R]: 2 })).toBe(2);
  });

  it('reads ~1 in a config pointer as a slash inside a key', () => {
    expect(levelOf(`${C}/a~1b`, { [`${C}/a~1b`]: 2 })).toBe(2);
    expect(levelOf(`${C}/a~1b`, { [`${C}/a/b`]: 2 })).toBe(1);
  });
});

describe('tier rules on the file as written', () => {
  it('refuses a variable on a level-1 key and says how to declare another level', () => {
    const meta = withEdit(jarMeta(), (m) => (m.jobConfig['wds.linkis.flink.custom']['my.rate'] = '[@RATE]'));
    const problem = only(check(meta).problems, 'META_TIER1_VARIABLE');
    expect(problem).toMatchObject({ severity: 'error', pointer: `${C}/my.rate`, level: 1 });
    expect(problem.message).toContain('[@RATE]');
    expect(problem.message).toContain('keys not in the tier table are level 1');
    expect(problem.hint).toContain(`tiers: { "${C}/my.rate": 2 }`);
  });

  it('refuses a variable on a built-in level-1 key, interpolated or inside an array', () => {
    const meta = withEdit(jarMeta(), (m) => {
      m.jobName = 'j_[@SUFFIX]';
      m.jobContent['hdfs.jars'] = ['hdfs:///[@DIR]/a.jar'];
    });
    const problems = check(meta).problems.filter((p) => p.code === 'META_TIER1_VARIABLE');
    expect(problems.map((p) => p.pointer)).toEqual(['/jobName', '/jobContent/hdfs.jars/0']);
    expect(problems[1]?.hint).toContain('tiers: { "/jobContent/hdfs.jars": 2 }');
    expect(problems[0]?.message).toContain('level 1 in the built-in table');
  });

  it('names the config entry when the config made the key level 1', () => {
    const meta = withEdit(jarMeta(), (m) => (m.tags = '[@TAGS]'));
    const problem = only(check(meta, { tiers: { '/tags': 1 } }).problems, 'META_TIER1_VARIABLE');
    expect(problem.hint).toContain('/tags in the config');
  });

  it('accepts a variable on a key the config declares level 2', () => {
    const meta = withEdit(jarMeta(), (m) => (m.jobConfig['wds.linkis.flink.custom']['my.rate'] = '[@RATE]'));
    expect(codes(check(meta, { tiers: { [`${C}/my.rate`]: 2 } }).problems)).toEqual([]);
  });

  it.each([
    ['args', (m: any) => (m.jobContent.args = ['--topic', 't1']), '/jobContent/args'],
    ['args as an empty array', (m: any) => (m.jobContent.args = []), '/jobContent/args'],
    ['the yarn queue', (m: any) => (m.jobConfig['wds.linkis.flink.resource']['wds.linkis.rm.yarnqueue'] = 'dws'), `${R}/wds.linkis.rm.yarnqueue`],
    ['env.java.opts', (m: any) => (m.jobConfig['wds.linkis.flink.custom']['env.java.opts'] = ' -DjobName=0607_1'), `${C}/env.java.opts`],
    ['a number on a config level-3 key', (m: any) => (m.jobConfig['wds.linkis.flink.custom']['my.port'] = 80), `${C}/my.port`],
  ])('refuses a literal on level-3 %s', (_what, edit, pointer) => {
    const problem = only(check(withEdit(jarMeta(), edit), { tiers: { [`${C}/my.port`]: 3 } }).problems, 'META_TIER3_LITERAL');
    expect(problem).toMatchObject({ severity: 'error', pointer, level: 3 });
    expect(problem.hint).toContain('[@IDC_');
  });

  it.each([
    ['args as one variable', (m: any) => (m.jobContent.args = '[@ARGS]')],
    ['args holding a variable among literals', (m: any) => (m.jobContent.args = ['--topic', '[@TOPIC]'])],
    ['env.java.opts interpolating a variable', (m: any) => (m.jobConfig['wds.linkis.flink.custom']['env.java.opts'] = '-Didc=[@IDC]')],
    ['kerberos keys as variables (level 2)', (m: any) => (m.jobConfig['wds.linkis.flink.custom']['security.kerberos.login.keytab'] = '[@KEYTAB]')],
    ['kerberos keys as literals (level 2)', (m: any) => (m.jobConfig['wds.linkis.flink.custom']['security.kerberos.login.keytab'] = '/a/b.keytab')],
  ])('accepts %s', (_what, edit) => {
    const result = check(withEdit(jarMeta(), edit));
    expect(result.problems.filter((p) => p.code.startsWith('META_TIER'))).toEqual([]);
  });

  it('judges a whole group declared level 3 by the config as one value', () => {
    const literal = withEdit(jarMeta(), (m) => (m.jobConfig['wds.linkis.flink.authority'] = { 'wds.linkis.flink.authority.visible': 'a,b' }));
    const tiers = { '/jobConfig/wds.linkis.flink.authority': 3 } as const;
    expect(only(check(literal, { tiers }).problems, 'META_TIER3_LITERAL').pointer).toBe('/jobConfig/wds.linkis.flink.authority');
    const variable = withEdit(literal, (m) => (m.jobConfig['wds.linkis.flink.authority']['wds.linkis.flink.authority.visible'] = '[@VISIBLE]'));
    expect(codes(check(variable, { tiers }).problems)).toEqual([]);
  });
});
