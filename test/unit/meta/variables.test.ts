import { describe, expect, it } from 'vitest';
import { renderMeta } from '../../../src/meta/index.js';
import type { VarsFile } from '../../../src/meta/vars-file.js';
import { GZ, SH, TJ, check, codes, jarMeta, only, withEdit } from './fixtures.js';

const C = '/jobConfig/wds.linkis.flink.custom';

/** A meta.json with variables where the tiers allow them. */
function templated() {
  return withEdit(jarMeta(), (m) => {
    m.tags = '[@TAGS]';
    m.jobContent.args = '[@ARGS]';
    m.jobConfig['wds.linkis.flink.resource']['wds.linkis.rm.yarnqueue'] = '[@QUEUE]';
    m.jobConfig['wds.linkis.flink.custom']['env.java.opts'] = '-Dversion=[@VERSION] -Didc=[@IDC]';
  });
}

const vars: VarsFile = {
  global: { TAGS: 'stream', VERSION: '0.3.8', IDC: 'global', ARGS: ['--topic', 'global'], QUEUE: 'root' },
  idc: { GZ: { IDC: 'gz', QUEUE: 'dws' }, TJ: { IDC: 'tj', QUEUE: 'dws_tj' } },
  clusters: { GZ_UAT: { ARGS: ['--topic', 'gz'] } },
};

describe('variable resolution', () => {
  it('takes the most specific value: clusters > idc > global', () => {
    const gz = renderMeta(templated(), vars, GZ);
    const tj = renderMeta(templated(), vars, TJ);
    const sh = renderMeta(templated(), vars, SH);
    expect(gz.problems).toEqual([]);
    expect(gz.meta?.jobContent).toMatchObject({ args: ['--topic', 'gz'] }); // clusters.GZ_UAT
    expect(tj.meta?.jobContent).toMatchObject({ args: ['--topic', 'global'] }); // global
    expect((gz.meta?.jobConfig as any)['wds.linkis.flink.resource']['wds.linkis.rm.yarnqueue']).toBe('dws'); // idc.GZ
    expect((sh.meta?.jobConfig as any)['wds.linkis.flink.resource']['wds.linkis.rm.yarnqueue']).toBe('root'); // global
  });

  it('interpolates scalars inside longer strings, numbers and booleans as text', () => {
    const meta = withEdit(jarMeta(), (m) => (m.jobConfig['wds.linkis.flink.custom']['env.java.opts'] = '-Da=[@A] -Db=[@B] -Dc=[@C][@C]'));
    const rendered = renderMeta(meta, { global: { A: 'x', B: 8, C: true } }, GZ);
    expect((rendered.meta?.jobConfig as any)['wds.linkis.flink.custom']['env.java.opts']).toBe('-Da=x -Db=8 -Dc=truetrue');
  });

  it('replaces a whole-string variable by a value of any JSON type', () => {
    const meta = withEdit(jarMeta(), (m) => (m.jobContent.args = ['[@A]', '[@B]', '[@C]', '[@D]', '[@E]']));
    const rendered = renderMeta(meta, { global: { A: 1, B: null, C: false, D: { k: ['v'] }, E: '' } }, GZ);
    expect((rendered.meta?.jobContent as any).args).toEqual([1, null, false, { k: ['v'] }, '']);
  });

  it('leaves the input untouched and keys as written', () => {
    const meta = withEdit(jarMeta(), (m) => (m.jobConfig['wds.linkis.flink.custom']['[@KEY]'] = '[@KEY]'));
    const before = structuredClone(meta);
    const rendered = renderMeta(meta, { global: { KEY: 'v' } }, GZ);
    expect(meta).toEqual(before);
    expect((rendered.meta?.jobConfig as any)['wds.linkis.flink.custom']['[@KEY]']).toBe('v');
  });

  it('names the variable, the cluster and the sections looked in when a value is missing', () => {
    const rendered = renderMeta(templated(), { global: { TAGS: 't' } }, TJ, { varsFile: 'vars.yaml' });
    expect(rendered.meta).toBeUndefined();
    const args = rendered.problems.find((p) => p.pointer === '/jobContent/args');
    expect(args).toMatchObject({ severity: 'error', code: 'META_VARIABLE_UNRESOLVED', cluster: 'TJ_UAT', level: 3, file: 'meta.json' });
    expect(args?.message).toContain('variable ARGS');
    expect(args?.message).toContain('cluster TJ_UAT');
    expect(args?.message).toContain('clusters.TJ_UAT, idc.TJ, global of vars.yaml');
    expect(args?.hint).toContain('idc.TJ');
  });

  it('says that no vars file was given when there is none', () => {
    const rendered = renderMeta(templated(), undefined, GZ);
    expect(rendered.problems[0]?.message).toContain('no vars file was given');
    expect(rendered.problems[0]?.hint).toContain('--vars');
  });

  it('refuses an array or object inside a longer string', () => {
    const meta = withEdit(jarMeta(), (m) => (m.jobConfig['wds.linkis.flink.custom']['env.java.opts'] = '-Dargs=[@ARGS]'));
    const rendered = renderMeta(meta, vars, GZ);
    expect(rendered.meta).toBeUndefined();
    const problem = only(rendered.problems, 'META_VARIABLE_NOT_SCALAR');
    expect(problem).toMatchObject({ pointer: `${C}/env.java.opts`, cluster: 'GZ_UAT', level: 3 });
    expect(problem.message).toContain('array');
  });

  it.each([
    ['a YAML date', new Date('2024-01-01'), 'a date'],
    ['NaN', Number.NaN, 'NaN'],
    ['Infinity inside an array', [1, Number.POSITIVE_INFINITY], 'object'],
  ])('refuses %s as a value', (_what, value, words) => {
    const meta = withEdit(jarMeta(), (m) => (m.jobContent.args = '[@ARGS]'));
    const problem = only(renderMeta(meta, { global: { ARGS: value } }, GZ).problems, 'META_VARIABLE_VALUE_INVALID');
    expect(problem.message).toContain(words);
    expect(problem.hint).toContain('Quote the value');
  });
});

