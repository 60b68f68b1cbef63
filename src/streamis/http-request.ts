import http from 'node:http';
import https from 'node:https';
import { StmsError } from '../errors.js';
import { CONNECT_TIMEOUT } from './network-errors.js';

/**
 * One HTTP request on Node's own client (its native parser): the body sent with back-pressure,
 * the answer read as UTF-8 text. Node's client rather than undici because a release is mostly
 * waiting on the wire, and undici's WASM parser and module graph cost ~21 MB of a ~100 MB budget
 * where Node's client costs ~4 MB (see bench/README.md). Retries, timeouts and traces are the
 * exchange's business (http-exchange.ts).
 */

/** How long a TCP connect may take before the request fails as a connect timeout. */
const CONNECT_LIMIT_MS = 10_000;

export interface HttpAnswer {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  /** When the headers arrived (Date.now()), for reading the server's `Date` clock. */
  headersAt: number;
  text: string;
}

export interface HttpRequest {
  method: string;
  headers: Record<string, string>;
  /**
   * Bytes are sent whole; chunks one at a time, each handed to the socket whole before the next is
   * asked for (back-pressure, and a producer may reuse a buffer once the next chunk is asked for).
   * Their length is in the headers.
   */
  body: Buffer | AsyncIterable<Buffer> | undefined;
  signal: AbortSignal;
  agent: http.Agent;
}

/** One keep-alive agent per server; `ca` is the PEM of the CA an https server's certificate is signed by. */
export function keepAliveAgent(url: string, ca: Buffer | undefined): http.Agent {
  if (new URL(url).protocol === 'https:') return new https.Agent({ keepAlive: true, ...(ca ? { ca } : {}) });
  return new http.Agent({ keepAlive: true });
}

/**
 * Resolves with the whole answer, or rejects with the transport's error (an AbortError when
 * `signal` fired). A body stream that fails with a StmsError rejects with that error, even after
 * the answer started: it is ours, not the network's.
 */
export function sendRequest(url: URL, r: HttpRequest): Promise<HttpAnswer> {
  return new Promise<HttpAnswer>((resolve, reject) => {
    let bodyError: StmsError | undefined;
    const fail = (error: unknown) => reject(bodyError ?? error);
    const send = url.protocol === 'https:' ? https.request : http.request;
    const req = send(url, { method: r.method, headers: r.headers, agent: r.agent, signal: r.signal });
    req.on('error', fail);
    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      const limit = setTimeout(() => req.destroy(Object.assign(new Error('connect timeout'), { code: CONNECT_TIMEOUT })), CONNECT_LIMIT_MS);
      const clear = () => clearTimeout(limit);
      socket.once('connect', clear);
      req.once('close', clear);
    });
    req.on('response', (res) => {
      const headersAt = Date.now();
      res.setEncoding('utf8');
      let text = '';
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('error', fail);
      res.on('end', () => {
        // A leading byte order mark is not part of the text (JSON.parse would refuse it).
        resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, headersAt, text: text.startsWith('\uFEFF') ? text.slice(1) : text });
        // An answer before the whole body went out (a gateway refusing a big upload at once):
        // Node stops writing but keeps the connection and the body waiting; let go of both.
        if (!req.writableFinished) req.destroy();
      });
    });
    if (r.body === undefined || Buffer.isBuffer(r.body)) {
      // Bytes, never a string: Node writes a string body together with the headers in the body's
      // encoding, so a token with `ö` would go out in UTF-8 instead of Latin-1 like in every
      // other request, and the gateway would refuse it.
      req.end(r.body);
      return;
    }
    void writeChunks(req, r.body).catch((error: unknown) => {
      if (error instanceof StmsError) bodyError = error;
      req.destroy(error as Error);
    });
  });
}

/**
 * Writes the chunks one at a time, each only once the previous one went to the socket whole (its
 * write callback), then ends the request. Stops at once when the request is gone (an answer came
 * first, the signal fired, the connection dropped); the chunks are then not read further.
 */
async function writeChunks(req: http.ClientRequest, chunks: AsyncIterable<Buffer>): Promise<void> {
  let gone = false;
  let interrupt: (() => void) | undefined;
  req.once('close', () => {
    gone = true;
    interrupt?.();
  });
  // What `step` waits for, or undefined once the request is gone. One waiter at a time: a race
  // against one long-lived "closed" promise would keep every chunk alive until the request ends.
  const step = <T>(work: Promise<T>) =>
    new Promise<T | undefined>((resolve, reject) => {
      if (gone) resolve(undefined);
      interrupt = () => resolve(undefined);
      work.then(resolve, reject);
    });
  const iterator = chunks[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await step(iterator.next());
      if (next === undefined || gone) return;
      if (next.done) break;
      await step(new Promise<void>((resolve, reject) => req.write(next.value, (error) => (error ? reject(error) : resolve()))));
      if (gone) return;
    }
    req.end();
  } finally {
    interrupt = undefined;
    // A body stopped early lets go of what it holds (a file, a shared read's buffers), once the
    // chunk it may be making is done: not waited for, as that chunk may wait on this very request.
    void iterator.return?.()?.catch(() => undefined);
  }
}
