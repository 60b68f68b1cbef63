import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newJournal } from '../../../src/release/journal-model.js';
import { journalsOf, JournalWriter, listJournals, readJournal, scanJournals } from '../../../src/release/journal-store.js';

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
    await writeFile(path.join(dir, 'releases', '20261124-000000-eeee.json'), '{"releaseId":');
    await mkdir(path.join(dir, 'releases', 'sub'), { recursive: true });
    const listing = await listJournals(dir);
    expect(listing.journals.map((j) => j.releaseId)).toEqual(['20261122-090000-bbbb', '20261121-103512-aaaa', '20251231-235959-cccc']);
    expect(listing.unreadable.map((u) => [path.basename(u.file), u.reason.replace(/^.*: not a release journal \((\w+).*$/, '$1')])).toEqual([
      ['20261123-000000-dddd.json', 'releaseId'],
      ['20261124-000000-eeee.json', 'not'],
    ]);
  });

  it('checks only the journals a caller wants, by their JSON; a folder of many is read whole', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-journal-'));
    // More files than one turn of the event loop reads.
    const ids = Array.from({ length: 300 }, (_, i) => `20261121-10${String(Math.floor(i / 60)).padStart(2, '0')}${String(i % 60).padStart(2, '0')}-n${String(i).padStart(3, '0')}`);
    for (const id of ids) await new JournalWriter(dir, { ...make(id), job: id.endsWith('7') ? 'j7' : 'j1' }, () => new Date()).flush();
    await writeFile(path.join(dir, 'releases', '20261123-000000-dddd.json'), '{"releaseId": 3, "job": "j7"}');
    await writeFile(path.join(dir, 'releases', '20261123-000000-eeee.json'), '{"releaseId": 3, "job": "j1"}');
    const scan = await scanJournals(dir);
    expect(scan.files).toHaveLength(302);
    const listing = journalsOf(scan, (json) => (json as { job?: unknown }).job === 'j7');
    expect(listing.journals.map((j) => j.releaseId).sort()).toEqual(ids.filter((id) => id.endsWith('7')));
    expect(listing.unreadable.map((u) => path.basename(u.file))).toEqual(['20261123-000000-dddd.json']);
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
