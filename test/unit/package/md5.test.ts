import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { md5File } from '../../../src/package/md5.js';

describe('md5File', () => {
  it('hashes a file spanning several reads exactly like a one-shot hash', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-md5-'));
    for (const size of [0, 1, 1024 * 1024, 1024 * 1024 + 1, Math.round(2.5 * 1024 * 1024)]) {
      const data = Buffer.alloc(size, 0);
      for (let i = 0; i < size; i += 997) data[i] = i % 251;
      const file = path.join(dir, `f${size}`);
      await writeFile(file, data);
      expect(await md5File(file)).toBe(createHash('md5').update(data).digest('hex'));
    }
  });

  it('stops when the signal is aborted', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-md5-'));
    const file = path.join(dir, 'f');
    await writeFile(file, Buffer.alloc(3 * 1024 * 1024));
    await expect(md5File(file, AbortSignal.abort())).rejects.toThrow();
  });
});

describe('md5FileSync', () => {
  it('agrees with md5File', async () => {
    const { md5FileSync } = await import('../../../src/package/md5.js');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-md5-'));
    const file = path.join(dir, 'f');
    await writeFile(file, Buffer.alloc(1024 * 1024 * 2 + 7, 3));
    expect(md5FileSync(file)).toBe(await md5File(file));
  });
});
