import { UsageError } from '../errors.js';
import { isRetryableStatus } from '../streamis/backoff.js';
import { excerpt } from '../streamis/envelope.js';
import { HttpExchange } from '../streamis/http-exchange.js';
import type { Redactor } from '../util/redact.js';

/**
 * The webhook of `--notify <url>`: one POST of a JSON body over the shared HTTP exchange (its
 * timeout, its `-v` trace), retried at most once after a network failure or a 5xx. The URL's
 * secret parts (every query value, as robots carry their key there, and any user:password) are
 * registered with the run's redactor before anything is sent or shown, and the password travels
 * as a Basic Authorization header, which the trace never shows.
 */

export interface Webhook {
  /** The URL as given: never printed. */
  url: URL;
  /** For messages: the URL with its secret parts replaced. */
  shown: string;
}

const ONE_RETRY = { attempts: 1, baseDelayMs: 200, maxDelayMs: 1_000 };

/** Parses `--notify`; a URL that is not http(s) is a usage error that does not echo it. */
export function parseWebhook(text: string, secrets: Redactor): Webhook {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError('--notify: not a URL; give the webhook as http(s)://host/path?key=…');
  }
  for (const value of secretParts(url)) secrets.add(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--notify: ${url.protocol} is not http or https`);
  return { url, shown: secrets.redact(`${url.origin}${url.pathname}${url.search}`) };
}

/** Query values and userinfo: the parts of a webhook URL that are keys. */
export function secretParts(url: URL): string[] {
  const parts = [...url.searchParams.values(), decodeURIComponent(url.username), decodeURIComponent(url.password)];
  return parts.filter((p) => p !== '');
}

export interface PostOptions {
  timeoutMs: number;
  secrets: Redactor;
  trace?: ((line: string) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** Posts the body; throws (a RemoteError, redacted) when the webhook does not take it. */
export async function postWebhook(hook: Webhook, body: unknown, options: PostOptions): Promise<void> {
  const { url } = hook;
  const headers: Record<string, string> = {};
  if (url.username !== '' || url.password !== '') {
    headers.Authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
  }
  const http = new HttpExchange({ name: 'webhook', url: url.origin, headers }, { retries: ONE_RETRY, trace: options.trace, signal: options.signal, secrets: options.secrets });
  try {
    const answer = await http.send(
      // A second copy of a notification is harmless; a lost one is what the retry is for.
      { endpoint: 'notify', method: 'POST', path: `${url.pathname}${url.search}`, json: body, idempotent: true, timeoutMs: options.timeoutMs },
      (httpStatus, text) => ({ retryable: isRetryableStatus(httpStatus), error: httpStatus >= 400 ? excerpt(text) || '(empty body)' : undefined }),
    );
    if (answer.httpStatus >= 300) throw new Error(`the webhook answered HTTP ${answer.httpStatus}: ${options.secrets.redact(excerpt(answer.text) || '(empty body)')}`);
    const refusal = robotRefusal(answer.text);
    if (refusal) throw new Error(`the webhook refused the message: ${options.secrets.redact(refusal)}`);
  } finally {
    await http.close();
  }
}

/** WeCom and DingTalk robots answer HTTP 200 with `{"errcode": n, "errmsg": …}`; n other than 0 is a refusal. */
function robotRefusal(text: string): string | undefined {
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof answer !== 'object' || answer === null) return undefined;
  const { errcode, errmsg } = answer as { errcode?: unknown; errmsg?: unknown };
  return typeof errcode === 'number' && errcode !== 0 ? `errcode ${errcode}${typeof errmsg === 'string' ? `: ${errmsg}` : ''}` : undefined;
}
