import { describe, expect, it } from 'vitest';
import type { ClusterConfig } from '../../../src/config/load.js';
import { thenOf } from '../../../src/plan/upgrade-then.js';
import { STATUS } from '../../../src/streamis/status-codes.js';

const cluster = (name: string, role: ClusterConfig['role'], idc: string): ClusterConfig => ({ name, url: 'http://127.0.0.1:1', tokenUser: 'u', tokenCode: 't', idc, role, policies: ['single', 'singleWithBak', 'double', 'doubleWithBak', 'managerSlave', 'managerSlaveWithBak'], ca: undefined, maxUploadMB: 100 });
const GZ = cluster('GZ_UAT', 'primary', 'GZ');
const TJ = cluster('TJ_UAT', 'backup', 'TJ');
const SH = cluster('SH_DR', 'dr', 'SH');
const PAIRS: Array<[string, string]> = [['GZ_UAT', 'TJ_UAT']];

describe('thenOf: what upgrade does on each target after the release', () => {
  it('double: restart where it runs, start where it does not (or never ran)', () => {
    expect(thenOf({ name: 'p1/j1', policy: 'double', targets: [GZ, TJ], pairs: PAIRS, statusOf: { GZ_UAT: STATUS.RUNNING, TJ_UAT: STATUS.FAILED } })).toEqual({ then: { GZ_UAT: 'restart', TJ_UAT: 'start' }, refusal: null });
    expect(thenOf({ name: 'p1/j1', policy: 'double', targets: [GZ, TJ], pairs: PAIRS, statusOf: {} }).then).toEqual({ GZ_UAT: 'start', TJ_UAT: 'start' });
  });

  it('a job starting counts as running: restarted', () => {
    expect(thenOf({ name: 'p1/j1', policy: 'double', targets: [GZ, TJ], pairs: PAIRS, statusOf: { GZ_UAT: STATUS.STARTING } }).then.GZ_UAT).toBe('restart');
  });

  it('doubleWithBak: the DR cluster is never started', () => {
    expect(thenOf({ name: 'p1/j1', policy: 'doubleWithBak', targets: [GZ, TJ, SH], pairs: PAIRS, statusOf: {} }).then).toEqual({ GZ_UAT: 'start', TJ_UAT: 'start', SH_DR: 'none' });
  });

  it('managerSlave: only the cluster that says it is the manager', () => {
    expect(thenOf({ name: 'p1/j1', policy: 'managerSlave', targets: [GZ, TJ], pairs: PAIRS, statusOf: {}, managerFlags: { GZ_UAT: true, TJ_UAT: false } }).then).toEqual({ GZ_UAT: 'start', TJ_UAT: 'none' });
  });

  it('upgrade would refuse (running where its policy says it must not): none everywhere, and why', () => {
    const result = thenOf({ name: 'p1/j1', policy: 'managerSlave', targets: [GZ, TJ], pairs: PAIRS, statusOf: { TJ_UAT: STATUS.RUNNING }, managerFlags: { GZ_UAT: true, TJ_UAT: false } });
    expect(result.then).toEqual({ GZ_UAT: 'none', TJ_UAT: 'none' });
    expect(result.refusal).toContain('already runs on TJ_UAT');
  });
});
