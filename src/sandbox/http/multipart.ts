import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';

/**
 * Receives a multipart upload the way Spring does before the controller runs: text fields are
 * collected, the first part named `file` is streamed to a file on disk (never held in memory),
 * other file parts are discarded. Past the size limit the rest of the body is
 * read and thrown away, and `tooLarge` is set.
 */

export interface ReceivedFile {
  fileName: string;
  path: string;
  size: number;
}

export interface ReceivedMultipart {
  fields: Map<string, string[]>;
  file: ReceivedFile | undefined;
  tooLarge: boolean;
}

export class NotMultipart extends Error {}

export async function receiveMultipart(req: IncomingMessage, uploadsDir: string, maxBytes: number): Promise<ReceivedMultipart> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: { fileSize: Math.max(1, Math.floor(maxBytes)), fieldSize: 1024 * 1024 }, defParamCharset: 'utf8' });
  } catch (error) {
    throw new NotMultipart((error as Error).message);
  }
  const fields = new Map<string, string[]>();
  const writes: Array<Promise<void>> = [];
  let file: ReceivedFile | undefined;
  let tooLarge = false;

  parser.on('field', (name, value) => fields.set(name, [...(fields.get(name) ?? []), value]));
  parser.on('file', (name, stream, info) => {
    if (name !== 'file' || file) {
      stream.resume();
      return;
    }
    const target: ReceivedFile = { fileName: info.filename ?? '', path: path.join(uploadsDir, `${randomBytes(8).toString('hex')}.part`), size: 0 };
    file = target;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        target.size += chunk.length;
        done(null, chunk);
      },
    });
    stream.on('limit', () => {
      tooLarge = true;
    });
    const written = pipeline(stream, tap, createWriteStream(target.path)).then(() => {
      if (stream.truncated) tooLarge = true;
    });
    // A malformed body fails the parser first; this failure is then reported through it.
    written.catch(() => undefined);
    writes.push(written);
  });

  const finished = new Promise<void>((resolve, reject) => {
    parser.on('close', resolve);
    parser.on('error', reject);
  });
  // A client gone mid-body (Ctrl-C, a timeout) ends nothing by itself: fail the parser, which
  // fails the file stream, so the partial file is removed instead of waiting forever.
  const onClose = () => {
    if (!req.complete) parser.destroy(new Error('the client closed the connection before the body was complete'));
  };
  const onError = (error: Error) => parser.destroy(error);
  req.on('close', onClose);
  req.on('error', onError);
  req.pipe(parser);
  try {
    await finished;
    await Promise.all(writes);
  } catch (error) {
    await Promise.allSettled(writes);
    if (file) await rm(file.path, { force: true });
    req.unpipe(parser);
    req.resume();
    throw new NotMultipart((error as Error).message);
  } finally {
    req.off('close', onClose);
    req.off('error', onError);
  }
  if (tooLarge && file) await rm(file.path, { force: true });
  return { fields, file, tooLarge };
}
