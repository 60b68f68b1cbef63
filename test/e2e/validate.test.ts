import { randomBytes } from 'node:crypto';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLUSTERS, defaultVars, jarFiles, sqlFiles, sqlMeta, tempDir, writeConfig, writeDirPackage, writeZipPackage, type ConfigOptions } from '../support/packages.js';
import { runStms } from '../support/run-stms.js';
import { MODE, writeZip, type TestZipEntry } from '../support/zip-writer.js';

/** A temp folder, with a config for GZ_UAT, TJ_UAT and SH_DR unless `config` is false. */
async function workspace(config: ConfigOptions | false = {}) {
  const dir = await tempDir('stms-validate-');
  if (config !== false) await writeConfig(dir, config);
  return { dir, run: (args: string[]) => runStms(args, { cwd: dir }) };
}

const codesOf = (json: any) => (json.problems as Array<{ severity: string; code: string }>).map((p) => `${p.severity}:${p.code}`);

describe('stms validate: good packages', () => {
  it('accepts a flink.sql zip for every cluster of the config, with the --json shape', async () => {
    const ws = await workspace();
    await writeZipPackage(path.join(ws.dir, 'p1-j1.zip'), sqlFiles());
    const human = await ws.run(['validate', 'p1-j1.zip']);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toContain('valid: p1-j1.zip for GZ_UAT, TJ_UAT, SH_DR');

    const { exitCode, json } = await ws.run(['validate', 'p1-j1.zip', '--json']);
    expect(exitCode).toBe(0);
    expect(json).toMatchObject({
      ok: true,
      problems: [],
      summary: { errors: 0, warnings: 0 },
      package: { path: path.join(ws.dir, 'p1-j1.zip'), kind: 'zip', zipName: 'p1-j1.zip', files: ['job.sql'], projectName: 'p1', jobName: 'j1', jobType: 'flink.sql', policy: 'double', variables: ['IDC_STREAMISJOBCONF..p1.j1..c4'] },
      targets: [...CLUSTERS],
    });
    expect(json.error).toBeUndefined();
  });

  it('accepts a flink.jar folder and reports the size of the zip pack would make', async () => {
    const ws = await workspace({ job: 'j2' });
    await writeDirPackage(path.join(ws.dir, 'p1-j2'), jarFiles());
    const { exitCode, json } = await ws.run(['validate', 'p1-j2', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(exitCode).toBe(0);
    expect(json.package).toMatchObject({ kind: 'dir', zipName: 'p1-j2.zip', sizeExact: true, files: ['app-0.1.3.jar', 'dep.jar'], jobType: 'flink.jar' });
    expect(json.targets).toEqual(['GZ_UAT', 'TJ_UAT']);
    const packed = await ws.run(['pack', 'p1-j2', '-o', 'out.zip', '--json']);
    expect(packed.json.size).toBe(json.package.sizeBytes);
  });

  it('checks only the syntax without a config, and says so', async () => {
    const ws = await workspace(false);
    await writeZipPackage(path.join(ws.dir, 'p1-j1.zip'), sqlFiles());
    const { exitCode, stdout } = await ws.run(['validate', 'p1-j1.zip']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('syntax only (no config');
  });

  it('never prints a token of the config', async () => {
    const ws = await workspace();
    await writeZipPackage(path.join(ws.dir, 'p1-j1.zip'), sqlFiles(), [{ name: 'x/', unixMode: MODE.dir }]);
    const { stdout, stderr } = await ws.run(['validate', 'p1-j1.zip', '-v']);
    expect(`${stdout}${stderr}`).not.toContain('secret-token');
  });
});

describe('stms validate: bad zips (exit 3, one problem each)', () => {
  const cases: Array<{ label: string; build: (file: string) => Promise<unknown>; code: string; message: string }> = [
    { label: 'not a zip (right name, wrong bytes)', build: (f) => writeFile(f, 'this is text, not a zip\n'), code: 'NOT_A_ZIP', message: 'is not a zip file' },
    { label: 'truncated zip', build: (f) => writeFile(f, Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(40)])), code: 'ZIP_CORRUPT', message: 'the zip cannot be read' },
    { label: 'meta.json missing', build: (f) => writeZipPackage(f, { 'job.sql': 'select 1;' }), code: 'META_MISSING', message: 'meta.json is missing from the package root' },
    {
      label: 'everything under one top folder',
      build: (f) => writeZip(f, [{ name: 'p1-j1/', unixMode: MODE.dir }, ...Object.entries(sqlFiles()).map(([n, d]) => ({ name: `p1-j1/${n}`, data: d }))]),
      code: 'TOP_FOLDER',
      message: 'everything sits under one top folder "p1-j1/" (meta.json is at p1-j1/meta.json)',
    },
    { label: 'absolute name', build: (f) => writeZipPackage(f, sqlFiles(), [{ name: '/etc/cron.d/evil', data: 'x' }]), code: 'ENTRY_ABSOLUTE', message: '"/etc/cron.d/evil" has an absolute path' },
    { label: '.. in a name', build: (f) => writeZipPackage(f, sqlFiles(), [{ name: '../../evil.sh', data: 'x' }]), code: 'ENTRY_TRAVERSAL', message: '"../../evil.sh" has a ".." segment' },
    { label: 'symlink entry', build: (f) => writeZipPackage(f, sqlFiles(), [{ name: 'passwd', data: '/etc/passwd', unixMode: MODE.symlink }]), code: 'ENTRY_SYMLINK', message: '"passwd" is a symbolic link' },
    { label: 'duplicate entry', build: (f) => writeZipPackage(f, sqlFiles(), [{ name: 'job.sql', data: 'select 2;' }]), code: 'ENTRY_DUPLICATE', message: '"job.sql" is in the zip 2 times' },
    { label: 'name the server refuses', build: (f) => writeZipPackage(f, sqlFiles(), [{ name: '作业 说明.txt', data: 'x' }]), code: 'ENTRY_NAME', message: 'file name "作业 说明.txt" is refused by the server' },
    { label: 'nested folder', build: (f) => writeZipPackage(f, sqlFiles(), [{ name: 'lib/', unixMode: MODE.dir }, { name: 'lib/a.jar', data: 'x' }]), code: 'ENTRY_NESTED', message: 'folder "lib/" (1 file): the server needs a flat zip' },
    {
      label: 'zip bomb',
      build: (f) => writeZipPackage(f, sqlFiles(), [{ name: 'zeros.bin', data: Buffer.alloc(5 * 1024 * 1024), method: 'deflate' }]),
      code: 'ENTRY_ZIP_BOMB',
      message: 'refused as a possible zip bomb',
    },
  ];

  for (const c of cases) {
    it(c.label, async () => {
      const ws = await workspace();
      await c.build(path.join(ws.dir, 'pkg.zip'));
      const human = await ws.run(['validate', 'pkg.zip']);
      expect(human.exitCode).toBe(3);
      expect(human.stdout).toContain(`error ${c.code}: `);
      expect(human.stdout).toContain(c.message);
      expect(human.stdout).toMatch(/^ {2}hint: /m);
      expect(human.stdout).toMatch(/^invalid: pkg\.zip for GZ_UAT, TJ_UAT, SH_DR: \d+ errors?/m);
      expect(human.stderr).not.toContain('internal error');

      const { exitCode, json } = await ws.run(['validate', 'pkg.zip', '--json']);
      expect(exitCode).toBe(3);
      expect(json.ok).toBe(false);
      expect(json.error).toMatchObject({ code: 'PACKAGE_INVALID' });
      const problem = json.problems.find((p: any) => p.code === c.code);
      expect(problem).toMatchObject({ severity: 'error', code: c.code });
      expect(problem.message).toContain(c.message);
      expect(problem.hint).toEqual(expect.any(String));
      // One bad input, one complaint: a bad entry must not drown in follow-on errors.
      expect(json.summary.errors).toBe(1);
    });
  }

  it.each<[string, TestZipEntry[], string, string]>([
    ['an encrypted entry', [{ name: 'secret.jar', data: 'x', encrypted: true }], 'ENTRY_ENCRYPTED', '"secret.jar" is encrypted'],
    ['a fifo entry', [{ name: 'pipe', unixMode: MODE.fifo }], 'ENTRY_SPECIAL', '"pipe" is not a regular file'],
  ])('reports %s', async (_label, extra, code, message) => {
    const ws = await workspace();
    await writeZipPackage(path.join(ws.dir, 'pkg.zip'), sqlFiles(), extra);
    const { exitCode, json } = await ws.run(['validate', 'pkg.zip', '--json']);
    expect(exitCode).toBe(3);
    const errors = json.problems.filter((p: { severity: string }) => p.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({ code })]);
    expect(errors[0].message).toContain(message);
  });

  it.each<[string, TestZipEntry, string]>([
    ['a declared size that lies', { name: 'meta.json', data: JSON.stringify(sqlMeta()), method: 'deflate', declaredSize: 10 }, 'meta.json: the zip cannot be read'],
    ['a compression method stms cannot read', { name: 'meta.json', data: JSON.stringify(sqlMeta()), rawMethod: 12 }, 'uses compression method 12'],
    ['a size over 4 MB', { name: 'meta.json', data: Buffer.alloc(4 * 1024 * 1024 + 1, 32) }, 'a real one is a few KB'],
  ])('reports a meta.json with %s instead of crashing', async (_label, meta, message) => {
    const ws = await workspace();
    await writeZip(path.join(ws.dir, 'pkg.zip'), [meta, { name: 'job.sql', data: 'select 1;' }]);
    const { exitCode, json, stderr } = await ws.run(['validate', 'pkg.zip', '--json']);
    expect(stderr).not.toContain('internal error');
    expect(exitCode).toBe(3);
    expect(json.problems).toEqual([expect.objectContaining({ severity: 'error', file: 'meta.json' })]);
    expect(json.problems[0].message).toContain(message);
  });

  it('sees the one top folder of a zip made by macOS Finder, __MACOSX/ beside it', async () => {
    const ws = await workspace();
    const entries = Object.entries(sqlFiles()).map(([n, d]) => ({ name: `p1-j1/${n}`, data: d }));
    await writeZip(path.join(ws.dir, 'pkg.zip'), [{ name: 'p1-j1/', unixMode: MODE.dir }, ...entries, { name: '__MACOSX/p1-j1/._meta.json', data: 'x' }]);
    const { exitCode, json } = await ws.run(['validate', 'pkg.zip', '--json']);
    expect(exitCode).toBe(3);
    expect(codesOf(json)).toEqual(['error:TOP_FOLDER']);
    expect(json.problems[0].message).toContain('everything sits under one top folder "p1-j1/" (meta.json is at p1-j1/meta.json), beside the __MACOSX/ folder macOS adds');
  });

  it('warns about a zip inside the package (the server skips it)', async () => {
    const ws = await workspace();
    await writeZipPackage(path.join(ws.dir, 'pkg.zip'), { ...sqlFiles(), 'old.zip': 'PK' });
    const { exitCode, json } = await ws.run(['validate', 'pkg.zip', '--json']);
    expect(exitCode).toBe(0);
    expect(json.problems).toEqual([expect.objectContaining({ severity: 'warning', code: 'ENTRY_ZIP_SKIPPED', file: 'old.zip' })]);
  });

  it('refuses a zip name the server refuses', async () => {
    const ws = await workspace();
    await writeZipPackage(path.join(ws.dir, 'p1.j1.zip.zip'), sqlFiles());
    const { exitCode, json } = await ws.run(['validate', 'p1.j1.zip.zip', '--json']);
    expect(exitCode).toBe(3);
    expect(codesOf(json)).toEqual(['error:ZIP_FILE_NAME']);
  });
});

