import { randomBytes } from 'node:crypto';
import { cp, readFile, utimes, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packDirectory } from '../../src/package/pack.js';
import { zipBytes } from '../../src/package/stored-zip.js';
import { sqlFiles, writeDirPackage, writeZipPackage } from '../support/packages.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { buildZip } from '../support/zip-writer.js';
import { journalFiles, latestSource, md5Of, policyMeta, readJournalFile, uploadCalls, versionsOn } from './release-support.js';

/**
 * The bytes stms writes and sends. One writer, one layout: the same folder gives the md5 pinned in
 * test/unit/package/pack-layout.test.ts from `pack`, from `release` (source record and uploaded
 * bytes) and from `render --out`. And a zip whose entries lie about their data is refused before
 * any cluster gets a version.
 */

const FIXTURE = fileURLToPath(new URL('../fixtures/pack-layout', import.meta.url));
const PINNED_MD5 = '4c81cfb2a24a225c4d6a9514bcc7e10e';

let f: SandboxFixture;
beforeAll(async () => {
  f = await startSandboxFixture();
});
afterAll(async () => {
  await f.close();
});

describe('one zip layout', () => {
  it('pack, release and render --out of a folder without variables all give the pinned md5', async () => {
    await cp(FIXTURE, path.join(f.dir, 'p1-j1'), { recursive: true });
    const packed = await f.run(['pack', 'p1-j1', '-o', 'packed.zip', '--json']);
    expect(packed.exitCode).toBe(0);
    expect(packed.json.md5).toBe(PINNED_MD5);

    const rendered = await f.run(['render', 'p1-j1', '--cluster', 'GZ_UAT', '--out', 'rendered.zip', '--json']);
    expect(rendered.exitCode).toBe(0);
    expect(rendered.json.md5).toBe(PINNED_MD5);
    expect(await md5Of(path.join(f.dir, 'rendered.zip'))).toBe(PINNED_MD5);
    // A zip without variables is sent as given, so render --out copies it.
    const copied = await f.run(['render', 'packed.zip', '--cluster', 'GZ_UAT', '--out', 'rendered-from-zip.zip', '--json']);
    expect(copied.exitCode).toBe(0);
    expect(copied.json.md5).toBe(PINNED_MD5);

    await f.register([{ projectName: 'p1', jobName: 'j1', haPolicy: 'double', clusters: ['GZ_UAT', 'TJ_UAT'] }]);
    const released = await f.run(['release', 'p1-j1', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(released.exitCode).toBe(0);
    expect(released.json.md5).toBe(PINNED_MD5);
    for (const cluster of [f.gz, f.tj]) {
      expect(latestSource(cluster, 'j1')).toMatchObject({ md5: PINNED_MD5 });
      // The sandbox hashes the bytes it stored: what was uploaded, not what was announced.
      expect(cluster.jobs().find((j) => j.name === 'j1')?.versions.at(-1)?.md5).toBe(PINNED_MD5);
    }
  });

  it('a rendered zip is the pack of the folder holding the rendered meta.json, and release uploads those bytes', async () => {
    await f.register([{ projectName: 'p1', jobName: 'j_var', haPolicy: 'single', clusters: ['GZ_UAT'] }]);
    const files = { ...sqlFiles(policyMeta('j_var', 'single')), 'a-first.txt': 'before meta.json\n', 'z-last.txt': 'after meta.json\n' };
    await writeDirPackage(path.join(f.dir, 'p1-j_var'), files);
    const rendered = await f.run(['render', 'p1-j_var', '--cluster', 'GZ_UAT', '--out', 'var-gz.zip', '--json']);
    expect(rendered.exitCode).toBe(0);
    expect(rendered.json.meta.jobConfig['wds.linkis.flink.resource']['wds.linkis.rm.yarnqueue']).not.toMatch(/\[@/);

    // The same files with that cluster's meta.json, packed (by the library: `stms pack` refuses a
    // literal queue): byte for byte the rendered zip.
    const folder = await writeDirPackage(path.join(f.dir, 'p1-j_var-gz'), { ...files, 'meta.json': `${JSON.stringify(rendered.json.meta, null, 2)}\n` });
    const packed = await packDirectory(folder, path.join(f.dir, 'var-packed.zip'));
    expect(packed.md5).toBe(rendered.json.md5);
    expect(await readFile(path.join(f.dir, 'var-gz.zip'))).toEqual(await readFile(packed.path));

    const released = await f.run(['release', 'p1-j_var', '--clusters', 'GZ_UAT', '--json']);
    expect(released.exitCode).toBe(0);
    expect(released.json.clusters.GZ_UAT.renderedMd5).toBe(rendered.json.md5);
    expect(f.gz.jobs().find((j) => j.name === 'j_var')?.versions.at(-1)?.md5).toBe(rendered.json.md5);
  });
});

describe('plan, then release', () => {
  it('plan computes each cluster zip md5 ahead; the release after it sends those very bytes and records them', async () => {
    await f.register([{ projectName: 'p1', jobName: 'j_ahead', haPolicy: 'double', clusters: ['GZ_UAT', 'TJ_UAT'] }]);
    const zip = await writeZipPackage(path.join(f.dir, 'p1-j_ahead.zip'), { ...sqlFiles(policyMeta('j_ahead', 'double')), 'z-after-meta.bin': randomBytes(2 << 20) });
    // The md5 cache takes only a file that has not changed for a second.
    const past = Date.now() / 1000 - 60;
    await utimes(zip, past, past);
    await sleep(1100);

    const planned = await f.run(['plan', 'p1-j_ahead.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(planned.exitCode).toBe(0);
    const cache = JSON.parse(await readFile(path.join(f.stateDir, 'md5-cache.json'), 'utf8'));
    // Keyed by the package's md5 (and the meta.json's): other packages' zips are in it too.
    const packageMd5 = await md5Of(zip);
    const ahead = Object.entries(cache.rendered ?? {}).filter(([key]) => key.includes(packageMd5)).map(([, md5]) => md5);
    // Each IDC has its own queue: two rendered zips, two md5s, both known before the release.
    expect(ahead).toHaveLength(2);

    const released = await f.run(['release', 'p1-j_ahead.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(released.exitCode).toBe(0);
    expect(released.json.md5).toBe(packageMd5);
    for (const [name, cluster] of [['GZ_UAT', f.gz], ['TJ_UAT', f.tj]] as const) {
      const recorded = released.json.clusters[name].renderedMd5;
      expect(ahead).toContain(recorded);
      // What the sandbox stored hashes to what was recorded: the bytes sent are the bytes named.
      expect(cluster.jobs().find((j) => j.name === 'j_ahead')?.versions.at(-1)?.md5).toBe(recorded);
      const rendered = await f.run(['render', 'p1-j_ahead.zip', '--cluster', name, '--out', `ahead-${name}.zip`, '--json']);
      expect(rendered.json.md5).toBe(recorded);
    }
    const journal = await readJournalFile(f, released.json.releaseId);
    expect(journal.json.clusters.GZ_UAT.renderedMd5).toBe(released.json.clusters.GZ_UAT.renderedMd5);
  });
});

describe('a zip whose entries lie is refused before any version is created (exit 3)', () => {
  /**
   * validate says why; release checks the entries while it sends them and stops each upload before
   * its body is complete (at most one unfinished call per cluster, never retried): no cluster
   * holds a version, no journal is written.
   */
  async function expectRefused(zipName: string, job: string, why: RegExp) {
    const validated = await f.run(['validate', zipName, '--json']);
    expect(validated.exitCode).toBe(3);
    expect(validated.json).toMatchObject({ ok: false, error: { code: 'PACKAGE_INVALID' } });
    expect(validated.json.problems.find((p: { code: string }) => p.code === 'ZIP_CORRUPT')?.message).toMatch(why);

    // plan reads the whole package ahead of a release (its md5s): it refuses it the same way.
    const planned = await f.run(['plan', zipName, '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(planned.exitCode).toBe(3);
    expect(planned.json).toMatchObject({ ok: false, error: { code: 'PACKAGE_INVALID' } });
    expect(planned.json.error.message).toMatch(why);

    const uploadsBefore = uploadCalls(f);
    const journalsBefore = await journalFiles(f);
    const started = Date.now();
    const released = await f.run(['release', zipName, '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(released.exitCode).toBe(3);
    expect(released.json).toMatchObject({ ok: false, error: { code: 'PACKAGE_INVALID' } });
    expect(released.json.error.message).toMatch(why);
    // Refused at once, not after retried uploads.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(uploadCalls(f) - uploadsBefore).toBeLessThanOrEqual(2);
    for (const cluster of Object.values(f.clusters)) expect(versionsOn(cluster, job)).toBe(0);
    expect(await journalFiles(f)).toEqual(journalsBefore);
    expect(f.leakedTokens(released.stdout + released.stderr)).toEqual([]);
    return released;
  }

  it('an entry whose CRC-32 does not match its data', async () => {
    await f.register([{ projectName: 'p1', jobName: 'j_crc', haPolicy: 'double', clusters: ['GZ_UAT', 'TJ_UAT'] }]);
    // No variable: before, the zip was uploaded as given to both clusters.
    const meta = policyMeta('j_crc', 'double') as any;
    delete meta.jobConfig['wds.linkis.flink.resource']['wds.linkis.rm.yarnqueue'];
    const files = sqlFiles(meta);
    const zip = zipBytes([
      { name: 'job.sql', data: Buffer.from(files['job.sql'] as string) },
      { name: 'meta.json', data: Buffer.from(files['meta.json'] as string) },
    ]);
    // The first entry's data starts after its 30-byte header and its 7-byte name.
    const flipped = 30 + 'job.sql'.length + 3;
    zip.writeUInt8(zip.readUInt8(flipped) ^ 0x20, flipped);
    await writeFile(path.join(f.dir, 'j_crc.zip'), zip);
    await expectRefused('j_crc.zip', 'j_crc', /job\.sql: its data has CRC-32 [0-9a-f]{8}, not the [0-9a-f]{8} its zip declares/);
    // render --out would copy the zip as given (no variable): it refuses it instead.
    const rendered = await f.run(['render', 'j_crc.zip', '--cluster', 'GZ_UAT', '--out', 'crc-gz.zip', '--json']);
    expect(rendered.exitCode).toBe(3);
    expect(rendered.json.error).toMatchObject({ code: 'PACKAGE_INVALID' });
    expect(rendered.json.error.message).toMatch(/job\.sql: its data has CRC-32/);
    await expect(readFile(path.join(f.dir, 'crc-gz.zip'))).rejects.toThrow(/ENOENT/);
  });

  it('an entry that inflates to more than its declared size', async () => {
    await f.register([{ projectName: 'p1', jobName: 'j_big', haPolicy: 'double', clusters: ['GZ_UAT', 'TJ_UAT'] }]);
    // With a variable, so each cluster gets a rendered zip: before, its body outgrew the size
    // announced for the upload, and every upload failed and was retried.
    const files = sqlFiles(policyMeta('j_big', 'double'));
    const sql = `${'INSERT INTO sums SELECT id, SUM(x) FROM orders GROUP BY id;\n'.repeat(200)}`;
    const zip = buildZip([
      { name: 'meta.json', data: files['meta.json'] as string, method: 'deflate' },
      { name: 'job.sql', data: sql, method: 'deflate', declaredSize: sql.length - 100 },
    ]);
    await writeFile(path.join(f.dir, 'j_big.zip'), zip);
    await expectRefused('j_big.zip', 'j_big', /job\.sql: it inflates to more than the \d+ bytes its zip declares/);
  });
});
