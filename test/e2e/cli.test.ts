import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runStms } from '../support/run-stms.js';
import { tempDir } from '../support/packages.js';

describe('stms entry point', () => {
  it('prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const run = await runStms(['--version']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it('exits 2 with the help when no command is given', async () => {
    const run = await runStms([]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('Usage: stms');
  });

  it('exits 2 on an unknown option and names it', async () => {
    const run = await runStms(['validate', '--bogus']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("unknown option '--bogus'");
  });

  it('with --json prints exactly one JSON document on a usage error, wherever --json stands', async () => {
    for (const args of [['--json', 'validate', '--bogus'], ['validate', '--bogus', '--json']]) {
      const run = await runStms(args);
      expect(run.exitCode).toBe(2);
      expect(run.json).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    }
  });
});

describe('global flags', () => {
  it('are read the way commander reads them: -qv is -q and -v, before or after the command', async () => {
    const cwd = await tempDir('stms-globals-');
    for (const args of [['-q', 'history'], ['-qv', 'history'], ['history', '-vq'], ['history', '--quiet']]) {
      const run = await runStms(args, { cwd });
      expect({ args, stdout: run.stdout, exitCode: run.exitCode }).toEqual({ args, stdout: '', exitCode: 0 });
    }
    const plain = await runStms(['history'], { cwd });
    expect(plain.stdout).toContain('no releases recorded');
  });
});

describe('config errors (exit 2)', () => {
  const cluster = { url: 'http://127.0.0.1:9', tokenUser: 'hadoop', tokenCode: '${STMS_TOKEN_GZ_UAT}', idc: 'GZ', role: 'primary' };

  async function project(config: unknown): Promise<string> {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-cfg-'));
    await writeFile(path.join(dir, 'stms.config.json'), JSON.stringify(config));
    return dir;
  }

  it('names the file and the path of a bad field', async () => {
    const cwd = await project({ clusters: { GZ_UAT: { ...cluster, role: 'main' } } });
    const run = await runStms(['history', '--json'], { cwd });
    expect(run.exitCode).toBe(2);
    expect(run.json.error.code).toBe('CONFIG');
    expect(run.json.error.message).toContain('stms.config.json: clusters.GZ_UAT.role');
  });

  it('names the variable to set when a cluster has no token, and never prints one', async () => {
    const cwd = await project({ clusters: { GZ_UAT: cluster }, cmdb: { file: './cmdb.json' } });
    const run = await runStms(['status', 'p1/j1', '--clusters', 'GZ_UAT'], { cwd });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('cluster GZ_UAT has no tokenCode');
    expect(run.stderr).toContain('STMS_TOKEN_GZ_UAT');
  });

  it.each([
    ['stms.config.yaml', 'clusters:\n  GZ_UAT:\n    tokenCode: tok-SECRET-9\n    idc: GZ\n   role: primary\n', 'cannot be read: not valid YAML at line 5, column 4'],
    ['stms.config.json', '{ "clusters": { "GZ_UAT": { "tokenCode": "tok-SECRET-9",, "idc": "GZ" } } }', 'cannot be read: not valid JSON at line 1, column 57'],
    ['stms.config.mjs', 'export default { clusters: { A: { tokenCode: "tok-SECRET-9", x: ) } } };\n', "cannot be loaded: Unexpected token ')'"],
    ['stms.config.js', 'module.exports = { clusters: { A: { tokenCode: "tok-SECRET-9", x: ) } } };\n', "cannot be loaded (line 1): Unexpected token ')'"],
  ])('names %s and the place of a syntax error, and never prints the token next to it', async (name, text, message) => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'stms-cfg-'));
    await writeFile(path.join(cwd, name), text);
    const human = await runStms(['validate', 'x.zip'], { cwd });
    expect(human.exitCode).toBe(2);
    expect(human.stderr).toContain(`${path.join(cwd, name)}: ${message}`);
    const run = await runStms(['validate', 'x.zip', '--json', '-v'], { cwd });
    expect(run.exitCode).toBe(2);
    expect(run.json).toMatchObject({ ok: false, error: { code: 'CONFIG' } });
    expect(`${human.stdout}${human.stderr}${run.stdout}${run.stderr}`).not.toContain('SECRET');
  });

  it.each(['stms.config.json', 'stms.config.yaml', 'stms.config.yml', 'stms.config.js', 'stms.config.mjs', 'stms.config.cjs', '.stmsrc', '.stmsrc.json', '.stmsrc.yaml', '.stmsrc.yml', '.stmsrc.js', '.stmsrc.mjs', '.stmsrc.cjs', 'package.json'])(
    'finds and loads %s',
    async (name) => {
      const { mkdtemp, writeFile } = await import('node:fs/promises');
      const os = await import('node:os');
      const path = await import('node:path');
      const { sqlFiles, writeDirPackage } = await import('../support/packages.js');
      const cwd = await mkdtemp(path.join(os.tmpdir(), 'stms-cfg-'));
      const config = { clusters: { LOADED_FROM_FILE: { ...cluster, tokenCode: 'tok' } }, vars: { global: { 'IDC_STREAMISJOBCONF..p1.j1..c4': 'q' } } };
      const text = JSON.stringify(config);
      const body =
        name === 'package.json' ? JSON.stringify({ name: 'x', stms: config })
        : /\.(js|cjs)$/.test(name) ? `module.exports = ${text};\n`
        : name.endsWith('.mjs') ? `export default ${text};\n`
        : text; // JSON is YAML too
      await writeFile(path.join(cwd, name), body);
      await writeDirPackage(path.join(cwd, 'p1-j1'), sqlFiles());
      const run = await runStms(['validate', 'p1-j1', '--json'], { cwd });
      expect(run.json).toMatchObject({ ok: true, targets: ['LOADED_FROM_FILE'] });
      expect(run.exitCode).toBe(0);
    },
  );

  it('says how to get a config when a command needs one and there is none', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'stms-nocfg-'));
    const run = await runStms(['release', 'x.zip', '--clusters', 'GZ_UAT'], { cwd });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/no stms config found/);
    expect(run.stderr).toMatch(/stms init|stms sandbox/);
  });
});