describe('stms validate: bad folders', () => {
  it('warns when the folder name would not make a zip name the server accepts', async () => {
    const ws = await workspace();
    await writeDirPackage(path.join(ws.dir, 'p1 j1'), sqlFiles());
    const { exitCode, json } = await ws.run(['validate', 'p1 j1', '--json']);
    expect(exitCode).toBe(0);
    expect(json.problems).toEqual([expect.objectContaining({ severity: 'warning', code: 'ZIP_FILE_NAME' })]);
    expect(json.problems[0].message).toContain('the name a folder gets when packed without -o');
    expect((await ws.run(['validate', 'p1 j1', '--strict'])).exitCode).toBe(3);
  });

  it('refuses a meta.json over 4 MB in a folder', async () => {
    const ws = await workspace();
    await writeDirPackage(path.join(ws.dir, 'p1-j1'), { ...sqlFiles(), 'meta.json': Buffer.alloc(4 * 1024 * 1024 + 1, 32) });
    const { exitCode, json } = await ws.run(['validate', 'p1-j1', '--json']);
    expect(exitCode).toBe(3);
    expect(json.problems).toEqual([expect.objectContaining({ code: 'META_TOO_LARGE', file: 'meta.json' })]);
  });

  it('points at the package one folder down when given its parent folder', async () => {
    const ws = await workspace();
    await writeDirPackage(path.join(ws.dir, 'p1-j1'), sqlFiles());
    const { exitCode, json } = await ws.run(['validate', '.', '--json']);
    expect(exitCode).toBe(3);
    const missing = json.problems.find((p: any) => p.code === 'META_MISSING');
    expect(missing.message).toBe('meta.json is missing from the package root (there is one at p1-j1/meta.json)');
    expect(missing.hint).toContain('If p1-j1/ is the package, validate or pack that folder');
  });

  it('reports a symlink and a subfolder in a package folder', async () => {
    const ws = await workspace();
    const pkg = await writeDirPackage(path.join(ws.dir, 'p1-j1'), sqlFiles());
    await symlink('/etc/hostname', path.join(pkg, 'host.txt'));
    await mkdir(path.join(pkg, 'conf'));
    await writeFile(path.join(pkg, 'conf', 'a.yaml'), 'a: 1\n');
    const { exitCode, json } = await ws.run(['validate', 'p1-j1', '--json']);
    expect(exitCode).toBe(3);
    expect(codesOf(json).sort()).toEqual(['error:ENTRY_NESTED', 'error:ENTRY_SYMLINK']);
    expect(json.problems.find((p: any) => p.code === 'ENTRY_SYMLINK').file).toBe('host.txt');
  });
});

