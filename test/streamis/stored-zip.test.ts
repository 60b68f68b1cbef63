import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferEntry, generatedEntry, writeStoredZip } from '../support/stored-zip.js';

// The 300 MB upload test relies on this writer; make sure real readers accept what it writes.
describe('stored-zip test writer', () => {
  let dir: string;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes a zip that yauzl reads back byte for byte', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stms-zip-'));
    const file = path.join(dir, 'pkg.zip');
    const big = generatedEntry('big.dat', 3 * 1024 * 1024 + 17, 7);
    const expected = createHash('md5');
    for (const chunk of big.chunks() as Iterable<Buffer>) expected.update(chunk);
    await writeStoredZip(file, [bufferEntry('meta.json', '{"a":1}'), big]);

    const seen = await readAll(file);
    expect(Object.keys(seen)).toEqual(['big.dat', 'meta.json']);
    expect(seen['meta.json']).toBe(createHash('md5').update('{"a":1}').digest('hex'));
    expect(seen['big.dat']).toBe(expected.digest('hex'));
  });

  it('writes a zip that Info-ZIP unzip tests clean', async () => {
    let hasUnzip = true;
    try {
      execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    } catch {
      hasUnzip = false;
    }
    if (!hasUnzip) return; // the yauzl test above still guards the format
    const file = path.join(dir, 'pkg.zip');
    expect(execFileSync('unzip', ['-t', file]).toString()).toMatch(/No errors detected/);
  });
});

function readAll(file: string): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const out: Record<string, string> = {};
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err);
          const hash = createHash('md5');
          stream.on('data', (c: Buffer) => hash.update(c));
          stream.on('end', () => {
            out[entry.fileName] = hash.digest('hex');
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