describe('variables in checkMeta', () => {
  it('resolves every target and lists the variables used', () => {
    const result = check(templated(), { vars, targets: [GZ, TJ] });
    expect(result.problems).toEqual([]);
    expect(Object.keys(result.resolved)).toEqual(['GZ_UAT', 'TJ_UAT']);
    expect(result.variables).toEqual(['ARGS', 'IDC', 'QUEUE', 'TAGS', 'VERSION']);
  });

  it('reports an unresolved variable per target and leaves that target out of resolved', () => {
    const partial: VarsFile = { ...vars, global: { ...vars.global }, idc: { GZ: { IDC: 'gz', QUEUE: 'dws' } } };
    delete partial.global?.QUEUE;
    const result = check(templated(), { vars: partial, targets: [GZ, TJ], varsFile: 'vars.yaml' });
    const problem = only(result.problems, 'META_VARIABLE_UNRESOLVED');
    expect(problem).toMatchObject({ cluster: 'TJ_UAT', pointer: '/jobConfig/wds.linkis.flink.resource/wds.linkis.rm.yarnqueue', level: 3 });
    expect(Object.keys(result.resolved)).toEqual(['GZ_UAT']);
  });

  it('warns about each variable the vars file defines but meta.json never uses, once per name', () => {
    const extra: VarsFile = { global: { ...vars.global, OLD: 1 }, idc: { ...vars.idc, SH: { OLD: 2 } }, clusters: vars.clusters };
    const problem = only(check(templated(), { vars: extra, targets: [GZ], varsFile: 'vars.yaml' }).problems, 'META_VARIABLE_UNUSED');
    expect(problem).toMatchObject({ severity: 'warning', file: 'vars.yaml', pointer: '/global/OLD' });
    expect(problem.message).toContain('/global/OLD, /idc/SH/OLD');
  });

  it("does not call another job's variables unused in a vars file shared by many jobs", () => {
    const meta = jarMeta();
    const own = `IDC_STREAMISJOBCONF..${meta.projectName}.${meta.jobName}..c9`;
    const shared: VarsFile = { global: { 'IDC_STREAMISJOBCONF..other_project.other_job..c3': 'x', 'IDC_STREAMISJOBCONF..p1.j2..c3': 'y', [own]: 'z' } };
    const problems = check(meta, { vars: shared, targets: [GZ] }).problems.filter((p) => p.code === 'META_VARIABLE_UNUSED');
    expect(problems.map((p) => p.pointer)).toEqual([`/global/${own}`]);
  });

  it('reports unused variables even without targets', () => {
    expect(codes(check(jarMeta(), { vars: { global: { X: 1 } }, targets: [] }).problems)).toEqual(['META_VARIABLE_UNUSED']);
  });

  it('checks only the syntax of variables without targets or without a vars file', () => {
    expect(check(templated(), { targets: [] }).problems).toEqual([]);
    expect(check(templated(), { vars, targets: [] }).resolved).toEqual({});
    const noVars = check(templated(), { targets: [GZ] });
    expect(codes(noVars.problems)).toEqual(['META_VARIABLES_UNCHECKED']);
    expect(noVars.resolved).toEqual({});
  });

  it('with resolveWithoutVars, reports every variable unresolved on every target instead of one warning', () => {
    const result = check(templated(), { targets: [GZ, TJ], resolveWithoutVars: true });
    const unresolved = result.problems.filter((p) => p.code === 'META_VARIABLE_UNRESOLVED');
    expect(result.problems.filter((p) => p.code !== 'META_VARIABLE_UNRESOLVED')).toEqual([]);
    expect(new Set(unresolved.map((p) => p.cluster))).toEqual(new Set(['GZ_UAT', 'TJ_UAT']));
    expect(unresolved.length).toBe(2 * result.variables.length);
    expect(unresolved[0]).toMatchObject({ severity: 'error', hint: 'Pass --vars <file> or set `vars` in the config.' });
    expect(unresolved[0]?.message).toContain('no vars file was given');
    expect(result.resolved).toEqual({});
    // A meta.json without variables renders as it is.
    expect(Object.keys(check(jarMeta(), { targets: [GZ], resolveWithoutVars: true }).resolved)).toEqual(['GZ_UAT']);
  });

  it('refuses a malformed reference', () => {
    for (const text of ['[@]', '[@A B]', '[@A', 'x [@A.B] [@-]y[@']) {
      const meta = withEdit(jarMeta(), (m) => (m.description = text));
      const problem = only(check(meta).problems, 'META_VARIABLE_MALFORMED');
      expect(problem).toMatchObject({ severity: 'error', pointer: '/description' });
    }
  });

  it('warns that a variable in a key is not substituted', () => {
    const meta = withEdit(jarMeta(), (m) => (m.jobConfig['wds.linkis.flink.custom']['[@KEY]'] = 'v'));
    const problem = only(check(meta).problems, 'META_VARIABLE_IN_KEY');
    expect(problem).toMatchObject({ severity: 'warning', pointer: `${C}/[@KEY]` });
    expect(problem.message).toContain('never substituted');
  });

  it('judges a rule on the rendered value of each cluster and names the cluster', () => {
    const meta = withEdit(jarMeta(), (m) => (m.jobContent.args = '[@ARGS]'));
    const result = check(meta, { vars: { idc: { GZ: { ARGS: ['--a'] }, TJ: { ARGS: '--a' } } }, targets: [GZ, TJ] });
    const problem = only(result.problems, 'META_CONTENT_TYPE');
    expect(problem).toMatchObject({ pointer: '/jobContent/args', cluster: 'TJ_UAT' });
    expect(Object.keys(result.resolved)).toEqual(['GZ_UAT', 'TJ_UAT']);
  });

  it('reports rules about a key whatever its value, once, with or without targets', () => {
    const meta = withEdit(jarMeta(), (m) => {
      m.jobname = '[@X]';
      m.jobConfig['wds.linkis.flink.alert'] = { a: '[@X]' };
    });
    for (const input of [{}, { vars: { global: { X: 'x' } }, targets: [GZ, TJ] }]) {
      const problems = check(meta, input).problems.filter((p) => !p.code.startsWith('META_TIER'));
      expect(codes(problems)).toEqual(['META_UNKNOWN_KEY', 'META_CONFIG_GROUP_DROPPED']);
      expect(problems.every((p) => p.cluster === undefined)).toBe(true);
    }
  });

  it('does not report a rule on a variable before it is resolved', () => {
    const meta = withEdit(jarMeta(), (m) => (m.jobContent.args = '[@ARGS]'));
    expect(check(meta).problems).toEqual([]); // "[@ARGS]" is not an array, but it stands for one
  });

  it('takes the policy of the rendered files when a config tier lets it be a variable', () => {
    const meta = withEdit(jarMeta(), (m) => (m.jobConfig['wds.linkis.flink.produce']['wds.streamis.app.highavailable.policy'] = '[@POLICY]'));
    const tiers = { '/jobConfig/wds.linkis.flink.produce/wds.streamis.app.highavailable.policy': 2 } as const;
    expect(check(meta, { tiers, vars: { global: { POLICY: 'double' } }, targets: [GZ, TJ] }).policy).toBe('double');
    const split = check(meta, { tiers, vars: { global: { POLICY: 'double' }, clusters: { TJ_UAT: { POLICY: 'Double' } } }, targets: [GZ, TJ] });
    expect(split.policy).toBeUndefined();
    expect(only(split.problems, 'META_POLICY_UNKNOWN').cluster).toBe('TJ_UAT');
  });

  it('lists the files named after resolution, on every target', () => {
    const meta = withEdit(jarMeta(), (m) => (m.jobContent.resources = '[@RES]'));
    const tiers = { '/jobContent/resources': 2 } as const;
    const result = check(meta, { tiers, vars: { idc: { GZ: { RES: ['gz.conf'] }, TJ: { RES: ['tj.conf'] } } }, targets: [GZ, TJ] });
    expect(result.referencedFiles.map((f) => f.name)).toEqual(['demo-app-0.1.3.jar', 'dep-1.jar', 'gz.conf', 'tj.conf']);
    expect(check(meta, { tiers }).referencedFiles.map((f) => f.name)).toEqual(['demo-app-0.1.3.jar', 'dep-1.jar']);
  });
});
