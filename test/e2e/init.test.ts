import { access, chmod, lstat, mkdir, mkdtemp, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { runStms } from '../support/run-stms.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tempDir = () => mkdtemp(path.join(os.tmpdir(), 'stms-init-'));
const OWNER = { STMS_DEPLOY_USER: 'alexyang' };

describe('stms init', () => {
  it('writes a flink.sql job, its config, vars and CMDB stub, and says what to run next', async () => {
    const cwd = await tempDir();
    const run = await runStms(['init', 'demo', '--project', 'pay_core', '--job', 'order_sum'], { cwd, env: OWNER });
    expect(run.exitCode).toBe(0);
    for (const file of ['stms.config.yaml', 'vars.yaml', 'cmdb.json', 'order_sum/meta.json', 'order_sum/order_sum.sql']) {
      expect(run.stdout).toContain(`wrote ${path.join('demo', file)}`);
      await access(path.join(cwd, 'demo', file));
    }
    expect(run.stdout).toContain('cd demo\n');
    expect(run.stdout).toContain('stms validate order_sum --clusters GZ_UAT,TJ_UAT');
    expect(run.stderr).toContain('STMS_TOKEN_GZ_UAT');
    const meta = JSON.parse(await readFile(path.join(cwd, 'demo/order_sum/meta.json'), 'utf8'));
    expect(meta).toMatchObject({ projectName: 'pay_core', jobName: 'order_sum', jobType: 'flink.sql', jobContent: { type: 'file', file: 'order_sum.sql' } });
    expect(meta.jobConfig['wds.linkis.flink.produce']['wds.linkis.flink.alert.failure.user']).toBe('alexyang');
  });

  it('prints one JSON document with --json: ok, files and next', async () => {
    const cwd = await tempDir();
    const run = await runStms(['init', '--json', '--type', 'flink.jar', '--job', 'risk.v2', '--owner', 'ci-bot'], { cwd });
    expect(run.exitCode).toBe(0);
    expect(run.json).toEqual({
      ok: true,
      dir: cwd,
      mode: 'package',
      type: 'flink.jar',
      project: 'my_project',
      job: 'risk.v2',
      files: ['stms.config.yaml', 'vars.yaml', 'cmdb.json', 'risk.v2/meta.json', 'risk.v2/risk.v2.jar', 'risk.v2/risk.v2.properties'],
      next: [
        'stms validate risk.v2 --clusters GZ_UAT,TJ_UAT',
        'stms plan risk.v2 --clusters GZ_UAT,TJ_UAT',
        'stms release risk.v2 --clusters GZ_UAT,TJ_UAT',
        'stms launch my_project/risk.v2 --clusters GZ_UAT,TJ_UAT',
      ],
    });
    const jar = await readFile(path.join(cwd, 'risk.v2/risk.v2.jar'));
    expect(jar.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  });

  it.each(['flink.sql', 'flink.jar'])('writes a %s package that `stms validate` passes as it is', async (type) => {
    const cwd = await tempDir();
    const init = await runStms(['init', '--type', type, '--project', 'p1', '--job', 'j1'], { cwd, env: OWNER });
    expect(init.exitCode).toBe(0);
    // --strict: a warning (an unused variable, say) would fail it too.
    const run = await runStms(['validate', 'j1', '--clusters', 'GZ_UAT,TJ_UAT', '--strict', '--json'], { cwd });
    expect(run.stderr).not.toMatch(/error:/);
    expect(run.json).toMatchObject({ ok: true, problems: [] });
    expect(run.exitCode).toBe(0);
  });

  it('ships an example package that `stms validate` passes with the example config', async () => {
    const run = await runStms(['validate', 'templates/example', '--clusters', 'GZ_UAT,TJ_UAT', '--strict', '-c', 'templates/example-config/stms.config.yaml', '--json'], { cwd: ROOT });
    expect(run.json).toMatchObject({ ok: true, problems: [] });
    expect(run.exitCode).toBe(0);
  });

  it('refuses to overwrite existing files, naming them, and leaves them as they were', async () => {
    const cwd = await tempDir();
    expect((await runStms(['init'], { cwd, env: OWNER })).exitCode).toBe(0);
    await writeFile(path.join(cwd, 'vars.yaml'), 'global: {}\n');
    const run = await runStms(['init', '--json'], { cwd, env: OWNER });
    expect(run.exitCode).toBe(2);
    expect(run.json).toMatchObject({ ok: false, error: { code: 'USAGE', details: { existing: ['stms.config.yaml', 'vars.yaml', 'cmdb.json', 'my_job/meta.json', 'my_job/my_job.sql'] } } });
    expect(run.stderr).toContain('refusing to overwrite existing files');
    expect(run.stderr).toContain('--force');
    expect(await readFile(path.join(cwd, 'vars.yaml'), 'utf8')).toBe('global: {}\n');
  });

  it('writes nothing when only one of the files exists', async () => {
    const cwd = await tempDir();
    await writeFile(path.join(cwd, 'cmdb.json'), '{"apps":[]}');
    const run = await runStms(['init'], { cwd, env: OWNER });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(': cmdb.json');
    await expect(access(path.join(cwd, 'stms.config.yaml'))).rejects.toThrow();
  });

  it('replaces existing files with --force, and replaces a symlink instead of writing through it', async () => {
    const cwd = await tempDir();
    const outside = path.join(await tempDir(), 'precious.txt');
    await writeFile(outside, 'keep me');
    await writeFile(path.join(cwd, 'vars.yaml'), 'global: {}\n');
    await symlink(outside, path.join(cwd, 'cmdb.json'));
    const run = await runStms(['init', '--force'], { cwd, env: OWNER });
    expect(run.exitCode).toBe(0);
    expect(await readFile(path.join(cwd, 'vars.yaml'), 'utf8')).toContain('IDC_STREAMISJOBCONF..my_project.my_job..c4');
    expect((await lstat(path.join(cwd, 'cmdb.json'))).isSymbolicLink()).toBe(false);
    expect(await readFile(outside, 'utf8')).toBe('keep me');
  });

  it.each([
    [['--project', 'my-project'], '--project: project name "my-project" breaks the rule: letters, digits and _ only'],
    [['--job', '../escape'], '--job: job name "../escape" breaks the rule'],
    [['--job', 'a-b'], 'letters, digits, _ and . only'],
    [['--owner', 'hduser'], '--owner: owner "hduser" breaks the rule'],
    [['--type', 'spark.jar'], "argument 'spark.jar' is invalid"],
    [['--job-list', '--type', 'flink.jar'], '--type has no effect with --job-list'],
  ])('exits 2 on %j and states the rule', async (flags, message) => {
    const cwd = await tempDir();
    const run = await runStms(['init', 'out', ...flags], { cwd, env: OWNER });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(message);
    await expect(access(path.join(cwd, 'out'))).rejects.toThrow();
  });

  it('exits 2 when the default owner cannot receive alerts, pointing at --owner', async () => {
    const run = await runStms(['init', 'out'], { cwd: await tempDir(), env: { STMS_DEPLOY_USER: 'hduser' } });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('the default owner (STMS_DEPLOY_USER or your login) cannot be used');
    expect(run.stderr).toContain('Pass --owner');
  });

  it('exits 2 when the target, or the job folder inside it, is a file', async () => {
    const cwd = await tempDir();
    await writeFile(path.join(cwd, 'taken'), '');
    const asFile = await runStms(['init', 'taken'], { cwd, env: OWNER });
    expect(asFile.exitCode).toBe(2);
    expect(asFile.stderr).toContain(`${path.join(cwd, 'taken')} exists and is not a folder`);

    await writeFile(path.join(cwd, 'my_job'), '');
    const jobAsFile = await runStms(['init'], { cwd, env: OWNER });
    expect(jobAsFile.exitCode).toBe(2);
    expect(jobAsFile.stderr).toContain('my_job exists in');
    await expect(access(path.join(cwd, 'stms.config.yaml'))).rejects.toThrow();
  });

  it('exits 2 naming the path when the folder cannot be written', async () => {
    if (process.getuid?.() === 0) {
      // root ignores permission bits; a folder under a file fails for everyone instead.
      const cwd = await tempDir();
      await writeFile(path.join(cwd, 'file'), '');
      const run = await runStms(['init', 'file/sub'], { cwd, env: OWNER });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(/cannot write .*file\/sub.*ENOTDIR/);
      return;
    }
    const cwd = await tempDir();
    await mkdir(path.join(cwd, 'locked'));
    await chmod(path.join(cwd, 'locked'), 0o500);
    const run = await runStms(['init', 'locked'], { cwd, env: OWNER });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/cannot write .*locked.*EACCES/);
  });

  it('never writes a token it finds in the environment', async () => {
    const cwd = await tempDir();
    const secret = 'secret-token-value-123';
    await runStms(['init', '--job-list'], { cwd, env: { ...OWNER, STMS_TOKEN_GZ_UAT: secret } });
    await runStms(['init'], { cwd, env: { ...OWNER, STMS_TOKEN_GZ_UAT: secret } });
    const { stdout } = await execa('grep', ['-r', '-l', secret, cwd], { reject: false });
    expect(stdout).toBe('');
  });

  it('shows examples in --help', async () => {
    const run = await runStms(['init', '--help']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('stms init payments --type flink.jar');
  });
});

describe('stms init --job-list', () => {
  it('writes the job-list folder with an executable job-list.sh', async () => {
    const cwd = await tempDir();
    const run = await runStms(['init', 'ops', '--job-list', '--project', 'p1', '--job', 'j1', '--json'], { cwd, env: OWNER });
    expect(run.exitCode).toBe(0);
    expect(run.json).toMatchObject({
      ok: true,
      mode: 'job-list',
      files: ['job-list/joblist.txt', 'job-list/streamis-env.sh', 'job-list/user-env.sh', 'job-list/job-list.sh'],
      next: ['cd ops', 'stms check --job-list job-list --clusters GZ_UAT,TJ_UAT', './job-list/job-list.sh'],
    });
    expect((await stat(path.join(cwd, 'ops/job-list/job-list.sh'))).mode & 0o111).not.toBe(0);
    expect(await readFile(path.join(cwd, 'ops/job-list/joblist.txt'), 'utf8')).toMatch(/^p1,j1$/m);
  });

  it('job-list.sh calls stms launch on its own folder and passes the exit code through', async () => {
    const cwd = await tempDir();
    expect((await runStms(['init'], { cwd, env: OWNER })).exitCode).toBe(0);
    expect((await runStms(['init', '--job-list'], { cwd, env: OWNER })).exitCode).toBe(0);
    // A stand-in for stms that records its arguments and fails like a partial batch (exit 8).
    const fake = path.join(cwd, 'fake-stms.sh');
    const argsFile = path.join(cwd, 'args.txt');
    await writeFile(fake, `#!/usr/bin/env bash\nprintf '%s\\n' "$@" > "${argsFile}"\nexit 8\n`, { mode: 0o755 });
    const script = path.join(cwd, 'job-list/job-list.sh');
    const run = await execa(script, [], { cwd: os.tmpdir(), reject: false, env: { STMS_BIN: fake } });
    expect(run.exitCode).toBe(8);
    expect(run.stderr).toContain('stms launch exited with 8');
    const args = (await readFile(argsFile, 'utf8')).trim().split('\n');
    const here = path.join(cwd, 'job-list');
    expect(args).toEqual(['launch', '--job-list', here, '--clusters', 'GZ_UAT,TJ_UAT', '--continue-on-error', '--report', path.join(here, 'junit.xml'), '-c', `${here}/../stms.config.yaml`]);

    const again = await execa(script, [], { reject: false, env: { STMS_BIN: fake, STMS_CLUSTERS: 'GZ_UAT', STMS_CONFIG: '/etc/stms.yaml' } });
    expect(again.exitCode).toBe(8);
    const argsAgain = (await readFile(argsFile, 'utf8')).trim().split('\n');
    expect(argsAgain).toContain('GZ_UAT');
    expect(argsAgain.slice(-2)).toEqual(['-c', '/etc/stms.yaml']);
  });

  it('job-list.sh runs without a config beside it (an empty argument list under set -u)', async () => {
    const cwd = await tempDir();
    expect((await runStms(['init', '--job-list'], { cwd, env: OWNER })).exitCode).toBe(0);
    const fake = path.join(cwd, 'fake-stms.sh');
    await writeFile(fake, '#!/usr/bin/env bash\necho "$#"\nexit 0\n', { mode: 0o755 });
    const run = await execa(path.join(cwd, 'job-list/job-list.sh'), [], { reject: false, env: { STMS_BIN: fake } });
    expect(run.exitCode).toBe(0);
    expect(run.stdout.trim()).toBe('8');
  });
});
