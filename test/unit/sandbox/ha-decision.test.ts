import { describe, expect, test } from 'vitest';
import { canBeStarted, decideHighAvailable, type HaInput, type HaVerdict } from '../../../src/sandbox/ha-decision.js';

const AOMP = (extra: Record<string, unknown> = {}) => JSON.stringify({ source: 'aomp', pkgName: 'p.zip', ...extra });
const base: HaInput = { source: null, policy: null, highAvailableEnable: true, enableInterfaceUpload: true, sourceName: 'aomp' };

// docs/streamis-contract.md §7.3 (execute and bulk/execution), one row per line of the table.
const EXECUTE: Array<[string, Partial<HaInput>, HaVerdict]> = [
  ['1: no source, no policy', { source: null, policy: null }, { highAvailable: true, msg: 'job为单活，跳过高可用检查' }],
  ['1: no source, single', { source: null, policy: 'single' }, { highAvailable: true, msg: 'job为单活，跳过高可用检查' }],
  ['1: no source, singleWithBak', { source: null, policy: 'singleWithBak' }, { highAvailable: true, msg: 'job为单活，跳过高可用检查' }],
  ['2: no source, double, IF', { source: null, policy: 'double' }, { highAvailable: true, msg: 'job的source为空，跳过高可用检查' }],
  ['2: no source, misspelled policy, IF', { source: null, policy: 'Double' }, { highAvailable: true, msg: 'job的source为空，跳过高可用检查' }],
  ['3: no source, double, not IF', { source: null, policy: 'double', enableInterfaceUpload: false }, { highAvailable: false, msg: 'job的source为空，高可用检查不通过' }],
  ['4: update args, IF', { source: 'update args', policy: 'double' }, { highAvailable: true, msg: '用户在页面手动修改args,跳过一致性检查' }],
  ['4: UPDATE ARGS ignores case', { source: 'UPDATE ARGS', policy: 'double' }, { highAvailable: true, msg: '用户在页面手动修改args,跳过一致性检查' }],
  ['5: update args, not IF', { source: 'update args', policy: 'single', enableInterfaceUpload: false }, { highAvailable: false, msg: '用户在页面手动修改args,任务不再支持高可用' }],
  ['6: HA switch off', { source: AOMP(), policy: 'double', highAvailableEnable: false }, { highAvailable: true, msg: '管理员未开启高可用配置' }],
  ['7: single', { source: AOMP(), policy: 'single' }, { highAvailable: true, msg: '任务未开启高可用' }],
  ['7: null policy reads as single', { source: AOMP(), policy: null }, { highAvailable: true, msg: '任务未开启高可用' }],
  ['7: misspelled policy passes', { source: AOMP(), policy: 'managerslave' }, { highAvailable: true, msg: '任务未开启高可用' }],
  ['8: source not JSON', { source: 'not json', policy: 'double' }, { highAvailable: true, msg: '任务未开启高可用' }],
  ['8: source a JSON array', { source: '[1,2]', policy: 'doubleWithBak' }, { highAvailable: true, msg: '任务未开启高可用' }],
  ['8a: source empty', { source: '', policy: 'double' }, { npe: true }],
  ['8a: source whitespace', { source: '   ', policy: 'managerSlave' }, { npe: true }],
  ['9: aomp, isHighAvailable true', { source: AOMP({ isHighAvailable: true, highAvailableMessage: 'ok' }), policy: 'double' }, { highAvailable: true, msg: 'ok' }],
  ['9: aomp, "TRUE" string', { source: AOMP({ isHighAvailable: 'TRUE', highAvailableMessage: 'ok' }), policy: 'managerSlave' }, { highAvailable: true, msg: 'ok' }],
  ['9: aomp, false blocks', { source: AOMP({ isHighAvailable: false, highAvailableMessage: '首次上传' }), policy: 'double' }, { highAvailable: false, msg: '首次上传' }],
  ['9: aomp, key absent blocks, default message', { source: AOMP(), policy: 'doubleWithBak' }, { highAvailable: false, msg: '高可用信息为空，请联系管理员' }],
  ['9: aomp, "yes" is not true', { source: AOMP({ isHighAvailable: 'yes', highAvailableMessage: 'm' }), policy: 'double' }, { highAvailable: false, msg: 'm' }],
  ['9: aomp, null isHighAvailable fails', { source: AOMP({ isHighAvailable: null }), policy: 'double' }, { npe: true }],
  ['9: a null source value fails', { source: JSON.stringify({ source: null }), policy: 'double' }, { npe: true }],
  ['10: other source, IF', { source: JSON.stringify({ source: 'AOMP', isHighAvailable: false }), policy: 'double' }, { highAvailable: true, msg: '非标准来源,不检测高可用' }],
  ['11: other source, not IF', { source: JSON.stringify({ source: 'web', highAvailableMessage: 'x' }), policy: 'double', enableInterfaceUpload: false }, { highAvailable: false, msg: 'x' }],
  ['11: other source, not IF, default message', { source: JSON.stringify({ source: 'web' }), policy: 'double', enableInterfaceUpload: false }, { highAvailable: false, msg: '高可用信息为空，请联系管理员' }],
  ['12: no source key, IF', { source: JSON.stringify({ pkgName: 'x' }), policy: 'managerSlaveWithBak' }, { highAvailable: true, msg: '非标准来源,不检测高可用' }],
  ['13: no source key, not IF', { source: JSON.stringify({ pkgName: 'x' }), policy: 'double', enableInterfaceUpload: false }, { highAvailable: false, msg: '高可用信息为空，请联系管理员' }],
  ['the configured source name is compared', { source: JSON.stringify({ source: 'cicd', isHighAvailable: true, highAvailableMessage: 'm' }), policy: 'double', sourceName: 'cicd' }, { highAvailable: true, msg: 'm' }],
];

