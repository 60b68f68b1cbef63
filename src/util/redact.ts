/**
 * The one redactor. Secrets (Token-Code values) must never reach output, logs, journals or error
 * messages, in any form a server or a serializer may have turned them into: the gateway echoes a
 * refused token trimmed (HTTP drops the spaces around a header value), a JSON body or document
 * escapes its quotes and backslashes, a URL percent-encodes it. Every form is replaced.
 *
 * Redaction applies to what is shown, never to what is parsed: a token may occur by chance inside
 * a server's answer, and masking it there would corrupt the answer.
 */
export const REDACTED = '***';

/**
 * Below this length a secret may occur by chance in ordinary text, so replacing it mangles
 * messages or misses nothing reliably: its owner is warned.
 */
export const MIN_REDACTABLE_LENGTH = 6;

/**
 * Below this length a secret is in so many words (a one-letter token is in most) that it is not
 * replaced at all: it is kept out only where a message names it as a token.
 */
const MIN_REPLACED_LENGTH = 4;

export interface RedactorOptions {
  /** Told once per owner (a cluster, the CMDB) whose secret is too short to redact everywhere. */
  onWeakSecret?: (owner: string) => void;
}

export class Redactor {
  /** Every form of every secret, longest first so that a longer form is replaced whole. */
  private forms: string[] = [];
  private readonly secrets = new Set<string>();
  private readonly warned = new Set<string>();

  constructor(private readonly options: RedactorOptions = {}) {}

  /**
   * Registers a secret. `owner` (e.g. `cluster GZ_UAT`) names it in the warning given when it is
   * too short to redact reliably; that warning never shows the secret.
   */
  add(secret: string | undefined, owner?: string): void {
    if (secret === undefined || secret.trim() === '') return;
    const length = secret.trim().length;
    if (length < MIN_REDACTABLE_LENGTH && owner !== undefined && !this.warned.has(owner)) {
      this.warned.add(owner);
      this.options.onWeakSecret?.(owner);
    }
    if (length < MIN_REPLACED_LENGTH) return;
    if (this.secrets.has(secret)) return;
    this.secrets.add(secret);
    const all = new Set([...this.forms, ...secretForms(secret)]);
    this.forms = [...all].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = redactTokenEcho(text);
    for (const form of this.forms) {
      if (out.includes(form)) out = out.split(form).join(REDACTED);
    }
    return out;
  }

  /** A copy of a JSON-like value with every string redacted (server data kept in error details). */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.redactDeep(v)) as T;
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redactDeep(v)])) as T;
    }
    return value;
  }
}

/** One redactor for one list of secrets, when no shared one is at hand. */
export function redactorFor(secrets: readonly (string | undefined)[]): Redactor {
  const redactor = new Redactor();
  for (const secret of secrets) redactor.add(secret);
  return redactor;
}

/** The forms a secret may take once echoed or serialized: raw, trimmed, JSON-escaped (once or twice), URL-encoded. */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>();
  for (const base of [secret, secret.trim()]) {
    const json = jsonEscape(base);
    for (const form of [base, json, jsonEscape(json), encodeURIComponent(base), encodeURIComponent(base).replace(/%20/g, '+')]) {
      if (form !== '') forms.add(form);
    }
  }
  return [...forms];
}

function jsonEscape(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/**
 * The gateway's refusal names the token it was given (`Token Authentication Failed, token: <it>，
 * tokenUser: …`). Whatever its length, the token is cut out there by its place in the message.
 */
const TOKEN_ECHO = /(Token Authentication Failed, token: )([\s\S]*?)(\s*[，,]\s*tokenUser:)/g;

export function redactTokenEcho(text: string): string {
  return text.includes('Token Authentication Failed') ? text.replace(TOKEN_ECHO, (_m, head: string, _token: string, tail: string) => `${head}${REDACTED}${tail}`) : text;
}
