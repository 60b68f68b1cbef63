import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newJournal } from '../../../src/release/journal-model.js';
import { JournalWriter, listJournals, readJournal } from '../../../src/release/journal-store.js';

const make = (releaseId: string) =>
  newJournal({
    releaseId,
    createdAt: new Date('2026-11-21T10:35:12Z'),
    package: { path: '/w/p.zip', md5: 'f'.repeat(32), name: 'p.zip' },
    policy: 'doubleWithBak',
    project: 'p1',
    job: 'j1',
    targets: ['GZ_UAT', 'TJ_UAT', 'SH_DR'],
    deployUser: 'alexyang',
  });

describe('JournalWriter', () => {
  it('applies outcomes that arrive together one after the other, none lost', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-journal-'));
    const writer = new JournalWriter(dir, make('20261121-103512-ab12cd'), () => new Date('2026-11-21T10:40:00Z'));
    await writer.flush();
    await Promise.all([
      writer.record('GZ_UAT', { outcome: 'uploaded', jobId: 1, version: 'v00001' }),
      writer.record('TJ_UAT', { outcome: 'failed', error: 'HTTP 503' }),
      writer.record('SH_DR', { outcome: 'unchanged', jobId: 9, version: 'v00004' }),
    ]);
    const onDisk = JSON.parse(await readFile(writer.file, 'utf8'));
    expect(onDisk.clusters).toEqual({
      GZ_UAT: { outcome: 'uploaded', jobId: 1, version: 'v00001', at: '2026-11-21T10:40:00.000Z' },
      TJ_UAT: { outcome: 'failed', error: 'HTTP 503', at: '2026-11-21T10:40:00.000Z' },
      SH_DR: { outcome: 'unchanged', jobId: 9, version: 'v00004', at: '2026-11-21T10:40:00.000Z' },
    });
    expect(await readJournal(dir, '20261121-103512-ab12cd')).toEqual(onDisk);
  });
});

describe('listJournals', () => {
  it('newest first, ignoring other files, reporting damaged journals', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-journal-'));
    expect(await listJournals(dir)).toEqual({ journals: [], unreadable: [] });
    for (const id of ['20261121-103512-aaaa', '20261122-090000-bbbb', '20251231-235959-cccc']) {
      const writer = new JournalWriter(dir, make(id), () => new Date());
      await writer.flush();
    }
    await writeFile(path.join(dir, 'releases', 'notes.txt'), 'x');
    await writeFile(path.join(dir, 'releases', '20261123-000000-dddd.json'), '{"releaseId": 3}');
    await mkdir(path.join(dir, 'releases', 'sub'), { recursive: true });
    const listing = await listJournals(dir);
    expect(listing.journals.map((j) => j.releaseId)).toEqual(['20261122-090000-bbbb', '20261121-103512-aaaa', '20251231-235959-cccc']);
    expect(listing.unreadable).toHaveLength(1);
    expect(listing.unreadable[0]?.reason).toContain('not a release journal (releaseId:');
  });
});

describe('readJournal', () => {
  it('a damaged journal is a local-state error (exit 9) naming the file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-journal-'));
    await mkdir(path.join(dir, 'releases'), { recursive: true });
    const file = path.join(dir, 'releases', '20261121-103512-abcd.json');
    await writeFile(file, '{"releaseId":');
    await expect(readJournal(dir, '20261121-103512-abcd')).rejects.toMatchObject({ code: 'LOCAL_STATE', message: expect.stringContaining(`${file}: not a release journal (not JSON`) });
    await writeFile(file, JSON.stringify({ ...make('20261121-103512-abcd'), policy: 'Double' }));
    await expect(readJournal(dir, '20261121-103512-abcd')).rejects.toMatchObject({ code: 'LOCAL_STATE', message: expect.stringContaining('policy:') });
  });
});
