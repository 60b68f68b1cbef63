import { describe, expect, it } from 'vitest';
import { exitStatusOf } from '../../../src/errors.js';
import { auditCode, findingCode } from '../../../src/audit/verdict.js';
import { FINDING_KINDS, type Finding, type FindingKind } from '../../../src/audit/types.js';

const finding = (kind: FindingKind): Finding => ({ kind, project: 'p1', job: 'j1', message: kind, expected: '', found: '' });

describe('the code of an audit', () => {
  it('a CMDB finding is CMDB (exit 4); every other finding CONSISTENCY (exit 6)', () => {
    for (const kind of FINDING_KINDS) expect([kind, findingCode(kind)]).toEqual([kind, kind.startsWith('cmdb-') ? 'CMDB' : 'CONSISTENCY']);
    expect(exitStatusOf(auditCode([finding('cmdb-not-registered')]))).toBe(4);
    expect(exitStatusOf(auditCode([finding('dr-materials-differ')]))).toBe(6);
  });

  it('findings of both kinds: the more severe, CMDB (exit 4); none: ok', () => {
    expect(auditCode([finding('pair-materials-differ'), finding('cmdb-policy-differs'), finding('running-twice')])).toBe('CMDB');
    expect(auditCode([])).toBeUndefined();
  });
});
