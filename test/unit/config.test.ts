import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfig, loadVarsFile, resolveConfig, tokenEnvName } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';

const FILE = '/work/project/stms.config.yaml';
const cluster = (extra: Record<string, unknown> = {}) => ({ url: 'http://127.0.0.1:9001', tokenUser: 'hadoop', tokenCode: 'tok-gz', idc: 'GZ', role: 'primary', ...extra });

describe('resolveConfig', () => {
  it('fills defaults, resolves relative paths against the file and sets the state folder beside it', async () => {
    const config = await resolveConfig({ clusters: { GZ_UAT: cluster() }, cmdb: { file: './cmdb.json' }, deployUser: 'alexyang' }, FILE, {});
    expect(config.dir).toBe('/work/project');
    expect(config.stateDir).toBe('/work/project/.stms');
    expect(config.cmdb).toEqual({ kind: 'file', file: '/work/project/cmdb.json' });
    expect(config.sourceName).toBe('aomp');
    expect(config.sourceToken).toBe('streamis0.3.8');
    expect(config.clusters.GZ_UAT?.maxUploadMB).toBe(1024);
    expect(config.clusters.GZ_UAT?.policies).toHaveLength(6);
  });

  it('gives a DR cluster only the …WithBak policies by default and refuses others', async () => {
    const config = await resolveConfig({ clusters: { SH_DR: cluster({ role: 'dr', idc: 'SH' }) } }, FILE, {});
    expect(config.clusters.SH_DR?.policies).toEqual(['singleWithBak', 'doubleWithBak', 'managerSlaveWithBak']);
    await expect(resolveConfig({ clusters: { SH_DR: cluster({ role: 'dr', policies: ['double'] }) } }, FILE, {})).rejects.toThrow(/clusters\.SH_DR\.policies: a DR cluster accepts only/);
  });

  it('expands ${ENV} and lets STMS_* variables override the file', async () => {
    const env = { MY_TOKEN: 'from-env', STMS_TOKEN_TJ_UAT: 'override', STMS_DEPLOY_USER: 'ci-bot' };
    const config = await resolveConfig(
      { deployUser: 'alexyang', clusters: { GZ_UAT: cluster({ tokenCode: '${MY_TOKEN}' }), TJ_UAT: cluster({ tokenCode: 'file', idc: 'TJ', role: 'backup' }) } },
      FILE,
      env,
    );
    expect(config.clusters.GZ_UAT?.tokenCode).toBe('from-env');
    expect(config.clusters.TJ_UAT?.tokenCode).toBe('override');
    expect(config.deployUser).toBe('ci-bot');
  });

  it('names the file and the path of a bad field', async () => {
    const bad = resolveConfig({ clusters: { GZ_UAT: cluster({ role: 'main' }) } }, FILE, {});
    await expect(bad).rejects.toBeInstanceOf(ConfigError);
    await expect(bad).rejects.toThrow(`${FILE}: clusters.GZ_UAT.role`);
  });

  it.each(['0s', '0', '0ms', 'soon', '5 minutes'])('refuses %j as a timeout: the same grammar as --timeout, more than nothing', async (text) => {
    await expect(resolveConfig({ clusters: { GZ_UAT: cluster() }, timeouts: { request: text } }, FILE, {})).rejects.toThrow(/timeouts\.request.*a duration such as 30s, 5m or 1h/);
  });

  it('reads durations as --timeout does', async () => {
    const config = await resolveConfig({ clusters: { GZ_UAT: cluster() }, timeouts: { request: '1.5s', upload: '2m', execute: 90 } }, FILE, {});
    expect(config.timeouts).toMatchObject({ requestMs: 1_500, uploadMs: 120_000, executeMs: 90_000 });
  });

  it('reports an unknown key instead of ignoring it', async () => {
    await expect(resolveConfig({ clusters: { GZ_UAT: cluster({ tokencode: 'x' }) } }, FILE, {})).rejects.toThrow(/clusters\.GZ_UAT.*tokencode/);
  });

  it('refuses pairs naming unknown or DR clusters', async () => {
    const clusters = { GZ_UAT: cluster(), SH_DR: cluster({ role: 'dr', idc: 'SH' }) };
    await expect(resolveConfig({ clusters, pairs: [['GZ_UAT', 'NOPE']] }, FILE, {})).rejects.toThrow('pairs.0.1: unknown cluster NOPE');
    await expect(resolveConfig({ clusters, pairs: [['GZ_UAT', 'SH_DR']] }, FILE, {})).rejects.toThrow('SH_DR is a DR cluster');
  });

  it('derives the token variable name from the cluster name', () => {
    expect(tokenEnvName('GZ_UAT')).toBe('STMS_TOKEN_GZ_UAT');
    expect(tokenEnvName('bdap-uat.1')).toBe('STMS_TOKEN_BDAP_UAT_1');
  });
});

