import { describe, expect, it } from 'vitest';
import type { InspectSummary } from '../../../src/launch/launch-steps.js';
import { editEnabled, startRefusal } from '../../../src/launch/rollout/preflight.js';

const passed: InspectSummary = { version: 'v00002', lastVersion: 'v00001', snapshot: null, highAvailable: true, highAvailableMessage: 'ok' };

describe('startRefusal: what would refuse the start, judged before any stop', () => {
  it.each([
    ['all fine', passed, true, true, undefined],
    ['no HA verdict given', { ...passed, highAvailable: null }, true, true, undefined],
    ['HA verdict false: exit 4', { ...passed, highAvailable: false, highAvailableMessage: '不一致' }, true, false, ['HA_POLICY', /^GZ_UAT: the server's HA check would refuse to start p1\/j1: 不一致; nothing was stopped$/]],
    ['config not editable and an edit is needed: exit 7', passed, false, true, ['LAUNCH', /^GZ_UAT: p1\/j1's configuration cannot be changed there \(editEnable=false\).*nothing was stopped: use --restore latest/]],
    ['config not editable, no edit needed (--restore latest)', passed, false, false, undefined],
    ['HA verdict false wins over editEnable', { ...passed, highAvailable: false }, false, true, ['HA_POLICY', /HA check would refuse/]],
  ] as Array<[string, InspectSummary, boolean, boolean, [string, RegExp] | undefined]>)('%s', (_n, inspect, editable, needsEdit, expected) => {
    const refusal = startRefusal('GZ_UAT', 'p1/j1', inspect, editable, needsEdit);
    if (!expected) return expect(refusal).toBeUndefined();
    expect(refusal?.code).toBe(expected[0]);
    expect(refusal?.message).toMatch(expected[1]);
  });

  it.each([
    [{ editEnable: true }, true],
    [{ editEnable: false }, false],
    [{ editEnable: 'false' }, false],
    [{}, true],
  ])('editEnabled(%j) is %s', (config, expected) => {
    expect(editEnabled(config)).toBe(expected);
  });
});
