/**
 * `stms history | head -1`: once the reader has gone, a write fails with EPIPE. That is not an
 * error of stms: the output is no longer wanted, the work is. The stream stops being written to
 * (Output checks `writable`) and the command ends as it would have, with its own exit code.
 */
const guarded = new WeakSet<NodeJS.WritableStream>();

export function ignoreClosedPipe(stream: NodeJS.WritableStream): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      // Later writes are dropped: a destroyed stream is no longer writable.
      (stream as NodeJS.WritableStream & { destroy?: () => void }).destroy?.();
      return;
    }
    throw error;
  });
}

/** Writes unless the reader has gone. */
export function writeIfOpen(stream: NodeJS.WritableStream, text: string): void {
  if (stream.writable === false) return;
  stream.write(text);
}
