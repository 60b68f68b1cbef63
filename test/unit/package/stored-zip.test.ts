import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import archiver from 'archiver';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { renderedZipPlan, writeRenderedZip } from '../../../src/package/render-zip.js';

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
    const archive = archiver('zip', { zlib: { level: 9 } });
    const out = createWriteStream(zipFile);
    archive.pipe(out);
    for (const [name, text] of Object.entries(files)) archive.append(text, { name });
    await archive.finalize();
    await finished(out);

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
