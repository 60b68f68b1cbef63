import { describe, expect, it } from 'vitest';
import { describeShape } from '../../../src/meta/shape.js';
import { GZ, SH, TJ, check, jarMeta, only, withEdit } from './fixtures.js';

describe('level-2 shapes', () => {
  it.each([
    ['x', 'string'], [1, 'number'], [true, 'boolean'], [null, 'null'], [undefined, 'missing'],
    [['a', 'b'], 'array of 2'], [{ b: 1, a: 2 }, 'object with keys a, b'], [{}, 'object with no keys'],
  ] as const)('describes %j as %s', (value, shape) => {
    expect(describeShape(value as any)).toBe(shape);
  });

  const meta = withEdit(jarMeta(), (m) => (m.jobConfig['wds.linkis.flink.custom']['security.kerberos.login.contexts'] = '[@CTX]'));
  const pointer = '/jobConfig/wds.linkis.flink.custom/security.kerberos.login.contexts';

  it.each([
    ['the same type', { GZ: { CTX: 'Client' }, TJ: { CTX: 'KafkaClient' } }],
    ['arrays of one length', { GZ: { CTX: ['a', 'b'] }, TJ: { CTX: ['c', 'd'] } }],
    ['objects with the same keys', { GZ: { CTX: { a: 1, b: 2 } }, TJ: { CTX: { b: 'x', a: 'y' } } }],
  ])('accepts values of %s on every cluster', (_what, idc) => {
    // (arrays and objects in jobConfig get warnings of their own: the server stores them as text)
    expect(check(meta, { vars: { idc }, targets: [GZ, TJ] }).problems.filter((p) => p.code === 'META_TIER2_SHAPE')).toEqual([]);
  });

  it.each([
    ['types differ', { GZ: { CTX: 'Client' }, TJ: { CTX: 3 } }, 'GZ_UAT: string; TJ_UAT: number'],
    ['array lengths differ', { GZ: { CTX: ['a', 'b'] }, TJ: { CTX: ['a'] } }, 'GZ_UAT: array of 2; TJ_UAT: array of 1'],
    ['object keys differ', { GZ: { CTX: { a: 1 } }, TJ: { CTX: { b: 1 } } }, 'GZ_UAT: object with keys a; TJ_UAT: object with keys b'],
  ])('refuses values whose %s and names the clusters and shapes', (_what, idc, listing) => {
    const problem = only(check(meta, { vars: { idc }, targets: [GZ, TJ] }).problems, 'META_TIER2_SHAPE');
    expect(problem).toMatchObject({ severity: 'error', pointer, level: 2 });
    expect(problem.message).toContain(listing);
  });

  it('groups clusters that agree', () => {
    const idc = { GZ: { CTX: 'a' }, TJ: { CTX: 'b' }, SH: { CTX: ['c'] } };
    expect(only(check(meta, { vars: { idc }, targets: [GZ, TJ, SH] }).problems, 'META_TIER2_SHAPE').message).toContain('GZ_UAT, TJ_UAT: string; SH_DR: array of 1');
  });

  it('has nothing to compare with one target, and ignores level-3 values', () => {
    expect(check(meta, { vars: { global: { CTX: 'a' } }, targets: [GZ] }).problems).toEqual([]);
    const args = withEdit(jarMeta(), (m) => (m.jobContent.args = '[@ARGS]'));
    expect(check(args, { vars: { idc: { GZ: { ARGS: ['a', 'b'] }, TJ: { ARGS: ['a'] } } }, targets: [GZ, TJ] }).problems).toEqual([]);
  });
});
