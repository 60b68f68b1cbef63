import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { StmsError } from '../../../src/errors.js';
import { renderedZipPlan, writeRenderedZip } from '../../../src/package/render-zip.js';
import { planZip, writeZip, type ZipSource } from '../../../src/package/stored-zip.js';
import { md5CheckedZip } from '../../../src/package/zip-check.js';
import { buildZip } from '../../support/zip-writer.js';

/** Every entry's text, read back with yauzl (an independent reader, inflating as it must). */
async function contents(file: string): Promise<Record<string, string>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const out: Record<string, string> = {};
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(error);
        const parts: Buffer[] = [];
        stream.on('data', (c: Buffer) => parts.push(c));
        stream.on('end', () => {
          out[entry.fileName] = Buffer.concat(parts).toString('utf8');
          zip.readEntry();
        });
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return out;
}

describe('rendered zips', () => {
  it('come out the same from a deflated zip and from a folder, with meta.json replaced, and the planned size is exact', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-stored-'));
    const folder = path.join(dir, 'pkg');
    await import('node:fs/promises').then((fs) => fs.mkdir(folder));
    const files = { 'meta.json': '{"old":true}', 'job.sql': 'SELECT 1;\n'.repeat(5000), 'b.txt': 'bee' };
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(folder, name), text);
    const zipFile = path.join(dir, 'pkg.zip');
    await writeFile(zipFile, buildZip(Object.entries(files).map(([name, data]) => ({ name, data, method: 'deflate' as const }))));

    const meta = '{\n  "new": true\n}\n';
    const fromZip = await writeRenderedZip(zipFile, meta, path.join(dir, 'from-zip.zip'));
    const fromDir = await writeRenderedZip(folder, meta, path.join(dir, 'from-dir.zip'));
    expect(fromZip.md5).toBe(fromDir.md5);
    expect(await readFile(fromZip.path)).toEqual(await readFile(fromDir.path));
    expect(await contents(fromZip.path)).toEqual({ ...files, 'meta.json': meta });
    const plan = await renderedZipPlan(zipFile, meta);
    expect(plan.size).toBe(fromZip.size);
    let streamed = 0;
    for await (const chunk of plan.chunks()) streamed += chunk.length;
    expect(streamed).toBe(plan.size);
  });
});

describe('a rendered zip whose content comes from elsewhere', () => {
  async function bytesOf(plan: Awaited<ReturnType<typeof renderedZipPlan>>): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const chunk of plan.chunks()) parts.push(chunk);
    return Buffer.concat(parts);
  }

  it('takes the declared CRC for what it is handed, the same bytes as when it reads the zip itself', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-render-'));
    const zipFile = path.join(dir, 'pkg.zip');
    await writeFile(zipFile, buildZip([{ name: 'meta.json', data: '{}' }, { name: 'a.jar', data: 'jar'.repeat(1000) }, { name: 'z.bin', data: 'zz', method: 'deflate' }]));
    const meta = '{\n  "new": true\n}\n';
    // The content read alone (what the shared read's router falls back to for an entry it dropped).
    const routed = await renderedZipPlan(zipFile, meta, { content: (_name, own) => ({ [Symbol.asyncIterator]: async function* () { yield* await own(); } }) });
    expect(await bytesOf(routed)).toEqual(await bytesOf(await renderedZipPlan(zipFile, meta)));
  });

  it('refuses an entry read alone whose data does not have its declared CRC (its size unchanged)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-render-'));
    const zipFile = path.join(dir, 'pkg.zip');
    const zip = buildZip([{ name: 'a.jar', data: 'jar'.repeat(1000) }, { name: 'meta.json', data: '{}' }]);
    // The first byte of a.jar's stored data (after its 30-byte local header and 5-byte name).
    zip.writeUInt8(zip.readUInt8(30 + 5) ^ 0xff, 30 + 5);
    await writeFile(zipFile, zip);
    const routed = await renderedZipPlan(zipFile, '{}\n', { content: (_name, own) => ({ [Symbol.asyncIterator]: async function* () { yield* await own(); } }) });
    const error = await bytesOf(routed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StmsError);
    expect((error as StmsError).code).toBe('PACKAGE_INVALID');
    expect((error as Error).message).toMatch(/^a\.jar: its data has CRC-32 [0-9a-f]{8}, not the [0-9a-f]{8} its zip declares/);
  });
});

