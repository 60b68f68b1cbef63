import { describe, expect, it } from 'vitest';
import type { Policy } from '../../../src/ha/policies.js';
import { buildSource, FIRST_UPLOAD_MESSAGE, formatCreateTime, NO_CHECK_MESSAGE, type SourceInput } from '../../../src/release/source-record.js';
import { parseSource } from '../../../src/streamis/source.js';

// Built from local components, so the expected text holds in every time zone.
const LOCAL = new Date(2026, 10, 21, 9, 5, 7);

const input = (policy: Policy): SourceInput => ({
  pkgName: 'p1-j1.zip',
  deployUser: 'alexyang',
  createTime: LOCAL,
  sourceName: 'aomp',
  sourceToken: 'streamis0.3.8',
  policy,
  md5: '9e107d9d372bb6826bd81d3542a419d6',
  releaseId: '20261121-010507-ab12cd',
});

describe('buildSource', () => {
  const table: Array<[Policy, boolean, string]> = [
    ['single', true, NO_CHECK_MESSAGE],
    ['singleWithBak', true, NO_CHECK_MESSAGE],
    ['double', false, FIRST_UPLOAD_MESSAGE],
    ['doubleWithBak', false, FIRST_UPLOAD_MESSAGE],
    ['managerSlave', false, FIRST_UPLOAD_MESSAGE],
    ['managerSlaveWithBak', false, FIRST_UPLOAD_MESSAGE],
  ];
  it.each(table)('%s: isHighAvailable %s', (policy, highAvailable, message) => {
    const parsed = JSON.parse(buildSource(input(policy))) as Record<string, unknown>;
    expect(parsed.isHighAvailable).toBe(highAvailable);
    expect(parsed.highAvailableMessage).toBe(message);
  });

  it('carries rollbackOf only for a rollback, and parseSource reads it back', () => {
    expect(JSON.parse(buildSource(input('double')))).not.toHaveProperty('rollbackOf');
    const text = buildSource({ ...input('double'), rollbackOf: '20261120-080000-zz99' });
    expect(JSON.parse(text).rollbackOf).toBe('20261120-080000-zz99');
    const parsed = parseSource(text);
    expect(parsed.ok && parsed.record.rollbackOf).toBe('20261120-080000-zz99');
  });

  it('carries changeId and overrideReason only when given, after releaseId, and parseSource reads them back', () => {
    expect(JSON.parse(buildSource(input('double')))).not.toHaveProperty('changeId');
    const text = buildSource({ ...input('double'), changeId: 'CHG-2026-1203-17', overrideReason: 'incident 42', rollbackOf: '20261120-080000-zz99' });
    expect(Object.keys(JSON.parse(text)).slice(-4)).toEqual(['releaseId', 'changeId', 'overrideReason', 'rollbackOf']);
    const parsed = parseSource(text);
    expect(parsed.ok && [parsed.record.changeId, parsed.record.overrideReason]).toEqual(['CHG-2026-1203-17', 'incident 42']);
  });

  it('writes every field in a fixed order, the token as a JSON string', () => {
    expect(buildSource(input('double'))).toBe(
      '{"pkgName":"p1-j1.zip","deployUser":"alexyang","createTime":"2026-11-21 09:05:07","source":"aomp","isHighAvailable":false,' +
        '"highAvailableMessage":"首次上传 / first upload, not yet checked","token":"streamis0.3.8","md5":"9e107d9d372bb6826bd81d3542a419d6","releaseId":"20261121-010507-ab12cd"}',
    );
    expect(JSON.parse(buildSource({ ...input('single'), sourceToken: '123' })).token).toBe('123');
  });

  it('escapes names that need it and round-trips through the one source parser', () => {
    const text = buildSource({ ...input('double'), pkgName: 'a "quoted"\\name.zip', sourceName: 'custom' });
    const parsed = parseSource(text);
    expect(parsed.ok && parsed.record).toMatchObject({ pkgName: 'a "quoted"\\name.zip', source: 'custom', md5: input('double').md5, isHighAvailable: false });
  });
});

describe('formatCreateTime', () => {
  const table: Array<[Date, string]> = [
    [new Date(2026, 0, 1, 0, 0, 0), '2026-01-01 00:00:00'],
    [new Date(2026, 11, 31, 23, 59, 59, 999), '2026-12-31 23:59:59'],
    [LOCAL, '2026-11-21 09:05:07'],
  ];
  it.each(table)('%s -> %s', (date, text) => {
    expect(formatCreateTime(date)).toBe(text);
  });
});
