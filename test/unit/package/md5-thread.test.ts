import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { InterruptedError, StmsError } from '../../../src/errors.js';
import { startMd5Thread } from '../../../src/package/md5-thread.js';

/**
 * The md5 thread. Its body is md5-worker.ts, which Node runs only compiled: the real one is
 * compiled here (with md5.ts, which it imports) into a temp folder; the failures no real file
 * causes come from small stand-in bodies.
 */

const SRC = path.resolve(import.meta.dirname, '../../../src/package');

async function realWorker(): Promise<URL> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-md5-worker-'));
  for (const name of ['md5-worker', 'md5']) {
    const source = await readFile(path.join(SRC, `${name}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    await writeFile(path.join(dir, `${name}.js`), outputText);
  }
  await writeFile(path.join(dir, 'package.json'), '{"type":"module"}');
  return pathToFileURL(path.join(dir, 'md5-worker.js'));
}

/** A stand-in body: says it runs, then does `then`. */
function standIn(then: string): URL {
  const source = `import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ kind: 'started' });\n${then}\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`);
}

async function fileOf(size: number): Promise<{ file: string; md5: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-md5-thread-'));
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i += 997) data[i] = i % 251;
  const file = path.join(dir, 'pkg.zip');
  await writeFile(file, data);
  return { file, md5: createHash('md5').update(data).digest('hex') };
}

/** Live worker threads show as message ports among the process's active resources. */
const ports = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;

describe('startMd5Thread', () => {
  it('hashes the file on its own thread, the same md5 as a one-shot hash, and ends', async () => {
    const script = await realWorker();
    const before = ports();
    for (const size of [0, 1024 * 1024 + 1, Math.round(2.5 * 1024 * 1024)]) {
      const { file, md5 } = await fileOf(size);
      const thread = startMd5Thread(file, undefined, script);
      expect(await thread.started).toBe(true);
      expect(await thread.md5).toBe(md5);
      await thread.stop();
    }
    expect(ports()).toBe(before);
  });

  it('says it could not start when its body cannot be loaded (the caller hashes itself then)', async () => {
    const { file } = await fileOf(10);
    const thread = startMd5Thread(file, undefined, pathToFileURL(path.join(os.tmpdir(), 'no-such-md5-worker.js')));
    expect(await thread.started).toBe(false);
    await expect(thread.md5).rejects.toThrow(/could not be started/);
    await thread.stop();
  });

  it('reports a package its thread cannot read as unreadable (exit 3)', async () => {
    // A folder opens, but reading it fails (EISDIR) on the thread.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stms-md5-thread-'));
    await mkdir(path.join(dir, 'pkg.zip'));
    const thread = startMd5Thread(path.join(dir, 'pkg.zip'), undefined, await realWorker());
    expect(await thread.started).toBe(true);
    const error = await thread.md5.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StmsError);
    expect(error).toMatchObject({ code: 'PACKAGE_INVALID', message: 'pkg.zip cannot be read: EISDIR' });
    await thread.stop();
  });

  it.each([
    ['throws after it started', "throw new Error('out of luck');", 'its thread failed: out of luck'],
    ['ends without an answer', 'process.exit(3);', 'its thread ended (exit code 3) before answering'],
  ])('fails clearly when its thread %s', async (_when, body, why) => {
    const { file } = await fileOf(10);
    const thread = startMd5Thread(file, undefined, standIn(body));
    expect(await thread.started).toBe(true);
    await expect(thread.md5).rejects.toThrow(`the md5 of pkg.zip could not be computed: ${why}`);
    await thread.stop();
  });

  it('ends its thread when the signal aborts mid-hash, with InterruptedError', async () => {
    const { file } = await fileOf(10);
    const before = ports();
    const controller = new AbortController();
    // A thread that would hash for ever.
    const thread = startMd5Thread(file, controller.signal, standIn('for (;;) {}'));
    expect(await thread.started).toBe(true);
    expect(ports()).toBe(before + 1);
    controller.abort();
    const error = await thread.md5.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect((error as Error).message).toBe('interrupted while hashing pkg.zip');
    await thread.stop();
    expect(ports()).toBe(before);
  });

  it('ends its thread at stop(), before it answered', async () => {
    const { file } = await fileOf(10);
    const before = ports();
    const thread = startMd5Thread(file, undefined, standIn('for (;;) {}'));
    expect(await thread.started).toBe(true);
    await thread.stop();
    expect(ports()).toBe(before);
    await expect(thread.md5).rejects.toThrow(/not needed/);
  });

  it('starts no thread under a signal already aborted', async () => {
    const { file } = await fileOf(10);
    const before = ports();
    const thread = startMd5Thread(file, AbortSignal.abort(), await realWorker());
    expect(await thread.started).toBe(false);
    await expect(thread.md5).rejects.toBeInstanceOf(InterruptedError);
    await thread.stop();
    expect(ports()).toBe(before);
  });
});
