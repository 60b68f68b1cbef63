import { describe, expect, it } from 'vitest';
import { chooseFromJournals } from '../../../src/rollback/target.js';
import { releasesInOneSecond, testMd5 } from '../../support/journals.js';

describe('the release before the current one', () => {
  it('is the earlier of two releases made in one second, whatever their ids', () => {
    const choice = chooseFromJournals(releasesInOneSecond(), 'p1', 'j1', ['GZ_UAT'], undefined);
    expect(choice).toMatchObject({ ok: true, target: { md5: testMd5(1), releaseId: '20261121-100105-zzzz', rollbackOf: '20261121-100105-aaaa' } });
  });
});
