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
    ['no token at all', {}, /Token-Code and Token-User are both required/],
    ['a Token-Code without Token-User', { 'Token-Code': 'x' }, /both required/],
  ])('%s: HTTP 401, status -1', async (_name, headers, message) => {
    const res = await call(s.gz, 'GET', 'job/list', { auth: false, headers, query: { projectName: 'p1' } });
    expect(res.status).toBe(401);
    expect(res.body.status).toBe(-1);
    expect(res.body.message).toMatch(message);
  });

  test('a wrong token is refused without being echoed', async () => {
    const wrong = 'wrong-token-value-1234';
    const res = await call(s.gz, 'GET', 'job/list', { auth: false, headers: { 'Token-Code': wrong, 'Token-User': 'hadoop' }, query: { projectName: 'p1' } });
    expect(res.status).toBe(401);
    expect(res.body.status).toBe(-1);
    expect(res.body.message).toContain('Token-Code is not valid');
    expect(res.text).not.toContain(wrong);
  });

  test("another cluster's token is refused", async () => {
    const res = await call(s.gz, 'GET', 'job/list', { auth: false, headers: { 'Token-Code': s.tj.token, 'Token-User': 'hadoop' }, query: { projectName: 'p1' } });
    expect(res.status).toBe(401);
    expect(res.text).not.toContain(s.tj.token);
  });

  test('a user the token is not registered for is refused', async () => {
    const res = await call(s.gz, 'GET', 'job/list', { auth: false, headers: { 'Token-Code': s.gz.token, 'Token-User': 'mallory' }, query: { projectName: 'p1' } });
    expect(res.status).toBe(401);
    expect(res.body.message).toContain('Token-User mallory is not allowed');
    expect(res.text).not.toContain(s.gz.token);
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