describe('the zip writer', () => {
  const source = (name: string, size: number, chunks: Buffer[], crc32?: number): ZipSource => ({ name, size, ...(crc32 === undefined ? {} : { crc32 }), open: () => chunks });

  async function drain(sources: ZipSource[]): Promise<{ sent: number; error: unknown }> {
    let sent = 0;
    try {
      for await (const chunk of planZip(sources).chunks()) sent += chunk.length;
    } catch (error) {
      return { sent, error };
    }
    return { sent, error: undefined };
  }

  it('stops before the bytes past an entry\'s declared size go out', async () => {
    const sources = [source('a.bin', 4, [Buffer.from('1234'), Buffer.from('5678')])];
    const plan = planZip(sources);
    const { sent, error } = await drain(sources);
    expect(error).toBeInstanceOf(StmsError);
    expect((error as StmsError).code).toBe('PACKAGE_INVALID');
    expect((error as Error).message).toContain('a.bin: read more than its 4 bytes');
    expect(sent).toBeLessThan(plan.size);
    expect(sent).toBe(30 + 5 + 4);
  });

  it('refuses an entry shorter than declared, and one whose data does not match the CRC it came with', async () => {
    expect(((await drain([source('a.bin', 9, [Buffer.from('1234')])])).error as Error).message).toContain('a.bin: read 4 bytes, not 9');
    const { error } = await drain([source('a.bin', 4, [Buffer.from('1234')], 0x12345678)]);
    expect((error as Error).message).toMatch(/a\.bin: its data has CRC-32 [0-9a-f]{8}, not the 12345678 its zip declares/);
  });

  it('writes exactly the planned size', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-writer-'));
    const plan = planZip([source('b', 3, [Buffer.from('abc')]), source('a', 0, [])]);
    const written = await writeZip(plan, path.join(dir, 'out.zip'));
    expect(written.size).toBe(plan.size);
    expect(written.md5).toBe(createHash('md5').update(await readFile(written.path)).digest('hex'));
    expect(Object.keys(await contents(written.path))).toEqual(['a', 'b']);
  });
});

describe('md5CheckedZip', () => {
  it('is the md5 of the file when every entry matches its declaration', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-check-'));
    const file = path.join(dir, 'ok.zip');
    const zip = buildZip([
      { name: 'a.txt', data: 'x'.repeat(3_000_000), method: 'deflate' },
      { name: 'b.txt', data: 'stored' },
    ]);
    await writeFile(file, zip);
    expect(await md5CheckedZip(file)).toBe(createHash('md5').update(zip).digest('hex'));
  });

  it('refuses a deflated entry that holds less than it declares, and damaged deflate data', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-check-'));
    const short = path.join(dir, 'short.zip');
    await writeFile(short, buildZip([{ name: 'a.txt', data: 'hello hello hello', method: 'deflate', declaredSize: 40 }]));
    await expect(md5CheckedZip(short)).rejects.toThrow('a.txt: it holds 17 bytes, not the 40 its zip declares');
    const damaged = buildZip([{ name: 'a.txt', data: 'hello '.repeat(100), method: 'deflate' }]);
    damaged.writeUInt8(damaged.readUInt8(30 + 5) ^ 0xff, 30 + 5);
    const file = path.join(dir, 'damaged.zip');
    await writeFile(file, damaged);
    await expect(md5CheckedZip(file)).rejects.toThrow(/a\.txt: /);
  });
});