describe('stms validate: meta.json and the files it names', () => {
  it('reports a named file that is missing, with its pointer', async () => {
    const ws = await workspace({ job: 'j2' });
    const files = jarFiles();
    delete files['dep.jar'];
    await writeZipPackage(path.join(ws.dir, 'p1-j2.zip'), files);
    const { exitCode, json } = await ws.run(['validate', 'p1-j2.zip', '--json']);
    expect(exitCode).toBe(3);
    expect(json.problems).toEqual([expect.objectContaining({ code: 'FILE_MISSING', file: 'meta.json', pointer: '/jobContent/dependency.jars/0' })]);
  });

  it('accepts a missing file that the config lists in projectResources', async () => {
    const ws = await workspace({ projectResources: ['dep.jar'], job: 'j2' });
    const files = jarFiles();
    delete files['dep.jar'];
    await writeZipPackage(path.join(ws.dir, 'p1-j2.zip'), files);
    const { exitCode, json } = await ws.run(['validate', 'p1-j2.zip', '--json']);
    expect(exitCode).toBe(0);
    expect(json.problems).toEqual([]);
  });

  it('warns about a file nobody names; --strict makes it fail', async () => {
    const ws = await workspace();
    await writeZipPackage(path.join(ws.dir, 'p1-j1.zip'), { ...sqlFiles(), 'notes.txt': 'todo' });
    const loose = await ws.run(['validate', 'p1-j1.zip', '--json']);
    expect(loose.exitCode).toBe(0);
    expect(loose.json.ok).toBe(true);
    expect(loose.json.problems).toEqual([expect.objectContaining({ severity: 'warning', code: 'FILE_UNREFERENCED', file: 'notes.txt' })]);
    const strict = await ws.run(['validate', 'p1-j1.zip', '--strict']);
    expect(strict.exitCode).toBe(3);
    expect(strict.stdout).toContain('warning FILE_UNREFERENCED');
    expect(strict.stdout).toContain('1 warning with --strict');
  });

  it('reports malformed meta.json with its line and column', async () => {
    const ws = await workspace();
    await writeZipPackage(path.join(ws.dir, 'p1-j1.zip'), { ...sqlFiles(), 'meta.json': '{\n  "projectName": "p1",\n  "jobName": "j1",,\n}\n' });
    const human = await ws.run(['validate', 'p1-j1.zip']);
    expect(human.exitCode).toBe(3);
    expect(human.stdout).toContain('line 3, column 19');
    const { exitCode, json } = await ws.run(['validate', 'p1-j1.zip', '--json']);
    expect(exitCode).toBe(3);
    expect(json.problems).toEqual([expect.objectContaining({ code: 'META_JSON_SYNTAX', file: 'meta.json', line: 3, column: 19 })]);
  });

  it('names the one cluster a variable does not resolve for', async () => {
    const vars = defaultVars();
    delete vars.idc?.SH;
    const ws = await workspace({ vars });
    await writeZipPackage(path.join(ws.dir, 'p1-j1.zip'), sqlFiles());
    const { exitCode, json } = await ws.run(['validate', 'p1-j1.zip', '--json']);
    expect(exitCode).toBe(3);
    expect(json.problems).toEqual([expect.objectContaining({ code: 'META_VARIABLE_UNRESOLVED', cluster: 'SH_DR', level: 3, pointer: '/jobConfig/wds.linkis.flink.resource/wds.linkis.rm.yarnqueue' })]);
    const narrowed = await ws.run(['validate', 'p1-j1.zip', '--clusters', 'GZ_UAT,TJ_UAT']);
    expect(narrowed.exitCode).toBe(0);
  });

  it('fails a package with variables when the config has no vars at all, naming each cluster (release would refuse it)', async () => {
    const ws = await workspace();
    const configFile = path.join(ws.dir, 'stms.config.json');
    const { vars: _unused, ...config } = JSON.parse(await readFile(configFile, 'utf8'));
    await writeFile(configFile, JSON.stringify(config));
    await writeZipPackage(path.join(ws.dir, 'p1-j1.zip'), sqlFiles());
    const { exitCode, json } = await ws.run(['validate', 'p1-j1.zip', '--json']);
    expect(exitCode).toBe(3);
    expect(json.problems.map((p: any) => `${p.code}:${p.cluster}`)).toEqual(CLUSTERS.map((c) => `META_VARIABLE_UNRESOLVED:${c}`));
    expect(json.problems[0].hint).toBe('Pass --vars <file> or set `vars` in the config.');
    const withVars = await ws.run(['validate', 'p1-j1.zip', '--vars', 'vars.json']);
    expect(withVars.exitCode).toBe(0);
  });

  it('takes --vars over the config vars', async () => {
    const ws = await workspace();
    await writeZipPackage(path.join(ws.dir, 'p1-j1.zip'), sqlFiles());
    await writeFile(path.join(ws.dir, 'other-vars.json'), JSON.stringify({ global: { 'IDC_STREAMISJOBCONF..p1.j1..c4': 'q' } }));
    const { exitCode, json } = await ws.run(['validate', 'p1-j1.zip', '--vars', 'other-vars.json', '--json']);
    expect(exitCode).toBe(0);
    expect(json.problems).toEqual([]);
    const missing = await ws.run(['validate', 'p1-j1.zip', '--vars', 'nope.yaml']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('cannot read the vars file');
    expect(missing.stderr).toContain('hint: --vars nope.yaml names it; a path there is relative to the current directory.');
  });

  it('says which config field names a vars file that does not exist, and what its path is relative to', async () => {
    const ws = await workspace();
    const configFile = path.join(ws.dir, 'stms.config.json');
    const config = JSON.parse(await readFile(configFile, 'utf8'));
    await writeFile(configFile, JSON.stringify({ ...config, vars: './missing-vars.yaml' }));
    await writeZipPackage(path.join(ws.dir, 'p1-j1.zip'), sqlFiles());
    const run = await ws.run(['validate', 'p1-j1.zip']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`${path.join(ws.dir, 'missing-vars.yaml')}: cannot read the vars file: ENOENT`);
    expect(run.stderr).toContain(`hint: The field vars: ./missing-vars.yaml of ${configFile} names it; a path there is relative to the folder of the config file.`);
  });

  it('judges the upload limit on the zip a cluster receives: rendered and stored when meta.json has variables', async () => {
    const ws = await workspace({ maxUploadMB: 2 });
    // 3 MB of hex text deflates to about half: under the limit as a zip, over it once stored.
    const text = randomBytes(1536 * 1024).toString('hex');
    await writeZipPackage(path.join(ws.dir, 'p1-j1.zip'), { ...sqlFiles(), 'dict.txt': text });
    const { exitCode, json } = await ws.run(['validate', 'p1-j1.zip', '--json']);
    expect(exitCode).toBe(3);
    expect(json.package.sizeBytes).toBeLessThan(2 * 1024 * 1024);
    const tooLarge = json.problems.filter((p: any) => p.code === 'PACKAGE_TOO_LARGE');
    expect(tooLarge.map((p: any) => p.cluster)).toEqual([...CLUSTERS]);
    expect(tooLarge[0].message).toContain('as the cluster receives it (meta.json rendered, entries stored, not compressed), over the upload limit of GZ_UAT (maxUploadMB 2)');

    // Without variables the zip is uploaded as it is, and fits.
    const literal = sqlMeta() as any;
    delete literal.jobConfig['wds.linkis.flink.resource']['wds.linkis.rm.yarnqueue'];
    await writeZipPackage(path.join(ws.dir, 'p1-j1-plain.zip'), { ...sqlFiles(literal), 'dict.txt': text });
    const plain = await ws.run(['validate', 'p1-j1-plain.zip', '--json']);
    expect(plain.json.problems.filter((p: any) => p.code === 'PACKAGE_TOO_LARGE')).toEqual([]);
  });

  it('refuses a package over a cluster upload limit, naming each cluster', async () => {
    const ws = await workspace({ maxUploadMB: 1, job: 'j2' });
    // Stored so the zip itself is over 1 MB; deflate would shrink the test file below the limit.
    await writeZip(path.join(ws.dir, 'p1-j2.zip'), Object.entries({ ...jarFiles(), 'dep.jar': Buffer.alloc(1536 * 1024, 7) }).map(([name, data]) => ({ name, data })));
    const { exitCode, json } = await ws.run(['validate', 'p1-j2.zip', '--json']);
    expect(exitCode).toBe(3);
    expect(json.problems.map((p: any) => `${p.code}:${p.cluster}`)).toEqual(['PACKAGE_TOO_LARGE:GZ_UAT', 'PACKAGE_TOO_LARGE:TJ_UAT', 'PACKAGE_TOO_LARGE:SH_DR']);
    expect(json.problems[0].message).toContain('over the upload limit of GZ_UAT (maxUploadMB 1)');
  });
});

describe('stms validate: meta.json rules through the binary (exit 3, file, pointer, level, cluster, hint)', () => {
  const PRODUCE = '/jobConfig/wds.linkis.flink.produce';
  const QUEUE = '/jobConfig/wds.linkis.flink.resource/wds.linkis.rm.yarnqueue';
  const RATE = '/jobConfig/wds.linkis.flink.custom/demo.log.tps.rate';
  const vars = defaultVars();
  const edit = (change: (m: any) => void) => {
    const meta = sqlMeta() as any;
    change(meta);
    return meta;
  };
  // [label, meta.json, extra vars, code, pointer, words of the message, level, cluster]
  const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, string, string, string, number?, string?]> = [
    ['an HA policy in the wrong case', edit((m) => (m.jobConfig['wds.linkis.flink.produce']['wds.streamis.app.highavailable.policy'] = 'Double')), {}, 'META_POLICY_UNKNOWN', `${PRODUCE}/wds.streamis.app.highavailable.policy`, 'Did you mean "double"?'],
    ['an HA policy near miss', edit((m) => (m.jobConfig['wds.linkis.flink.produce']['wds.streamis.app.highavailable.policy'] = 'managerslave')), {}, 'META_POLICY_UNKNOWN', `${PRODUCE}/wds.streamis.app.highavailable.policy`, 'Did you mean "managerSlave"?'],
    ['only hduser alert users', edit((m) => (m.jobConfig['wds.linkis.flink.produce']['wds.linkis.flink.alert.failure.user'] = 'hduser01,HDUSER02')), {}, 'META_ALERT_USER_HDUSER', `${PRODUCE}/wds.linkis.flink.alert.failure.user`, 'names only hduser'],
    ['no alert user', edit((m) => delete m.jobConfig['wds.linkis.flink.produce']['wds.linkis.flink.alert.failure.user']), {}, 'META_ALERT_USER_MISSING', `${PRODUCE}/wds.linkis.flink.alert.failure.user`, 'refuses to start the job'],
    ['a job name the job search rejects', edit((m) => (m.jobName = 'j-1')), {}, 'META_NAME_CHARS', '/jobName', 'jobName "j-1" may hold only letters, digits, _ and .'],
    ['a product name the server rejects', edit((m) => (m.jobConfig['wds.linkis.flink.produce']['wds.linkis.flink.product'] = 'pay-core')), {}, 'META_PRODUCT_NAME', `${PRODUCE}/wds.linkis.flink.product`, 'may hold only letters, digits and _'],
    ['an unknown top-level key', edit((m) => (m.jobname = 'j1')), {}, 'META_UNKNOWN_KEY', '/jobname', 'unknown top-level key "jobname": the server rejects the upload'],
    ['a job type near miss', edit((m) => (m.jobType = 'flink.Sql')), {}, 'META_JOB_TYPE_UNKNOWN', '/jobType', 'Did you mean "flink.sql"?'],
    ['no produce group', edit((m) => delete m.jobConfig['wds.linkis.flink.produce']), {}, 'META_PRODUCE_MISSING', PRODUCE, 'wds.linkis.flink.produce'],
    ['an unknown flink.sql content type', edit((m) => (m.jobContent.type = 'files')), {}, 'META_SQL_TYPE_UNKNOWN', '/jobContent/type', 'Did you mean "file"?'],
    ['a variable in a level-1 key', edit((m) => (m.jobConfig['wds.linkis.flink.resource']['wds.linkis.flink.app.parallelism'] = '[@PAR]')), { global: { PAR: '2' } }, 'META_TIER1_VARIABLE', '/jobConfig/wds.linkis.flink.resource/wds.linkis.flink.app.parallelism', 'it is level 1 in the built-in table', 1],
    ['a literal in a level-3 key', edit((m) => (m.jobConfig['wds.linkis.flink.resource']['wds.linkis.rm.yarnqueue'] = 'dws')), {}, 'META_TIER3_LITERAL', QUEUE, 'is level 3 (differs per IDC) but holds the literal "dws"', 3],
    ['a level-2 value whose shape differs per cluster', edit((m) => (m.jobConfig['wds.linkis.flink.custom']['demo.log.tps.rate'] = '[@RATE]')), { global: { RATE: '600' }, clusters: { TJ_UAT: { RATE: ['300'] } } }, 'META_TIER2_SHAPE', RATE, 'GZ_UAT, SH_DR: string; TJ_UAT: array of 1', 2],
    ['a variable with no value for one cluster', edit((m) => (m.jobConfig['wds.linkis.flink.custom']['demo.log.tps.rate'] = '[@RATE]')), { idc: { ...vars.idc, GZ: { ...vars.idc?.GZ, RATE: '1' }, TJ: { ...vars.idc?.TJ, RATE: '1' } } }, 'META_VARIABLE_UNRESOLVED', RATE, 'variable RATE (at', 2, 'SH_DR'],
  ];

  it.each(cases)('%s', async (_label, meta, extraVars, code, pointer, words, level, cluster) => {
    const ws = await workspace({ vars: { ...vars, ...extraVars } });
    await writeZipPackage(path.join(ws.dir, 'p1-j1.zip'), sqlFiles(meta));
    const { exitCode, json } = await ws.run(['validate', 'p1-j1.zip', '--json']);
    expect(exitCode).toBe(3);
    expect(json.error).toMatchObject({ code: 'PACKAGE_INVALID' });
    const problem = json.problems.find((p: any) => p.code === code);
    expect(problem).toMatchObject({ severity: 'error', file: 'meta.json', pointer, line: expect.any(Number), column: expect.any(Number), hint: expect.any(String) });
    expect(problem.message).toContain(words);
    if (level !== undefined) expect(problem.level).toBe(level);
    if (cluster !== undefined) expect(problem.cluster).toBe(cluster);

    const human = await ws.run(['validate', 'p1-j1.zip']);
    expect(human.exitCode).toBe(3);
    expect(human.stdout).toContain(`error ${code}: `);
    expect(human.stdout).toContain(`at file meta.json, pointer ${pointer}`);
  });

  it('warns about a variable nobody uses: exit 0, exit 3 with --strict', async () => {
    const ws = await workspace({ vars: { ...vars, global: { GLOBAL_UNUSED_FLAG: 'x' } } });
    await writeZipPackage(path.join(ws.dir, 'p1-j1.zip'), sqlFiles());
    const loose = await ws.run(['validate', 'p1-j1.zip', '--json']);
    expect(loose.exitCode).toBe(0);
    expect(loose.json.problems).toEqual([expect.objectContaining({ severity: 'warning', code: 'META_VARIABLE_UNUSED', file: path.join(ws.dir, 'vars.json'), pointer: '/global/GLOBAL_UNUSED_FLAG' })]);
    const strict = await ws.run(['validate', 'p1-j1.zip', '--strict', '--json']);
    expect(strict.exitCode).toBe(3);
    expect(strict.json).toMatchObject({ ok: false, error: { code: 'PACKAGE_INVALID' } });
  });
});

