import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { VarsFileSchema } from '../../../src/meta/vars-file.js';
import { GZ, TJ, check, codes, only } from './fixtures.js';

/** The Streamis template of the field notes (000 seed, "meta.json作业模版定义"), as a release engineer meets it. */
const sample = (name: string) => readFileSync(new URL(`./samples/${name}`, import.meta.url), 'utf8');
const template = sample('template.meta.json');
const vars = VarsFileSchema.parse(yaml.load(sample('template.vars.yaml')));

describe('the Streamis meta.json template', () => {
  it('as annotated in the notes (level marks after the values) is not JSON, and the error points at the first mark', () => {
    const problem = only(check(sample('annotated-template.txt')).problems, 'META_JSON_SYNTAX');
    expect(problem).toMatchObject({ line: 2, column: 28 });
    expect(problem.message).toContain('a key in double quotes was expected');
  });

  it('with its variables resolves cleanly on two clusters of different IDCs', () => {
    const result = check(template, { vars, varsFile: 'template.vars.yaml', targets: [GZ, TJ] });
    expect(result.problems).toEqual([]);
    expect(result.policy).toBe('double');
    expect(result.variables).toHaveLength(10);
    const gz = result.resolved.GZ_UAT as any;
    const tj = result.resolved.TJ_UAT as any;
    expect(gz.jobContent.args).toEqual(['--kafka.bootstrap.servers', '127.0.0.1:9092', '--kafka.topic', 't_gz']);
    expect(tj.jobConfig['wds.linkis.flink.resource']['wds.linkis.rm.yarnqueue']).toBe('dws_tj');
    expect(gz.jobConfig['wds.linkis.flink.custom']['demo.log.tps.rate']).toBe('600');
    expect(tj.jobConfig['wds.linkis.flink.custom']['demo.log.tps.rate']).toBe('800');
    expect(gz.description).toBe('测试普罗米修斯');
    expect(result.referencedFiles).toEqual([{ name: 'demo-stream-app-0.1.3-SNAPSHOT.jar', pointer: '/jobContent/main.class.jar' }]);
  });

  it('with its literal values (rendered for one cluster) breaks exactly the three level-3 keys', () => {
    const rendered = check(template, { vars, targets: [GZ] }).resolved.GZ_UAT;
    const problems = check(JSON.stringify(rendered, null, 2)).problems;
    expect(codes(problems)).toEqual(['META_TIER3_LITERAL', 'META_TIER3_LITERAL', 'META_TIER3_LITERAL']);
    expect(problems.map((p) => p.pointer)).toEqual([
      '/jobContent/args',
      '/jobConfig/wds.linkis.flink.resource/wds.linkis.rm.yarnqueue',
      '/jobConfig/wds.linkis.flink.custom/env.java.opts',
    ]);
  });

  it('fails on the IDC that lacks a value, naming it', () => {
    const result = check(template, { vars, varsFile: 'template.vars.yaml', targets: [GZ, { name: 'SH_DR', idc: 'SH' }] });
    const missing = result.problems.filter((p) => p.code === 'META_VARIABLE_UNRESOLVED');
    expect(missing.map((p) => [p.cluster, p.pointer])).toEqual([
      ['SH_DR', '/jobContent/args'],
      ['SH_DR', '/jobConfig/wds.linkis.flink.resource/wds.linkis.rm.yarnqueue'],
    ]);
    expect(Object.keys(result.resolved)).toEqual(['GZ_UAT']);
  });
});