describe('decideHighAvailable (execute, §7.3)', () => {
  test.each(EXECUTE)('row %s', (_name, input, expected) => {
    expect(decideHighAvailable({ ...base, ...input }, 'execute')).toEqual(expected);
  });
});

// §7.4: the inspect variant differs only with a null source.
const INSPECT: Array<[string, Partial<HaInput>, HaVerdict]> = [
  ['1: null policy is not single here', { source: null, policy: null }, { highAvailable: true, msg: '用户直接从页面上传，job的source为空，跳过高可用检查' }],
  ['1: single', { source: null, policy: 'single' }, { highAvailable: true, msg: 'job为单活，跳过高可用检查' }],
  ['1: singleWithBak', { source: null, policy: 'singleWithBak' }, { highAvailable: true, msg: 'job为单活，跳过高可用检查' }],
  ['2: double, IF', { source: null, policy: 'double' }, { highAvailable: true, msg: '用户直接从页面上传，job的source为空，跳过高可用检查' }],
  ['3: double, not IF', { source: null, policy: 'double', enableInterfaceUpload: false }, { highAvailable: false, msg: '用户直接从页面上传，高可用检查不通过' }],
  ['3: null policy, not IF', { source: null, policy: null, enableInterfaceUpload: false }, { highAvailable: false, msg: '用户直接从页面上传，高可用检查不通过' }],
  ['9: same as execute with a source', { source: AOMP({ isHighAvailable: true, highAvailableMessage: 'ok' }), policy: 'double' }, { highAvailable: true, msg: 'ok' }],
  ['8a: empty source gives no entry', { source: '', policy: 'double' }, { npe: true }],
];

describe('decideHighAvailable (inspect, §7.4)', () => {
  test.each(INSPECT)('row %s', (_name, input, expected) => {
    expect(decideHighAvailable({ ...base, ...input }, 'inspect')).toEqual(expected);
  });
});

describe('canBeStarted (§7.5)', () => {
  test.each([
    ['managerSlave', true, true],
    ['managerSlave', false, false],
    ['managerSlaveWithBak', false, false],
    ['managerSlaveWithBak', true, true],
    ['double', false, true],
    ['single', false, true],
    [null, false, true],
    ['managerslave', false, true],
  ] as Array<[string | null, boolean, boolean]>)('%s on a cluster with whetherManager=%s -> %s', (policy, manager, expected) => {
    expect(canBeStarted(policy, manager)).toBe(expected);
  });
});
