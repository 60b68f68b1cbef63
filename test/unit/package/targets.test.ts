import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/load.js';
import { UsageError } from '../../../src/errors.js';
import { resolveTargets } from '../../../src/package/targets.js';

const cluster = (idc: string, role = 'primary') => ({ url: 'http://127.0.0.1:9001', tokenUser: 'hadoop', tokenCode: 't', idc, role });

describe('resolveTargets', async () => {
  const config = await resolveConfig({ clusters: { GZ_UAT: cluster('GZ'), TJ_UAT: cluster('TJ', 'backup') } }, '/w/stms.config.json', {});

  it('is every cluster without --clusters, and none without a config', () => {
    expect(resolveTargets(config, undefined).map((c) => c.name)).toEqual(['GZ_UAT', 'TJ_UAT']);
    expect(resolveTargets(undefined, undefined)).toEqual([]);
  });

  it('takes the named clusters, trimmed and once each', () => {
    expect(resolveTargets(config, ' TJ_UAT ,GZ_UAT,TJ_UAT').map((c) => c.name)).toEqual(['TJ_UAT', 'GZ_UAT']);
  });

  it('refuses unknown clusters, listing the known ones', () => {
    expect(() => resolveTargets(config, 'GZ_UAT,NOPE')).toThrow(UsageError);
    const error = thrown(() => resolveTargets(config, 'NOPE', '--cluster'));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe('unknown cluster NOPE in --cluster');
    expect((error as UsageError).hint).toContain('GZ_UAT, TJ_UAT');
  });

  it('refuses --clusters without a config, and an empty list', () => {
    expect(() => resolveTargets(undefined, 'GZ_UAT')).toThrow(/--clusters needs a config/);
    expect(() => resolveTargets(config, ' , ')).toThrow(/names no cluster/);
  });
});

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
