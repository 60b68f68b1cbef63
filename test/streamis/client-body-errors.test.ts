import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteError, StmsError } from '../../src/errors.js';
import { startSandbox, type Sandbox, type SandboxClusterHandle } from '../../src/sandbox/index.js';
import type { StreamisClient } from '../../src/streamis/client.js';
import type { GeneratedFile } from '../../src/streamis/upload-body.js';
import { clientFor, failure, source, writePackage } from './helpers.js';

// A body that fails on our side while it streams (the package changed, a CRC did not match, the
// late source record could not be made) is our error, not the network's: the upload ends with
// that StmsError, the server stores nothing, and the connection pool stays usable.
describe('Streamis client: an upload body that fails on our side', () => {
  let dir: string;
  let sandbox: Sandbox;
  let handle: SandboxClusterHandle;
  let gz: StreamisClient;
  let zip: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stms-client-body-'));
    sandbox = await startSandbox({ dir: path.join(dir, 'sandbox') });
    handle = sandbox.clusters.GZ_UAT!;
    gz = clientFor(handle);
    zip = await readFile(await writePackage(dir, 'p1_j1.zip', { projectName: 'p1', jobName: 'j1' }));
  });
  afterAll(async () => {
    await gz?.close();
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The package's bytes, then `tail` decides what happens after the first 8 MiB of padding went out. */
  function generated(size: number, tail: () => AsyncGenerator<Buffer>): GeneratedFile {
    return {
      size,
      async *chunks() {
        const pad = Buffer.alloc(1 << 20);
        for (let i = 0; i < 8; i++) yield pad;
        yield* tail();
      },
    };
  }

  async function expectOurError(upload: Promise<unknown>, message: RegExp): Promise<void> {
    const versions = () => handle.jobs().flatMap((j) => j.versions).length;
    const versionsBefore = versions();
    const error = await failure(upload);
    expect(error).toBeInstanceOf(StmsError);
    expect(error).not.toBeInstanceOf(RemoteError);
    expect(error.message).toMatch(message);
    expect(versions()).toBe(versionsBefore);
    // The same client still talks to the server.
    expect((await gz.haMessage()).whetherManager).toBe(true);
  }

  it('a package that is shorter than announced', async () => {
    const file = generated(16 << 20, async function* () {
      yield zip;
    });
    await expectOurError(gz.upload({ file, fileName: 'p1_j1.zip', projectName: 'p1', source: source() }), /changed size while it was being uploaded \(16777216 → \d+ bytes\)/);
  });

  it('a check that fails in the middle of the bytes', async () => {
    const file = generated(16 << 20, async function* () {
      yield Buffer.alloc(0);
      throw new StmsError('PACKAGE_INVALID', 'job.sql: its data has CRC-32 00000000, not the 12345678 its zip declares');
    });
    await expectOurError(gz.upload({ file, fileName: 'p1_j1.zip', projectName: 'p1', source: source() }), /its data has CRC-32 00000000/);
  });

  it('a late source record that cannot be made', async () => {
    const file = generated(8 << 20, async function* () {});
    const late = {
      sameLengthAs: JSON.stringify(source()),
      value: () => Promise.reject(new StmsError('INTERNAL', 'the md5 of the bytes sent is not known')),
    };
    await expectOurError(gz.upload({ file, fileName: 'p1_j1.zip', projectName: 'p1', source: late }), /md5 of the bytes sent is not known/);
  });
});
