import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { parseReleaseFlags } from '../../../src/release/options.js';

describe('parseReleaseFlags', () => {
  it('reads the flags into one typed object', () => {
    expect(parseReleaseFlags('release', ['a.zip'], { clusters: 'GZ_UAT,TJ_UAT', vars: 'v.yaml', deployUser: 'bob', force: true })).toEqual({
      packageArg: 'a.zip',
      clusters: 'GZ_UAT,TJ_UAT',
      vars: 'v.yaml',
      deployUser: 'bob',
      resume: undefined,
      force: true,
    });
  });

  it('--resume stands in for --clusters (the targets are the journal\'s)', () => {
    expect(parseReleaseFlags('release', ['a.zip'], { resume: '20261121-103512-ab12cd' }).resume).toBe('20261121-103512-ab12cd');
  });

  const refusals: Array<[string, 'release' | 'plan', Record<string, unknown>, string]> = [
    ['release without --clusters', 'release', {}, 'stms release needs --clusters: the clusters to release to'],
    ['plan without --clusters', 'plan', {}, 'stms plan needs --clusters: the clusters to plan a release for'],
    ['a blank --deploy-user', 'release', { clusters: 'A', deployUser: '  ' }, '--deploy-user needs a user name'],
    ['a blank --resume', 'release', { resume: ' ' }, '--resume needs a release id'],
  ];
  for (const [name, command, options, message] of refusals) {
    it(`refuses ${name}`, () => {
      let error: unknown;
      try {
        parseReleaseFlags(command, ['a.zip'], options);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toBe(message);
    });
  }
});
