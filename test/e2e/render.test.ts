import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { defaultVars, jarFiles, listDir, sqlFiles, tempDir, writeConfig, writeDirPackage, writeZipPackage } from '../support/packages.js';
import { runStms } from '../support/run-stms.js';

async function workspace(job: 'j1' | 'j2' = 'j1', vars?: Record<string, unknown>) {
  const dir = await tempDir('stms-render-');
  await writeConfig(dir, { job, ...(vars ? { vars } : {}) });
  return { dir, run: (args: string[]) => runStms(args, { cwd: dir }) };
}

/** Every file of a zip with its text. */
async function unzipAll(file: string): Promise<Record<string, string>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const out: Record<string, string> = {};
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    out[entry.fileName] = Buffer.concat(chunks).toString('utf8');
  }
  zip.close();
  return out;
}

describe('stms render', () => {
  it('with -q still prints the meta.json (the data asked for), so it can be redirected to a file', async () => {
    const ws = await workspace();
    await writeDirPackage(path.join(ws.dir, 'p1-j1'), sqlFiles());
    const { exitCode, stdout } = await ws.run(['-q', 'render', 'p1-j1', '--cluster', 'GZ_UAT']);
    expect(exitCode).toBe(0);
    expect(JSON.parse(stdout).jobName).toBe('j1');
  });

  it('prints the meta.json each cluster receives', async () => {
    const ws = await workspace();
    await writeDirPackage(path.join(ws.dir, 'p1-j1'), sqlFiles());
    const queues: Record<string, string> = {};
    for (const cluster of ['GZ_UAT', 'TJ_UAT', 'SH_DR']) {
      const { exitCode, stdout } = await ws.run(['render', 'p1-j1', '--cluster', cluster]);
      expect(exitCode).toBe(0);
      queues[cluster] = JSON.parse(stdout).jobConfig['wds.linkis.flink.resource']['wds.linkis.rm.yarnqueue'];
      expect(stdout).toContain('\n  "jobName": "j1",\n');
    }
    expect(queues).toEqual({ GZ_UAT: 'dws', TJ_UAT: 'dws_tj', SH_DR: 'dws_sh' });
  });

  it('replaces a whole-value variable with an array, and gives the --json document', async () => {
    const ws = await workspace('j2');
    await writeZipPackage(path.join(ws.dir, 'p1-j2.zip'), jarFiles());
    const { exitCode, json } = await ws.run(['render', 'p1-j2.zip', '--cluster', 'TJ_UAT', '--json']);
    expect(exitCode).toBe(0);
    expect(json).toMatchObject({ ok: true, cluster: 'TJ_UAT' });
    expect(json.meta.jobContent.args).toEqual(['--kafka.topic', 't_tj']);
    expect(json.out).toBeUndefined();
  });

  it('writes the per-cluster zip with --out: meta.json rendered, every other file as it was', async () => {
    const ws = await workspace('j2');
    await writeZipPackage(path.join(ws.dir, 'p1-j2.zip'), jarFiles());
    const { exitCode, json } = await ws.run(['render', 'p1-j2.zip', '--cluster', 'GZ_UAT', '--out', 'p1-j2-GZ_UAT.zip', '--json']);
    expect(exitCode).toBe(0);
    const out = path.join(ws.dir, 'p1-j2-GZ_UAT.zip');
    expect(json).toMatchObject({ ok: true, cluster: 'GZ_UAT', out });
    expect(json.md5).toBe(createHash('md5').update(await readFile(out)).digest('hex'));
    const inside = await unzipAll(out);
    expect(Object.keys(inside)).toEqual(['app-0.1.3.jar', 'dep.jar', 'meta.json']);
    expect(JSON.parse(inside['meta.json'] as string)).toEqual(json.meta);
    expect(JSON.parse(inside['meta.json'] as string).jobContent.args).toEqual(['--kafka.topic', 't_gz']);
    expect(inside['dep.jar']).toBe(jarFiles()['dep.jar']?.toString());

    // The same package rendered from its folder gives the same bytes.
    await writeDirPackage(path.join(ws.dir, 'p1-j2'), jarFiles());
    const fromDir = await ws.run(['render', 'p1-j2', '--cluster', 'GZ_UAT', '--out', 'again.zip', '--json']);
    expect(fromDir.json.md5).toBe(json.md5);
  });

  it('exits 3 listing the problems of that cluster', async () => {
    const vars = defaultVars();
    delete vars.idc?.SH;
    const ws = await workspace('j1', vars);
    await writeDirPackage(path.join(ws.dir, 'p1-j1'), sqlFiles());
    expect((await ws.run(['render', 'p1-j1', '--cluster', 'GZ_UAT'])).exitCode).toBe(0);
    const { exitCode, stdout, stderr, json } = await ws.run(['render', 'p1-j1', '--cluster', 'SH_DR', '--out', 'x.zip', '--json']);
    expect(exitCode).toBe(3);
    expect(json).toMatchObject({ ok: false, cluster: 'SH_DR', error: { code: 'PACKAGE_INVALID' } });
    expect(json.problems).toEqual([expect.objectContaining({ code: 'META_VARIABLE_UNRESOLVED', cluster: 'SH_DR' })]);
    expect(stderr).toContain('cannot be rendered for SH_DR');
    expect(stdout).not.toContain('jobName');
  });

  it('exits 3 when the package itself is broken', async () => {
    const ws = await workspace();
    await writeFile(path.join(ws.dir, 'p1-j1.zip'), 'not a zip');
    const { exitCode, stderr } = await ws.run(['render', 'p1-j1.zip', '--cluster', 'GZ_UAT']);
    expect(exitCode).toBe(3);
    expect(stderr).toContain('NOT_A_ZIP');
  });

  it('refuses an unknown cluster and a missing config with exit 2', async () => {
    const ws = await workspace();
    await writeDirPackage(path.join(ws.dir, 'p1-j1'), sqlFiles());
    const unknown = await ws.run(['render', 'p1-j1', '--cluster', 'BJ_UAT']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('unknown cluster BJ_UAT in --cluster');
    expect(unknown.stderr).toContain('GZ_UAT, TJ_UAT, SH_DR');

    const bare = await tempDir('stms-render-noconfig-');
    await writeDirPackage(path.join(bare, 'p1-j1'), sqlFiles());
    const noConfig = await runStms(['render', 'p1-j1', '--cluster', 'GZ_UAT'], { cwd: bare });
    expect(noConfig.exitCode).toBe(2);
    expect(noConfig.stderr).toContain('no stms config found');

    const badOut = await ws.run(['render', 'p1-j1', '--cluster', 'GZ_UAT', '--out', 'x.zip.zip']);
    expect(badOut.exitCode).toBe(2);
  });

  it('refuses an --out that would replace the package or land inside its folder (exit 2), leaving both as they were; creates a missing folder', async () => {
    const ws = await workspace();
    const zip = await writeZipPackage(path.join(ws.dir, 'p1-j1.zip'), sqlFiles());
    const dir = await writeDirPackage(path.join(ws.dir, 'p1-j1'), sqlFiles());
    const md5 = async () => createHash('md5').update(await readFile(zip)).digest('hex');
    const before = await md5();

    const same = await ws.run(['render', 'p1-j1.zip', '--cluster', 'GZ_UAT', '--out', '../' + path.basename(ws.dir) + '/p1-j1.zip', '--json']);
    expect(same.exitCode).toBe(2);
    expect(same.json.error).toMatchObject({ code: 'USAGE' });
    expect(same.json.error.message).toContain('is the package itself');
    expect(await md5()).toBe(before);

    const inside = await ws.run(['render', 'p1-j1', '--cluster', 'GZ_UAT', '--out', 'p1-j1/gz.zip']);
    expect(inside.exitCode).toBe(2);
    expect(inside.stderr).toContain('inside the package folder');
    expect(await listDir(dir)).toEqual(['job.sql', 'meta.json']);

    const nested = await ws.run(['render', 'p1-j1.zip', '--cluster', 'TJ_UAT', '--out', 'out/TJ/p1-j1.zip', '--json']);
    expect(nested.exitCode).toBe(0);
    expect(nested.json.out).toBe(path.join(ws.dir, 'out', 'TJ', 'p1-j1.zip'));
  });

  it('has --help with examples', async () => {
    const { exitCode, stdout } = await runStms(['render', '--help']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Examples:');
  });
});
