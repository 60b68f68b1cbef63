import type { IncomingMessage } from 'node:http';
import { advice, ReplyError, springError } from '../envelope.js';

/**
 * One request as the controllers see it, with Spring's parameter binding: a repeated String
 * param is joined with commas, a number that does not convert is the validation advice's
 * HTTP-200 error, an unreadable JSON body is Spring's non-envelope 400.
 */
export class SandboxRequest {
  /** Path variables of the matched route, e.g. { jobId: '12' }. */
  params: Record<string, string> = {};
  /** A 'late' fault: called once the request is received (the gateway answers then)… */
  onReceived: (() => void) | undefined;
  /** …and the server acts this much later. */
  actDelayMs = 0;
  private bodyCache: Promise<unknown> | undefined;

  constructor(
    readonly raw: IncomingMessage,
    readonly method: string,
    /** The full request path, echoed in the envelope's `method`. */
    readonly fullPath: string,
    /** The part after /streamJobManager/, e.g. 'job/list'. */
    readonly sub: string,
    readonly query: URLSearchParams,
    readonly user: string,
  ) {}

  /** `@RequestParam String`: every value joined with commas, undefined when absent. */
  string(name: string): string | undefined {
    const values = this.query.getAll(name);
    return values.length === 0 ? undefined : values.join(',');
  }

  /** `@RequestParam(required = false) Long|Integer`: null when absent or empty. */
  number(name: string, type: 'Long' | 'Integer' = 'Long'): number | null {
    const text = this.string(name);
    if (text === undefined || text.trim() === '') return null;
    return this.convert(text, type);
  }

  /** `@PathVariable Long|Integer`. */
  pathNumber(name: string, type: 'Long' | 'Integer' = 'Long'): number {
    return this.convert(this.params[name] ?? '', type);
  }

  /** `@RequestParam(required = false) Boolean`, converted like Spring's StringToBooleanConverter. */
  boolean(name: string): boolean | null {
    const text = this.string(name);
    if (text === undefined || text.trim() === '') return null;
    const value = text.trim().toLowerCase();
    if (['true', 'on', 'yes', '1'].includes(value)) return true;
    if (['false', 'off', 'no', '0'].includes(value)) return false;
    throw new ReplyError(
      advice(this.fullPath, `Failed to convert value of type 'java.lang.String' to required type 'java.lang.Boolean'; nested exception is java.lang.IllegalArgumentException: Invalid boolean value [${text}]`),
    );
  }

  /** `@RequestParam List<Integer>` (required): `jobId=1&jobId=2` or `jobId=1,2`. */
  requiredNumberList(name: string, type: 'Long' | 'Integer'): number[] {
    const values = this.query.getAll(name);
    if (values.length === 0) {
      throw new ReplyError(springError(this.fullPath, 400, `Required request parameter '${name}' for method parameter type List is not present`));
    }
    return values
      .flatMap((v) => v.split(','))
      .filter((v) => v.trim() !== '')
      .map((v) => this.convert(v, type, 'java.util.List'));
  }

  private convert(text: string, type: 'Long' | 'Integer', target = `java.lang.${type}`): number {
    const trimmed = text.trim();
    const n = /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    const limit = type === 'Long' ? 2 ** 63 : 2 ** 31;
    if (!Number.isSafeInteger(n) || n >= limit || n < -limit) {
      throw new ReplyError(
        advice(
          this.fullPath,
          `Failed to convert value of type 'java.lang.String' to required type '${target}'; nested exception is java.lang.NumberFormatException: For input string: "${text}"`,
        ),
      );
    }
    return n;
  }

  /** The JSON body of a `@RequestBody`; Spring answers 415 / 400 (not an envelope) when it cannot read one. */
  json(): Promise<unknown> {
    this.bodyCache ??= this.readJson();
    return this.bodyCache;
  }

  private async readJson(): Promise<unknown> {
    const type = String(this.raw.headers['content-type'] ?? 'application/octet-stream');
    const text = await readBody(this.raw, 16 * 1024 * 1024);
    if (!/json/i.test(type)) throw new ReplyError(springError(this.fullPath, 415, `Content type '${type}' not supported`));
    if (text.trim() === '') throw new ReplyError(springError(this.fullPath, 400, 'Required request body is missing'));
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new ReplyError(springError(this.fullPath, 400, `JSON parse error: ${(error as Error).message}`));
    }
  }
}

/** Reads a small body; a larger one is read to the end and refused. */
export async function readBody(raw: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of raw) {
    size += (chunk as Buffer).length;
    if (size <= maxBytes) chunks.push(chunk as Buffer);
  }
  if (size > maxBytes) throw new ReplyError(springError('', 413, `request body larger than ${maxBytes} bytes`));
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads and discards whatever is left of the request body. */
export async function drain(raw: IncomingMessage): Promise<void> {
  if (raw.readableEnded || raw.destroyed) return;
  for await (const _chunk of raw) {
    // discard
  }
}
