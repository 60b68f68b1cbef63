import type { IncomingHttpHeaders } from 'node:http';

/**
 * The gateway's token authentication (streamis-api.md §3): Token-Code and Token-User, as
 * headers or as cookies. The answer names the problem but never echoes a token.
 */
export type AuthResult = { ok: true; user: string } | { ok: false; message: string };

export function authenticate(headers: IncomingHttpHeaders, expected: { token: string; user: string }): AuthResult {
  const cookies = parseCookies(headers.cookie);
  const code = header(headers, 'token-code') ?? cookies.get('Token-Code');
  const user = header(headers, 'token-user') ?? cookies.get('Token-User');
  if (!code || !user) {
    return { ok: false, message: '请在Header或Cookie中同时指定Token-Code 和 Token-User，以便完成token认证！(Token-Code and Token-User are both required, as headers or cookies)' };
  }
  if (code !== expected.token) return { ok: false, message: `Gateway不允许访问该token of user ${user}，原因：Token-Code is not valid(token无效或已过期)` };
  if (user !== expected.user) return { ok: false, message: `Gateway不允许访问该token of user ${user}，原因：Token-User ${user} is not allowed to use this token` };
  return { ok: true, user };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      out.set(name, decodeURIComponent(raw));
    } catch {
      out.set(name, raw);
    }
  }
  return out;
}
