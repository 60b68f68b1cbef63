import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestSandbox, type TestSandbox } from './support.js';

/** The project service's hasEditPrivilege, beside streamJobManager (a path of its own). */
const PRIVILEGE = '/api/rest_j/v1/streamis/project/projectPrivilege/hasEditPrivilege';

let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox({ deniedProjects: ['locked'] });
});
afterAll(async () => s.close());

async function ask(projectName: string | undefined, headers: Record<string, string> = { 'Token-Code': s.gz.token, 'Token-User': 'hadoop' }) {
  const url = new URL(`${s.gz.url}${PRIVILEGE}`);
  if (projectName !== undefined) url.searchParams.set('projectName', projectName);
  const res = await fetch(url, { headers });
  return { status: res.status, body: (await res.json()) as { status: number; message: string; method: string; data: Record<string, unknown> } };
}

describe('GET streamis/project/projectPrivilege/hasEditPrivilege', () => {
  test('answers editPrivilege true for a project the user may edit, counted under its own name', async () => {
    const before = s.gz.callCount('projectPrivilege/hasEditPrivilege');
    const res = await ask('p1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 0, method: PRIVILEGE, data: { editPrivilege: true } });
    expect(s.gz.callCount('projectPrivilege/hasEditPrivilege')).toBe(before + 1);
  });

  test('false, not an error, for a denied or blank project', async () => {
    expect((await ask('locked')).body).toMatchObject({ status: 0, data: { editPrivilege: false } });
    expect((await ask('')).body).toMatchObject({ status: 0, data: { editPrivilege: false } });
    expect((await ask(undefined)).body).toMatchObject({ status: 0, data: { editPrivilege: false } });
  });

  test('needs the token like every endpoint behind the gateway', async () => {
    const res = await ask('p1', { 'Token-Code': 'wrong', 'Token-User': 'hadoop' });
    expect(res.status).toBe(401);
    expect(res.body.status).toBe(-1);
  });

  test('is not served under streamJobManager', async () => {
    const res = await fetch(`${s.gz.url}/api/rest_j/v1/streamis/streamJobManager/projectPrivilege/hasEditPrivilege?projectName=p1`, { headers: { 'Token-Code': s.gz.token, 'Token-User': 'hadoop' } });
    expect(res.status).toBe(404);
  });
});
