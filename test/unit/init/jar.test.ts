import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { placeholderJar } from '../../../src/init/jar.js';
import { zipBytes as storedZip } from '../../../src/package/stored-zip.js';

async function readZip(buffer: Buffer): Promise<Map<string, string>> {
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true });
  const entries = new Map<string, string>();
  try {
    for await (const entry of zip.eachEntry()) {
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      entries.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
    }
  } finally {
    zip.close();
  }
  return entries;
}

describe('placeholderJar', () => {
  it('is a zip whose manifest names the main class', async () => {
    const entries = await readZip(placeholderJar('com.example.stream.StreamApp'));
    expect([...entries.keys()]).toEqual(['META-INF/MANIFEST.MF']);
    const manifest = entries.get('META-INF/MANIFEST.MF') ?? '';
    expect(manifest.startsWith('Manifest-Version: 1.0\r\n')).toBe(true);
    expect(manifest).toContain('Main-Class: com.example.stream.StreamApp\r\n');
    expect(manifest.endsWith('\r\n')).toBe(true);
  });

  it('is the same bytes every time (no clock in it)', () => {
    expect(placeholderJar('a.B').equals(placeholderJar('a.B'))).toBe(true);
    expect(placeholderJar('a.B').equals(placeholderJar('a.C'))).toBe(false);
  });
});

describe('storedZip', () => {
  it('round-trips several entries with their content (CRCs checked by the reader)', async () => {
    const zip = storedZip([
      { name: 'a.txt', data: Buffer.from('alpha') },
      { name: 'dir/b.txt', data: Buffer.from('') },
      { name: 'c.bin', data: Buffer.from([0, 1, 2, 255]) },
    ]);
    const entries = await readZip(zip);
    expect([...entries.keys()]).toEqual(['a.txt', 'dir/b.txt', 'c.bin']);
    expect(entries.get('a.txt')).toBe('alpha');
    expect(entries.get('dir/b.txt')).toBe('');
  });
});
