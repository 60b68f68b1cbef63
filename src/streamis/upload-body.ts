import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { StmsError } from '../errors.js';
import { asciiJson, multipartFrame, zipFileNameProblem } from './multipart.js';
import type { StreamBody } from './http-exchange.js';

/**
 * The streamed multipart body of `job/upload`: the framing from multipart.ts around a file read
 * from disk in chunks, so a 1 GiB package costs a few MB of memory. Progress is reported as the
 * file bytes are handed to the socket.
 */

/** Big enough chunks that a large package needs few event-loop turns, small enough to stay flat. */
const CHUNK_BYTES = 1 << 20;

/**
 * A package made while it is sent (release streams a cluster's rendered zip straight into the
 * upload): its exact size up front, and its bytes on demand, the same bytes on every call.
 */
export interface GeneratedFile {
  size: number;
  chunks(signal?: AbortSignal): AsyncIterable<Buffer>;
}

export interface UploadFile {
  /** For messages: the path, or the name of a generated package. */
  describe: string;
  fileName: string;
  size: number;
  open(signal?: AbortSignal): AsyncIterable<Buffer>;
}

/** Checks the file before anything is sent: it exists, its name passes the server's rule, it fits. */
export async function inspectUploadFile(file: string | GeneratedFile, fileName: string | undefined, cluster: { name: string; maxUploadMB: number }): Promise<UploadFile> {
  if (typeof file !== 'string' && fileName === undefined) throw new StmsError('INTERNAL', 'a generated package needs a file name');
  const name = fileName ?? path.basename(file as string);
  const problem = zipFileNameProblem(name);
  if (problem) {
    throw new StmsError('PACKAGE_INVALID', `cannot upload to ${cluster.name}: ${problem}`, { hint: 'Rename the zip (letters, digits, . _ - only, ending in .zip).' });
  }
  const size = typeof file === 'string' ? await fileSize(file) : file.size;
  const limit = cluster.maxUploadMB * 1024 * 1024;
  if (size > limit) {
    throw new StmsError('PACKAGE_INVALID', `the package ${name} is ${(size / 1048576).toFixed(1)} MB; cluster ${cluster.name} accepts at most ${cluster.maxUploadMB} MB`, {
      hint: `Make the package smaller (move big resources to project resource files), or raise clusters.${cluster.name}.maxUploadMB if the server allows it.`,
    });
  }
  if (typeof file !== 'string') return { describe: name, fileName: name, size, open: (signal) => file.chunks(signal) };
  return { describe: file, fileName: name, size, open: (signal) => createReadStream(file, { highWaterMark: CHUNK_BYTES, ...(signal ? { signal } : {}) }) };
}

async function fileSize(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    return info.size;
  } catch (error) {
    throw new StmsError('PACKAGE_INVALID', `cannot read the package ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/**
 * A field whose value is known only once the file was sent (the source record, which carries the
 * md5 of the bytes sent, computed while they go out). `sameLengthAs` is a value of the same length,
 * for the exact Content-Length up front; a value of another length fails the upload.
 */
export interface LateField {
  sameLengthAs: string;
  value(): Promise<string>;
}

/**
 * A body factory for the transport. `fields` are sent before the file part, `late` ones after it;
 * a JSON value is made ASCII-only so its meaning cannot depend on the server's charset guess.
 */
export function uploadBody(
  upload: UploadFile,
  fields: ReadonlyArray<readonly [string, string]>,
  late: ReadonlyArray<readonly [string, LateField]>,
  onProgress?: (sent: number, total: number) => void,
): () => StreamBody {
  return () => {
    const boundary = `----stms${randomBytes(12).toString('hex')}`;
    const frame = multipartFrame(
      fields.map(([name, value]) => [name, asciiJson(value)] as const),
      'file',
      upload.fileName,
      upload.size,
      boundary,
      late.map(([name, field]) => [name, Buffer.byteLength(asciiJson(field.sameLengthAs), 'utf8')] as const),
    );
    async function* chunks(): AsyncGenerator<Buffer> {
      yield frame.preamble;
      let sent = 0;
      onProgress?.(0, upload.size);
      for await (const chunk of upload.open()) {
        yield chunk;
        sent += chunk.length;
        onProgress?.(sent, upload.size);
      }
      if (sent !== upload.size) {
        throw new StmsError('PACKAGE_INVALID', `the package ${upload.describe} changed size while it was being uploaded (${upload.size} → ${sent} bytes)`);
      }
      // Until here the server holds an unfinished body: nothing is stored if the value fails.
      const values = await Promise.all(late.map(async ([, field]) => asciiJson(await field.value())));
      yield frame.epilogue(values);
    }
    return { chunks: chunks(), length: frame.contentLength, contentType: frame.contentType };
  };
}
