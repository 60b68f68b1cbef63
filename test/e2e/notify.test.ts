import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { putJob } from './launch-support.js';

const PAIR = 'GZ_UAT,TJ_UAT';
const KEY = 'wecom-robot-key-5f3a9c';

interface Received {
  url: string;
  headers: IncomingMessage['headers'];
  body: any;
}

/** A chat robot's webhook on 127.0.0.1: records every post, answers `status` (the robots' errcode 0). */
async function startWebhook(): Promise<{ server: Server; port: number; received: Received[]; status: { code: number } }> {
  const received: Received[] = [];
  const status = { code: 200 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(status.code, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, received, status };
}

describe('--notify <url>: the result posted to a webhook', () => {
  let f: SandboxFixture;
  let hook: Awaited<ReturnType<typeof startWebhook>>;
  const url = () => `http://127.0.0.1:${hook.port}/cgi-bin/webhook/send?key=${KEY}`;
  const setFormat = (format: string | undefined) =>
    f.editConfig((c) => {
      if (format === undefined) delete c.notify;
      else c.notify = { format };
    });

  beforeAll(async () => {
    f = await startSandboxFixture({ apps: [{ projectName: 'p1', jobName: 'n1', haPolicy: 'double', clusters: ['GZ_UAT', 'TJ_UAT'] }] });
    await putJob(f, 'n1', 'double', ['GZ_UAT', 'TJ_UAT']);
    hook = await startWebhook();
  }, 60_000);
  beforeEach(async () => {
    hook.received.length = 0;
    hook.status.code = 200;
    await setFormat(undefined);
  });
  afterAll(async () => {
    await new Promise((resolve) => hook.server.close(resolve));
    await f.close();
  });

  it('plain (the default): the --json document itself, the exit code unchanged, the key never shown, even with -v', async () => {
    const { exitCode, json, stderr } = await f.run(['audit', '--clusters', PAIR, '--project', 'p1', '--json', '-v', '--notify', url()]);
    expect(exitCode).toBe(0);
    expect(hook.received).toHaveLength(1);
    const [post] = hook.received;
    expect(post?.url).toBe(`/cgi-bin/webhook/send?key=${KEY}`);
    expect(post?.headers['content-type']).toContain('application/json');
    expect(post?.body).toEqual(json);
    expect(stderr).toContain(`→ webhook POST /cgi-bin/webhook/send?key=***`);
    expect(stderr).toContain(`notified http://127.0.0.1:${hook.port}/cgi-bin/webhook/send?key=***`);
    expect(stderr + JSON.stringify(json)).not.toContain(KEY);
    expect(f.leakedTokens(stderr + JSON.stringify(post?.body))).toEqual([]);
  });

  it('wecom: a short text message in the robot shape, from a batch command', async () => {
    await setFormat('wecom');
    const { exitCode } = await f.run(['check', 'p1/n1', '--clusters', PAIR, '--notify', url()]);
    expect(exitCode).toBe(0);
    expect(hook.received).toHaveLength(1);
    const body = hook.received[0]?.body;
    expect(Object.keys(body)).toEqual(['msgtype', 'text']);
    expect(body.msgtype).toBe('text');
    expect(body.text.content).toBe('stms check: ok\nclusters: GZ_UAT, TJ_UAT\njobs: 1, 1 without failure, 0 failed');
  });

  it('dingtalk: the same shape; a failed command says so and keeps its exit code', async () => {
    await setFormat('dingtalk');
    const { exitCode } = await f.run(['check', 'p1/missing', '--clusters', PAIR, '--notify', url()]);
    expect(exitCode).toBe(6);
    const body = hook.received[0]?.body;
    expect(body.msgtype).toBe('text');
    expect(body.text.content).toMatch(/^stms check: FAILED \(CONSISTENCY\): p1\/missing is not on any of GZ_UAT, TJ_UAT/);
    expect(body.text.content).toContain('jobs: 1, 0 without failure, 1 failed\n- p1/missing: missing: p1/missing is not on any of GZ_UAT, TJ_UAT');
  });

  it('posts a command that failed before it had a result (exit 5) too', async () => {
    f.gz.setDown(true);
    try {
      const { exitCode, stderr } = await f.run(['stop', 'p1/n1', '--clusters', PAIR, '--notify', url()]);
      expect(exitCode).toBe(5);
      expect(stderr).not.toContain(KEY);
    } finally {
      f.gz.setDown(false);
    }
    expect(hook.received[0]?.body).toMatchObject({ ok: false, error: { code: 'REMOTE' } });
  });

  it('a dead webhook is a warning, never a failure: the exit code is the command’s, the key stays hidden', async () => {
    const dead = await startWebhook();
    const port = dead.port;
    await new Promise((resolve) => dead.server.close(resolve));
    const { exitCode, stderr } = await f.run(['audit', '--clusters', PAIR, '--project', 'p1', '-v', '--notify', `http://127.0.0.1:${port}/send?access_token=${KEY}`]);
    expect(exitCode).toBe(0);
    expect(stderr).toContain(`warning: --notify http://127.0.0.1:${port}/send?access_token=***: the result was not posted: webhook notify: `);
    expect(stderr).not.toContain(KEY);
    // One retry at most: two tries in the trace, no more.
    expect(stderr.match(/→ webhook POST/g)).toHaveLength(2);
  });

  it('a webhook answering 500 is tried twice, then warned about; user:password travels as a header, never shown', async () => {
    hook.status.code = 500;
    const { exitCode, stderr } = await f.run(['check', 'p1/n1', '--clusters', PAIR, '-v', '--notify', `http://robot:s3cret-pass-77@127.0.0.1:${hook.port}/hook`]);
    expect(exitCode).toBe(0);
    expect(hook.received).toHaveLength(2);
    expect(hook.received[0]?.headers.authorization).toBe(`Basic ${Buffer.from('robot:s3cret-pass-77').toString('base64')}`);
    expect(stderr).toContain('the result was not posted: the webhook answered HTTP 500');
    expect(stderr).not.toContain('s3cret-pass-77');
    expect(stderr).not.toContain('robot:');
  });

  it('refuses a --notify that is not an http(s) URL (exit 2) without echoing it', async () => {
    const bad = await f.run(['audit', '--clusters', PAIR, '--project', 'p1', '--notify', `not a url ${KEY}`]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('error: --notify: not a URL');
    expect(bad.stderr).not.toContain(KEY);
    const ftp = await f.run(['audit', '--clusters', PAIR, '--project', 'p1', '--notify', `ftp://127.0.0.1/x?key=${KEY}`]);
    expect(ftp.exitCode).toBe(2);
    expect(ftp.stderr).toContain('error: --notify: ftp: is not http or https');
    expect(hook.received).toHaveLength(0);
  });

  it('refuses an unknown notify.format in the config (exit 2)', async () => {
    await setFormat('slack');
    const { exitCode, stderr } = await f.run(['audit', '--clusters', PAIR, '--project', 'p1', '--notify', url()]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('notify.format');
  });
});
