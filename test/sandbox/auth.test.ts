import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { API, call, startTestSandbox, type TestSandbox } from './support.js';

let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox();
});
afterAll(async () => s.close());

describe('gateway token authentication', () => {
  test('headers authenticate', async () => {
    const res = await call(s.gz, 'GET', 'highAvailable/username');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 0, message: 'success', data: { userName: 'hadoop', proxyUser: null } });
    expect(res.body.method).toBe(`${API}highAvailable/username`);
  });

  test('cookies authenticate', async () => {
    const res = await call(s.gz, 'GET', 'highAvailable/username', { auth: false, headers: { cookie: `Token-Code=${s.gz.token}; Token-User=hadoop` } });
    expect(res.body.status).toBe(0);
  });

  test.each([
    ['no token at all', {}],
    ['a Token-Code without Token-User', { 'Token-Code': 'x' }],
    ['Token-Code as a header, Token-User as a cookie', { 'Token-Code': 'x', cookie: 'Token-User=hadoop' }],
  ])('%s is not a token request: the session check answers, HTTP 401, status -1', async (_name, headers) => {
    const res = await call(s.gz, 'GET', 'job/list', { auth: false, headers, query: { projectName: 'p1' } });
    expect(res.status).toBe(401);
    expect(res.body.status).toBe(-1);
    expect(res.body.message).toBe('You are not logged in, please login first(您尚未登录，请先登录)!');
  });

  test('blank token headers fall back to the cookies, and blank cookies are refused', async () => {
    const fallback = await call(s.gz, 'GET', 'highAvailable/username', {
      auth: false,
      headers: { 'Token-Code': ' ', 'Token-User': 'hadoop', cookie: `Token-Code=${s.gz.token}; Token-User=hadoop` },
    });
    expect(fallback.body.status).toBe(0);
    const blank = await call(s.gz, 'GET', 'job/list', { auth: false, headers: { 'Token-Code': '', 'Token-User': '' }, query: { projectName: 'p1' } });
    expect(blank.status).toBe(401);
    expect(blank.body.message).toBe('请在Header或Cookie中同时指定Token-Code 和 Token-User，以便完成token认证！');
  });

  // The real gateway names the token it refused (Linkis TokenAuthentication): the sandbox does
  // too, so the client's redaction is tested against the real answer.
  test('a wrong token is refused and named, as the real gateway does', async () => {
    const wrong = 'wrong-token-value-1234';
    const res = await call(s.gz, 'GET', 'job/list', { auth: false, headers: { 'Token-Code': wrong, 'Token-User': 'hadoop' }, query: { projectName: 'p1' } });
    expect(res.status).toBe(401);
    expect(res.body.status).toBe(-1);
    expect(res.body.message).toMatch(new RegExp(`^Token Authentication Failed, token: ${wrong}，tokenUser: hadoop, reason: errCode: 15201 ,desc: Token is not valid or stale`));
    expect(res.body.message).toContain('serviceKind: linkis-mg-gateway');
  });

  test("another cluster's token is refused", async () => {
    const res = await call(s.gz, 'GET', 'job/list', { auth: false, headers: { 'Token-Code': s.tj.token, 'Token-User': 'hadoop' }, query: { projectName: 'p1' } });
    expect(res.status).toBe(401);
    expect(res.body.message).toContain('errCode: 15201');
  });

  test('a user the token is not registered for is refused', async () => {
    const res = await call(s.gz, 'GET', 'job/list', { auth: false, headers: { 'Token-Code': s.gz.token, 'Token-User': 'mallory' }, query: { projectName: 'p1' } });
    expect(res.status).toBe(401);
    expect(res.body.message).toContain('tokenUser: mallory, reason: errCode: 15202 ,desc: Illegal TokenUser for Token(Token非法用户)!');
  });

  test('tokens differ per cluster', () => {
    expect(s.gz.token).not.toBe(s.tj.token);
    expect(s.gz.token).toMatch(/^[0-9a-f]{32}$/);
  });

  test('unknown paths are 404 and wrong methods 405, as Spring answers (no envelope)', async () => {
    const missing = await call(s.gz, 'GET', 'job/nothing');
    expect(missing.status).toBe(404);
    expect(missing.body).not.toHaveProperty('data');
    const wrongMethod = await call(s.gz, 'GET', 'job/execute');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.error).toBe('Method Not Allowed');
  });
});
