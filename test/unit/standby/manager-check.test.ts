import { describe, expect, it } from 'vitest';
import { checkManagers, type HaAnswer } from '../../../src/switchover/manager-check.js';

const said = (whetherManager: boolean): HaAnswer => ({ answered: true, whetherManager, clusterName: 'BDAP_UAT' });
const silent: HaAnswer = { answered: false, message: 'connection refused' };

describe('the manager check of a switchover from A to B', () => {
  it('goes on when B is the manager and A is not, or A is silent and --unplanned', () => {
    expect(checkManagers('A', 'B', said(false), said(true), false)).toEqual({ fromDown: false });
    expect(checkManagers('A', 'B', silent, said(true), true)).toEqual({ fromDown: true });
  });

  it.each([
    ['B is not the manager', said(false), said(false), false, 'HA_POLICY', "B's getHAMsg says whetherManager=false"],
    ['A still says it is the manager', said(true), said(true), false, 'HA_POLICY', "A's getHAMsg says whetherManager=true"],
    ['A is silent without --unplanned', silent, said(true), false, 'REMOTE', 'A does not answer (connection refused)'],
    ['B is silent', said(false), silent, true, 'REMOTE', 'B does not answer'],
  ])('refuses when %s', (_what, a, b, unplanned, code, message) => {
    expect(() => checkManagers('A', 'B', a, b, unplanned)).toThrow(expect.objectContaining({ code, message: expect.stringContaining(message) }));
  });
});
