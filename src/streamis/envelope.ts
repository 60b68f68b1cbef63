/**
 * The Linkis `Message` envelope (docs/streamis-contract.md §2, §12): every body is parsed whatever the HTTP
 * code, because Linkis ≥ 1.3.1 answers errors with HTTP 400 and older ones with HTTP 200, and
 * Spring binding errors come back as 4xx bodies that are not envelopes at all. Success is exactly
 * `status === 0`. Pure: the transport hands in the HTTP status and the body text.
 */

export type EnvelopeVerdict =
  | { kind: 'ok'; data: Record<string, unknown>; message: string }
  /** status -1 or HTTP 401: the gateway wants a (new) login / a valid token. */
  | { kind: 'auth'; status: number | undefined; message: string }
  /** An envelope whose status is not 0 (1 error, 2 validation, 3 permission, 4 warning, ...). */
  | { kind: 'error'; status: number; message: string; data: Record<string, unknown> }
  /** Not an envelope (HTML from a proxy, a Spring error page, empty body...). */
  | { kind: 'not-envelope'; excerpt: string };

const EXCERPT_CHARS = 200;

export function classifyResponse(httpStatus: number, bodyText: string): EnvelopeVerdict {
  const envelope = parseEnvelope(bodyText);
  if (!envelope) {
    // Spring's own error JSON: its `message` (or `error`) is the part worth showing.
    const spring = springErrorText(bodyText);
    if (httpStatus === 401) return { kind: 'auth', status: undefined, message: spring ?? excerpt(bodyText) };
    return { kind: 'not-envelope', excerpt: spring ?? excerpt(bodyText) };
  }
  if (envelope.status === -1 || httpStatus === 401) return { kind: 'auth', status: envelope.status, message: envelope.message };
  if (envelope.status === 0) return { kind: 'ok', data: envelope.data, message: envelope.message };
  return { kind: 'error', status: envelope.status, message: envelope.message, data: envelope.data };
}

interface Envelope {
  status: number;
  message: string;
  data: Record<string, unknown>;
}

/** The envelope if the text is one: a JSON object with an integer `status`. */
export function parseEnvelope(bodyText: string): Envelope | undefined {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  if (!isObject(body) || isSpringError(body)) return undefined;
  const status = typeof body.status === 'string' && /^-?\d+$/.test(body.status) ? Number(body.status) : body.status;
  if (typeof status !== 'number' || !Number.isInteger(status)) return undefined;
  const message = typeof body.message === 'string' ? body.message : body.message == null ? '' : String(body.message);
  return { status, message, data: isObject(body.data) ? body.data : {} };
}

/**
 * The part of a server message a person should read. Linkis exceptions surface as
 * `<Class>: errCode: <n> ,desc: <text> ,ip: <host> ,port: <p> ,serviceKind: <app>` and the AOP's
 * `error code(错误码): <n>, error message(错误信息): <desc>.`; the host and port are noise.
 */
export function humanMessage(raw: string): string {
  const text = raw.trim();
  const desc = /,\s*desc:\s*([\s\S]*?)(?:\s*,\s*ip:\s|$)/.exec(text);
  if (desc?.[1]) return desc[1].trim();
  const aop = /error message\(错误信息\):\s*([\s\S]*?)\.?\s*$/.exec(text);
  if (aop?.[1]) return aop[1].trim();
  return text;
}

/**
 * The first characters of a body, on one line, for error messages and traces. An HTML page (a
 * proxy's 502, a login page) is reduced to its title, or to its text without the markup.
 */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  let plain = text;
  if (/^\s*<(!doctype|html|head|body)\b/i.test(text)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
    plain = title && title.trim() !== '' ? title : text.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ');
  }
  const oneLine = plain.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

/**
 * Spring's default error body (`timestamp`, `status`: the HTTP code, `error`, `message`, `path`)
 * for binding failures and unknown paths (docs/streamis-contract.md §2 item 4): it has an integer `status`
 * too, but it is not a Linkis message (no `data`, no `method`).
 */
function isSpringError(body: Record<string, unknown>): boolean {
  return !('data' in body) && !('method' in body) && typeof body.error === 'string' && ('timestamp' in body || 'path' in body);
}

function springErrorText(bodyText: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  if (!isObject(body) || !isSpringError(body)) return undefined;
  const text = typeof body.message === 'string' && body.message.trim() !== '' ? body.message : (body.error as string);
  return excerpt(text);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
