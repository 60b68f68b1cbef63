import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { jarFiles, listDir, sqlFiles, tempDir, writeConfig, writeDirPackage, type PackageFiles } from '../support/packages.js';
import { runStms } from '../support/run-stms.js';

async function workspace(job: 'j1' | 'j2' = 'j1') {
  const dir = await tempDir('stms-pack-');
  await writeConfig(dir, { job });
  return { dir, run: (args: string[]) => runStms(args, { cwd: dir }) };
}

const md5Of = async (file: string) => createHash('md5').update(await readFile(file)).digest('hex');

/** Entries of a zip as another reader sees them: name, time, unix mode, method. */
async function zipEntries(file: string) {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const entries: Array<{ name: string; date: string; mode: number; method: number }> = [];
  for await (const e of zip.eachEntry()) {
    entries.push({ name: e.fileName, date: e.getLastModDate({ timezone: 'UTC' }).toISOString(), mode: (e.externalFileAttributes >>> 16) & 0o7777, method: e.compressionMethod });
  }
  zip.close();
  return entries;
}

const files: PackageFiles = { ...jarFiles(), 'z-last.txt': 'resources come last', 'a-first.properties': 'k=v\n' };

describe('stms pack', () => {
  it('writes <folder>.zip in the current directory and prints path, size and md5', async () => {
    const ws = await workspace();
    await writeDirPackage(path.join(ws.dir, 'p1-j1'), sqlFiles());
    const { exitCode, stdout } = await ws.run(['pack', 'p1-j1']);
    expect(exitCode).toBe(0);
    const zip = path.join(ws.dir, 'p1-j1.zip');
    const size = (await stat(zip)).size;
    expect(stdout).toContain(zip);
    expect(stdout).toContain(`size ${size} bytes`);
    expect(stdout).toContain(`md5  ${await md5Of(zip)}`);
  });

  it('gives the same md5 for the same files, whatever their mtimes or order on disk', async () => {
    const ws = await workspace();
    const names = Object.keys(files);
    const first = path.join(ws.dir, 'one');
    const second = path.join(ws.dir, 'two');
    await mkdir(first);
    await mkdir(second);
    for (const name of names) await writeFile(path.join(first, name), files[name] as string | Buffer);
    for (const name of [...names].reverse()) await writeFile(path.join(second, name), files[name] as string | Buffer);
    for (const name of names) await utimes(path.join(second, name), new Date('2011-03-04T05:06:07Z'), new Date('2011-03-04T05:06:07Z'));

    const a = await ws.run(['pack', 'one', '-o', 'a.zip', '--json']);
    const b = await ws.run(['pack', 'two', '-o', 'b.zip', '--json']);
    const again = await ws.run(['pack', 'one', '-o', 'c.zip', '--json']);
    expect([a.exitCode, b.exitCode, again.exitCode]).toEqual([0, 0, 0]);
    expect(a.json.md5).toMatch(/^[0-9a-f]{32}$/);
    expect(b.json.md5).toBe(a.json.md5);
    expect(again.json.md5).toBe(a.json.md5);
    expect(await md5Of(path.join(ws.dir, 'a.zip'))).toBe(a.json.md5);
    expect(a.json).toMatchObject({ ok: true, path: path.join(ws.dir, 'a.zip'), size: (await stat(path.join(ws.dir, 'a.zip'))).size });

    // A different time zone must not change a byte either.
    const tz = await runStms(['pack', 'one', '-o', 'd.zip', '--json'], { cwd: ws.dir, env: { TZ: 'Asia/Shanghai' } });
    expect(tz.json.md5).toBe(a.json.md5);
  });

  it('writes sorted entries with one fixed time, mode 0644 and no folders, readable by another unzip', async () => {
    const ws = await workspace('j2');
    await writeDirPackage(path.join(ws.dir, 'p1-j2'), files);
    expect((await ws.run(['pack', 'p1-j2'])).exitCode).toBe(0);
    const entries = await zipEntries(path.join(ws.dir, 'p1-j2.zip'));
    expect(entries.map((e) => e.name)).toEqual(['a-first.properties', 'app-0.1.3.jar', 'dep.jar', 'meta.json', 'z-last.txt']);
    for (const e of entries) expect(e).toMatchObject({ date: '1980-01-01T00:00:00.000Z', mode: 0o644, method: 0 });
    const valid = await ws.run(['validate', 'p1-j2.zip', '--json']);
    expect(valid.exitCode).toBe(0);
    expect(valid.json.problems.map((p: { code: string }) => p.code)).toEqual(['FILE_UNREFERENCED', 'FILE_UNREFERENCED']);
    expect(valid.json.package.files).toEqual(['a-first.properties', 'app-0.1.3.jar', 'dep.jar', 'z-last.txt']);
  });

  it('refuses an invalid folder with exit 3 and writes nothing', async () => {
    const ws = await workspace();
    const pkg = await writeDirPackage(path.join(ws.dir, 'p1-j1'), sqlFiles());
    await mkdir(path.join(pkg, 'lib'));
    const before = await listDir(ws.dir);
    const { exitCode, stderr, json } = await ws.run(['pack', 'p1-j1', '--json']);
    expect(exitCode).toBe(3);
    expect(json).toMatchObject({ ok: false, error: { code: 'PACKAGE_INVALID' } });
    expect(json.problems).toEqual([expect.objectContaining({ code: 'ENTRY_NESTED', file: 'lib/' })]);
    expect(stderr).toContain('no zip was written');
    expect(await listDir(ws.dir)).toEqual(before);
  });

  it('resolves variables only for the clusters asked for', async () => {
    const ws = await workspace();
    await writeFile(path.join(ws.dir, 'vars.json'), JSON.stringify({ idc: { GZ: { 'IDC_STREAMISJOBCONF..p1.j1..c4': 'dws' } } }));
    await writeDirPackage(path.join(ws.dir, 'p1-j1'), sqlFiles());
    expect((await ws.run(['pack', 'p1-j1', '-o', 'a.zip'])).exitCode).toBe(0);
    const tj = await ws.run(['pack', 'p1-j1', '-o', 'b.zip', '--clusters', 'TJ_UAT']);
    expect(tj.exitCode).toBe(3);
    expect(tj.stderr).toContain('META_VARIABLE_UNRESOLVED');
    expect(tj.stderr).toContain('cluster TJ_UAT');
  });

  it.each([
    ['a zip instead of a folder', ['pack', 'x.zip'], 'is not a folder'],
    ['an output name the server refuses', ['pack', 'p1-j1', '-o', 'my job.zip'], 'characters the server refuses'],
    ['an output that is not .zip', ['pack', 'p1-j1', '-o', 'p1-j1.tar'], 'does not end in .zip'],
    ['an output inside the package folder', ['pack', 'p1-j1', '-o', 'p1-j1/p1-j1.zip'], 'inside the package folder'],
    ['an output that is a folder', ['pack', 'p1-j1', '-o', 'dir.zip'], 'dir.zip is a folder'],
    ['an output under a file', ['pack', 'p1-j1', '-o', 'x.zip/p1-j1.zip'], 'x.zip cannot be created or written to (EEXIST)'],
  ])('refuses %s with exit 2', async (_label, args, message) => {
    const ws = await workspace();
    await writeDirPackage(path.join(ws.dir, 'p1-j1'), sqlFiles());
    await writeFile(path.join(ws.dir, 'x.zip'), 'x');
    await mkdir(path.join(ws.dir, 'dir.zip'));
    const before = await listDir(path.join(ws.dir, 'p1-j1'));
    const { exitCode, stderr } = await ws.run(args);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(message);
    expect(await listDir(path.join(ws.dir, 'p1-j1'))).toEqual(before);
  });

  it('creates the folder of -o when it is missing (the dist/ of the help example), but not for a package it refuses', async () => {
    const ws = await workspace();
    await writeDirPackage(path.join(ws.dir, 'p1-j1'), sqlFiles());
    const { exitCode, json } = await ws.run(['pack', 'p1-j1', '-o', 'dist/release/p1-j1.zip', '--json']);
    expect(exitCode).toBe(0);
    expect(json.path).toBe(path.join(ws.dir, 'dist', 'release', 'p1-j1.zip'));
    expect(await md5Of(json.path)).toBe(json.md5);

    const bad = await writeDirPackage(path.join(ws.dir, 'bad'), sqlFiles());
    await mkdir(path.join(bad, 'lib'));
    expect((await ws.run(['pack', 'bad', '-o', 'out/bad.zip'])).exitCode).toBe(3);
    expect(await listDir(ws.dir)).not.toContain('out');
  });

  it('refuses a folder whose name the server would refuse as a zip name unless -o names it', async () => {
    const ws = await workspace();
    await writeDirPackage(path.join(ws.dir, 'p1 j1'), sqlFiles());
    const plain = await ws.run(['pack', 'p1 j1']);
    expect(plain.exitCode).toBe(2);
    expect(plain.stderr).toContain('characters the server refuses');
    expect((await ws.run(['pack', 'p1 j1', '-o', 'p1-j1.zip'])).exitCode).toBe(0);
  });

  it('has --help with examples', async () => {
    const { exitCode, stdout } = await runStms(['pack', '--help']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Examples:');
  });
});
