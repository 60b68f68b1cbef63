import { describe, expect, it } from 'vitest';
import { hdfsTokenEnvName, resolveConfig } from '../../../src/config/load.js';

const FILE = '/work/project/stms.config.yaml';
const cluster = (extra: Record<string, unknown> = {}) => ({ url: 'http://127.0.0.1:9001', tokenUser: 'hadoop', tokenCode: 'tok-gz', idc: 'GZ', role: 'primary', ...extra });
const STANDBY = { checkpointRoot: '/flink/flink-checkpoints/{schema}', copyRoot: '/backup/flink-checkpoints/{schema}' };

describe('the hdfs and standby keys of the config', () => {
  it('reads a WebHDFS endpoint with its user, and the delegation token from STMS_HDFS_TOKEN_<CLUSTER> only', async () => {
    const config = await resolveConfig({ clusters: { GZ_UAT: cluster({ hdfs: { webhdfs: 'http://nn-gz:9870/', user: 'hadoop' } }) }, standby: STANDBY }, FILE, { STMS_HDFS_TOKEN_GZ_UAT: 'deleg-token-1' });
    expect(config.clusters.GZ_UAT?.hdfs).toEqual({ kind: 'webhdfs', url: 'http://nn-gz:9870', user: 'hadoop', token: 'deleg-token-1' });
    expect(config.standby).toEqual({ checkpointRoot: '/flink/flink-checkpoints/{schema}', copyRoot: '/backup/flink-checkpoints/{schema}', maxAgeMs: 15 * 60_000 });
    expect(hdfsTokenEnvName('gz-uat.1')).toBe('STMS_HDFS_TOKEN_GZ_UAT_1');
  });

  it('reads a client command as an argument list and a maxAge as a duration', async () => {
    const config = await resolveConfig({ clusters: { GZ_UAT: cluster({ hdfs: { command: ['hdfs', 'dfs'] } }) }, standby: { ...STANDBY, maxAge: '5m' } }, FILE, {});
    expect(config.clusters.GZ_UAT?.hdfs).toEqual({ kind: 'command', argv: ['hdfs', 'dfs'] });
    expect(config.standby?.maxAgeMs).toBe(300_000);
  });

  it.each([
    ['a URL with user:password@', { webhdfs: 'http://u:secret@nn:9870' }, /clusters\.GZ_UAT\.hdfs.*user name or password/],
    ['a URL that is not http(s)', { webhdfs: 'hdfs://nn:8020' }, /clusters\.GZ_UAT\.hdfs/],
    ['both ways at once', { webhdfs: 'http://nn:9870', command: ['hdfs', 'dfs'] }, /clusters\.GZ_UAT\.hdfs/],
    ['an empty command', { command: [] }, /clusters\.GZ_UAT\.hdfs/],
  ])('refuses %s', async (_name, hdfs, message) => {
    await expect(resolveConfig({ clusters: { GZ_UAT: cluster({ hdfs }) } }, FILE, {})).rejects.toThrow(message);
  });

  it('refuses a relative root and a maxAge that is not a duration', async () => {
    await expect(resolveConfig({ clusters: { GZ_UAT: cluster() }, standby: { ...STANDBY, copyRoot: 'backup' } }, FILE, {})).rejects.toThrow(/standby\.copyRoot.*absolute HDFS path/);
    await expect(resolveConfig({ clusters: { GZ_UAT: cluster() }, standby: { ...STANDBY, maxAge: 'soon' } }, FILE, {})).rejects.toThrow(/standby\.maxAge/);
  });
});
