import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { checkReleaseFlags, ReleaseFlagsSchema } from '../../../src/release/options.js';

describe('the flags of release and plan', () => {
  it('reads commander\'s values into one typed object; --force defaults to false', () => {
    expect(ReleaseFlagsSchema.parse({ clusters: 'GZ_UAT,TJ_UAT', vars: 'v.yaml', deployUser: 'bob', force: true })).toEqual({
      clusters: 'GZ_UAT,TJ_UAT',
      vars: 'v.yaml',
      deployUser: 'bob',
      force: true,
      continueOnError: false,
    });
    expect(ReleaseFlagsSchema.parse({ clusters: 'A' }).force).toBe(false);
    expect(ReleaseFlagsSchema.parse({ clusters: 'A', maxFailures: '3' }).maxFailures).toBe(3);
  });

  it('--resume stands in for --clusters (the targets are the journal\'s)', () => {
    expect(() => checkReleaseFlags('release', { resume: '20261121-103512-ab12cd', clusters: undefined }, ['a.zip'])).not.toThrow();
  });

  const refusals: Array<[string, 'release' | 'plan', Record<string, unknown>, string]> = [
    ['release without --clusters', 'release', {}, 'stms release needs --clusters: the clusters to release to'],
    ['plan without --clusters', 'plan', {}, 'stms plan needs --clusters: the clusters to plan a release for'],
  ];
  for (const [name, command, options, message] of refusals) {
    it(`refuses ${name}`, () => {
      let error: unknown;
      try {
        checkReleaseFlags(command, ReleaseFlagsSchema.parse(options), ['a.zip']);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toBe(message);
    });
  }

  it.each([
    ['a blank --deploy-user', { clusters: 'A', deployUser: '  ' }, '--deploy-user needs a user name'],
    ['a blank --resume', { resume: ' ' }, '--resume needs a release id'],
  ])('refuses %s', (_name, options, message) => {
    const parsed = ReleaseFlagsSchema.safeParse(options);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toEqual([message]);
  });
});
