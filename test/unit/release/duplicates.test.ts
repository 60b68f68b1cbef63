import { describe, expect, it } from 'vitest';
import { compareVersions, describeDuplicate, findDuplicates, newerThan } from '../../../src/release/duplicates.js';

const wanted = { md5: 'aa', releaseId: 'R1' };
const src = (md5: string, releaseId: string, deployUser = 'alexyang') => ({ md5, releaseId, deployUser });

describe('compareVersions and newerThan', () => {
  it('orders server versions by number', () => {
    expect(compareVersions('v00009', 'v00010')).toBeLessThan(0);
    expect(compareVersions('v00010', 'v00010')).toBe(0);
    expect(newerThan([{ version: 'v00003' }, { version: 'v00002' }, { version: 'v00001' }], 'v00001').map((v) => v.version)).toEqual(['v00003', 'v00002']);
    expect(newerThan([{ version: 'v00001' }], undefined)).toHaveLength(1);
  });
});

describe('findDuplicates', () => {
  const cases: Array<[string, Parameters<typeof findDuplicates>[0], string | undefined, ReturnType<typeof findDuplicates>]> = [
    ['only its own version', [{ version: 'v2', source: src('aa', 'R1') }], 'v2', []],
    ['another machine, same md5', [{ version: 'v3', source: src('aa', 'R1') }, { version: 'v2', source: src('aa', 'R9', 'bob') }], 'v3', [{ version: 'v2', same: 'md5', releaseId: 'R9', deployUser: 'bob' }]],
    ['its own upload twice', [{ version: 'v3', source: src('aa', 'R1') }, { version: 'v2', source: src('aa', 'R1') }], 'v3', [{ version: 'v2', same: 'releaseId', releaseId: 'R1', deployUser: 'alexyang' }]],
    ['a source that cannot be read', [{ version: 'v3', source: src('aa', 'R1') }, { version: 'v2', source: undefined }], 'v3', [{ version: 'v2', same: 'unknown' }]],
    ['another package is no copy', [{ version: 'v3', source: src('aa', 'R1') }, { version: 'v2', source: src('bb', 'R7') }], 'v3', []],
    ['own version not known: every copy', [{ version: 'v3', source: src('aa', 'R8') }, { version: 'v2', source: src('aa', 'R9') }], undefined, [{ version: 'v2', same: 'md5', releaseId: 'R9', deployUser: 'alexyang' }, { version: 'v3', same: 'md5', releaseId: 'R8', deployUser: 'alexyang' }]],
  ];
  for (const [name, landed, own, expected] of cases) {
    it(name, () => expect(findDuplicates(landed, own, wanted)).toEqual(expected));
  }

  it('describes each kind', () => {
    expect(describeDuplicate({ version: 'v2', same: 'md5', releaseId: 'R9', deployUser: 'bob' })).toBe('v2 (same md5, release R9, by bob)');
    expect(describeDuplicate({ version: 'v2', same: 'releaseId', releaseId: 'R1' })).toBe('v2 (this release, uploaded twice)');
    expect(describeDuplicate({ version: 'v2', same: 'unknown' })).toBe('v2 (its source cannot be read)');
  });
});