describe('findConfig', () => {
  it('finds stms.config.json from a subfolder and returns undefined where there is none', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-config-'));
    await writeFile(path.join(dir, 'stms.config.json'), JSON.stringify({ clusters: { GZ_UAT: cluster() } }));
    const config = await findConfig({ cwd: dir, env: {} });
    expect(config?.file).toBe(path.join(dir, 'stms.config.json'));
    const empty = await mkdtemp(path.join(os.tmpdir(), 'stms-noconfig-'));
    expect(await findConfig({ cwd: empty, env: {} })).toBeUndefined();
  });

  it('reports malformed YAML as a config error naming the file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-config-'));
    await writeFile(path.join(dir, 'stms.config.yaml'), 'clusters: [unclosed\n');
    await expect(findConfig({ cwd: dir, env: {}, explicitPath: 'stms.config.yaml' })).rejects.toThrow(/stms\.config\.yaml: cannot be read/);
  });

  // The lines around a syntax error are often the token: the message gives line and column only.
  // (JavaScript configs are covered end to end in cli.test.ts: vitest loads modules its own way.)
  it.each([
    ['stms.config.yaml', 'clusters:\n  GZ_UAT:\n    tokenCode: tok-SECRET-1\n    idc: GZ\n   role: primary\n', /stms\.config\.yaml: cannot be read: not valid YAML at line 5, column 4: bad indentation/],
    ['stms.config.json', '{\n "clusters": {\n  "GZ_UAT": {\n   "tokenCode": "tok-SECRET-1",\n   "idc": "GZ",,\n   "role": "primary" } } }\n', /stms\.config\.json: cannot be read: not valid JSON at line 5, column 16: /],
    ['stms.config.json', '{ "clusters": {} } { "tokenCode": "tok-SECRET-1" }', /stms\.config\.json: cannot be read: not valid JSON at line 1, column 20: content after the end/],
    ['.stmsrc', 'clusters: [\n  tok-SECRET-1\n', /\.stmsrc: cannot be read: not valid YAML at line 3, column 1/],
  ])('reports a syntax error in %s with the file and place, never a line of it', async (name, text, message) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-config-'));
    await writeFile(path.join(dir, name), text);
    const error = await findConfig({ cwd: dir, env: {} }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(message);
    expect((error as ConfigError).message).toContain(path.join(dir, name));
    expect(JSON.stringify({ message: (error as ConfigError).message, hint: (error as ConfigError).hint })).not.toContain('SECRET');
  });

  it('reports a vars file syntax error with its place and no line of the file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-vars-'));
    const file = path.join(dir, 'vars.yaml');
    await writeFile(file, 'global:\n  KAFKA_PASSWORD: pw-SECRET\n   X: 1\n');
    const error = await loadVarsFile(file, { flag: '--vars' }).then(() => undefined, (e: unknown) => e as ConfigError);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).toBe(`${file}: cannot be read: not valid YAML at line 3, column 5: bad indentation of a mapping entry`);
    expect(error?.message).not.toContain('SECRET');
    expect(error?.hint).toContain('vars file');
  });

  it('says a -c file does not exist rather than that its syntax is wrong', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-config-'));
    await expect(findConfig({ cwd: dir, env: {}, explicitPath: 'nope.yaml' })).rejects.toThrow(`${path.join(dir, 'nope.yaml')}: no such config file`);
  });
});

describe('config field errors say what to write', () => {
  it.each([
    [{ clusters: { GZ_UAT: cluster({ tokencode: 'x' }) } }, 'clusters.GZ_UAT: Unrecognized key: "tokencode" (did you mean "tokenCode"?)'],
    [{ clusters: { GZ_UAT: cluster({ role: 'Primary' }) } }, 'clusters.GZ_UAT.role: Invalid option: expected one of "primary"|"backup"|"dr" (did you mean "primary"?)'],
    [
      { clusters: { GZ_UAT: cluster({ policies: ['single', 'Double'] }) } },
      'clusters.GZ_UAT.policies.1: Invalid option: expected one of "single"|"singleWithBak"|"double"|"doubleWithBak"|"managerSlave"|"managerSlaveWithBak" (did you mean "double"?)',
    ],
    [{ clusters: {}, timeout: { request: '5s' } }, '(top level): Unrecognized key: "timeout" (did you mean "timeouts"?)'],
    [{ clusters: {}, tiers: { '/jobConfig/x': 4 } }, 'tiers./jobConfig/x: a level: 1, 2 or 3'],
    [{ clusters: {}, tiers: { 'jobConfig/x': 2 } }, 'tiers.jobConfig/x: bad key: a JSON Pointer starting with /'],
    [{ clusters: {}, cmdb: { fle: './cmdb.json' } }, 'cmdb: either { file: <path of the JSON file> } or { url: <http(s) URL>'],
  ])('%j', async (raw, message) => {
    await expect(resolveConfig(raw, FILE, {})).rejects.toThrow(`${FILE}: ${message}`);
  });

  it('names the environment variable that was not set when a field came out wrong', async () => {
    const raw = { clusters: { GZ_UAT: cluster({ url: '${GZ_GATEWAY}' }) } };
    await expect(resolveConfig(raw, FILE, {})).rejects.toThrow(`${FILE}: clusters.GZ_UAT.url: an http:// or https:// URL of the Linkis gateway (\${GZ_GATEWAY} is not set in the environment)`);
    await expect(resolveConfig(raw, FILE, { GZ_GATEWAY: 'ftp://x' })).rejects.toThrow(/URL of the Linkis gateway$/);
  });

  it('guesses only when a name is close', async () => {
    await expect(resolveConfig({ clusters: { GZ_UAT: cluster({ role: 'standby' }) } }, FILE, {})).rejects.toThrow(/expected one of "primary"\|"backup"\|"dr"$/m);
  });
});