describe('stms validate: usage errors (exit 2)', () => {
  it('refuses an unknown cluster, listing the known ones', async () => {
    const ws = await workspace();
    await writeZipPackage(path.join(ws.dir, 'p1-j1.zip'), sqlFiles());
    const { exitCode, stderr } = await ws.run(['validate', 'p1-j1.zip', '--clusters', 'GZ_UAT,BJ_UAT']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('unknown cluster BJ_UAT in --clusters');
    expect(stderr).toContain('GZ_UAT, TJ_UAT, SH_DR');
  });

  it('suggests the known cluster an unknown name was most likely meant to be', async () => {
    const ws = await workspace();
    await writeZipPackage(path.join(ws.dir, 'p1-j1.zip'), sqlFiles());
    const { exitCode, stderr } = await ws.run(['validate', 'p1-j1.zip', '--clusters', 'GZ_UAT,TJ_UTA']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('unknown cluster TJ_UTA in --clusters');
    expect(stderr).toContain('hint: Did you mean TJ_UAT for TJ_UTA? Known clusters');
    const far = await ws.run(['validate', 'p1-j1.zip', '--clusters', 'NOWHERE_AT_ALL']);
    expect(far.stderr).not.toContain('Did you mean');
  });

  it('refuses --clusters without a config', async () => {
    const ws = await workspace(false);
    await writeZipPackage(path.join(ws.dir, 'p1-j1.zip'), sqlFiles());
    const { exitCode, json } = await ws.run(['validate', 'p1-j1.zip', '--clusters', 'GZ_UAT', '--json']);
    expect(exitCode).toBe(2);
    expect(json.error).toMatchObject({ code: 'USAGE', message: '--clusters needs a config that declares the clusters, and none was found' });
  });

  it('refuses a path that does not exist, and one that is neither file nor folder', async () => {
    const ws = await workspace();
    const { exitCode, stderr } = await ws.run(['validate', 'missing.zip']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('no such package');
    const device = await ws.run(['validate', '/dev/null']);
    expect(device.exitCode).toBe(2);
    expect(device.stderr).toContain('is neither a zip file nor a folder');
  });
});

describe('stms validate: output modes', () => {
  it('prints one line per problem on stderr with -q', async () => {
    const ws = await workspace();
    await writeZipPackage(path.join(ws.dir, 'pkg.zip'), sqlFiles(), [{ name: '../x', data: 'x' }]);
    const { exitCode, stdout, stderr } = await ws.run(['validate', 'pkg.zip', '-q']);
    expect(exitCode).toBe(3);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual(['error: ENTRY_TRAVERSAL: entry "../x" has a ".." segment that climbs out of the extraction folder (file ../x)']);
  });

  it('is --help with examples', async () => {
    const { exitCode, stdout } = await runStms(['validate', '--help']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('--strict');
  });
});

