import type { IncomingHttpHeaders } from 'node:http';
import { linkisMessage } from '../envelope.js';

/**
 * The gateway's token authentication (docs/streamis-contract.md §3, Linkis 1.7.0 `TokenAuthentication`):
 * a request is a token request when it carries Token-Code and Token-User both as headers or both
 * as cookies; anything else meets the session check and is "not logged in". The values are read
 * from the headers, or from the cookies when a header is blank. A refused token is named in the
 * answer, as the real gateway does: the client must keep it out of what it prints.
 */
export type AuthResult = { ok: true; user: string } | { ok: false; message: string };

/** The gateway is a Linkis service of its own: its exceptions name it. */
const GATEWAY_SERVICE = 'linkis-mg-gateway';

export function authenticate(headers: IncomingHttpHeaders, expected: { token: string; user: string; port: number }): AuthResult {
  const cookies = parseCookies(headers.cookie);
  const headerCode = header(headers, 'token-code');
  const headerUser = header(headers, 'token-user');
  const isTokenRequest = (headerCode !== undefined && headerUser !== undefined) || (cookies.has('Token-Code') && cookies.has('Token-User'));
  // SecurityFilter's answer to a request with neither a token nor a session.
  if (!isTokenRequest) return { ok: false, message: 'You are not logged in, please login first(您尚未登录，请先登录)!' };
  let code = headerCode;
  let user = headerUser;
  if (isBlank(code) || isBlank(user)) {
    code = cookies.get('Token-Code');
    user = cookies.get('Token-User');
    if (isBlank(code) || isBlank(user)) return { ok: false, message: '请在Header或Cookie中同时指定Token-Code 和 Token-User，以便完成token认证！' };
  }
  const refused = (errCode: number, desc: string): AuthResult => ({
    ok: false,
    message: `Token Authentication Failed, token: ${code}，tokenUser: ${user}, reason: ${linkisMessage(errCode, desc, { ip: '127.0.0.1', port: expected.port }, GATEWAY_SERVICE)}`,
  });
  if (code !== expected.token) return refused(15201, 'Token is not valid or stale(token 令牌无效或已过期)!');
  if (user !== expected.user) return refused(15202, 'Illegal TokenUser for Token(Token非法用户)!');
  return { ok: true, user: user as string };
}

function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
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
