import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { StmsError } from '../errors.js';
import { asciiJson, multipartFrame, zipFileNameProblem } from './multipart.js';
import type { StreamBody } from './transport.js';

/**
 * The streamed multipart body of `job/upload`: the framing from multipart.ts around a file read
 * from disk in chunks, so a 1 GiB package costs a few MB of memory. Progress is reported as the
 * file bytes are handed to the socket.
 */

/** Big enough chunks that a large package needs few event-loop turns, small enough to stay flat. */
const CHUNK_BYTES = 1 << 20;

export interface UploadFile {
  file: string;
  fileName: string;
  size: number;
}

/** Checks the file before anything is sent: it exists, its name passes the server's rule, it fits. */
export async function inspectUploadFile(file: string, fileName: string | undefined, cluster: { name: string; maxUploadMB: number }): Promise<UploadFile> {
  const name = fileName ?? path.basename(file);
  const problem = zipFileNameProblem(name);
  if (problem) {
    throw new StmsError('PACKAGE_INVALID', `cannot upload to ${cluster.name}: ${problem}`, { hint: 'Rename the zip (letters, digits, . _ - only, ending in .zip).' });
  }
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    size = info.size;
  } catch (error) {
    throw new StmsError('PACKAGE_INVALID', `cannot read the package ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const limit = cluster.maxUploadMB * 1024 * 1024;
  if (size > limit) {
    throw new StmsError('PACKAGE_INVALID', `the package ${name} is ${(size / 1048576).toFixed(1)} MB; cluster ${cluster.name} accepts at most ${cluster.maxUploadMB} MB`, {
      hint: `Make the package smaller (move big resources to project resource files), or raise clusters.${cluster.name}.maxUploadMB if the server allows it.`,
    });
  }
  return { file, fileName: name, size };
}

/**
 * A body factory for the transport. `fields` are sent before the file part; a JSON `source` is
 * made ASCII-only so its meaning cannot depend on the server's charset guess.
 */
export function uploadBody(upload: UploadFile, fields: ReadonlyArray<readonly [string, string]>, onProgress?: (sent: number, total: number) => void): () => StreamBody {
  return () => {
    const boundary = `----stms${randomBytes(12).toString('hex')}`;
    const frame = multipartFrame(
      fields.map(([name, value]) => [name, asciiJson(value)] as const),
      'file',
      upload.fileName,
      upload.size,
      boundary,
    );
    async function* chunks(): AsyncGenerator<Buffer> {
      yield frame.preamble;
      let sent = 0;
      onProgress?.(0, upload.size);
      const file = createReadStream(upload.file, { highWaterMark: CHUNK_BYTES });
      try {
        for await (const chunk of file as AsyncIterable<Buffer>) {
          yield chunk;
          sent += chunk.length;
          onProgress?.(sent, upload.size);
        }
      } finally {
        file.destroy();
      }
      if (sent !== upload.size) {
        throw new StmsError('PACKAGE_INVALID', `the package ${upload.file} changed size while it was being uploaded (${upload.size} → ${sent} bytes)`);
      }
      yield frame.epilogue;
    }
    return { stream: Readable.from(chunks(), { objectMode: false, highWaterMark: CHUNK_BYTES }), length: frame.contentLength, contentType: frame.contentType };
  };
}
