import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STMS_BIN } from '../support/run-stms.js';
import { startSandboxFixture, type SandboxFixture } from '../support/sandbox-fixture.js';
import { policyPackage, versionsOn } from './release-support.js';

/** Config and vars files as they come from the field: BOMs, duplicates, bombs, secrets kept elsewhere. */

let f: SandboxFixture;
beforeEach(async () => {
  f = await startSandboxFixture();
  await policyPackage(f, 'j1', 'double', ['GZ_UAT', 'TJ_UAT']);
});
afterEach(async () => {
  await f.close();
});

const STATUS = ['status', 'p1/j1', '--clusters', 'GZ_UAT', '--json'];

async function configText(): Promise<string> {
  return await readFile(f.configFile, 'utf8');
}

describe('config and vars files', () => {
  it('a config with a byte order mark reads like one without', async () => {
    await writeFile(f.configFile, `\uFEFF${await configText()}`);
    const run = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(run.exitCode).toBe(0);
    expect(run.json.clusters.GZ_UAT.outcome).toBe('uploaded');
  });

  it('a vars file with a byte order mark reads like one without', async () => {
    const vars = await readFile(path.join(f.dir, 'vars.json'), 'utf8');
    await writeFile(path.join(f.dir, 'vars.yaml'), `\uFEFF${vars}`);
    const run = await f.run(['validate', 'j1.zip', '--vars', 'vars.yaml', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(run.exitCode).toBe(0);
    expect(run.json.ok).toBe(true);
  });

  it('a key written twice in a JSON config is an error naming the key, not the last one silently', async () => {
    const text = (await configText()).replace('"deployUser": "alexyang"', '"deployUser": "alexyang", "deployUser": "mallory"');
    expect(text).toContain('mallory');
    await writeFile(f.configFile, text);
    const run = await f.run(STATUS);
    expect(run.exitCode).toBe(2);
    expect(run.json.error.code).toBe('CONFIG');
    expect(run.json.error.message).toMatch(/stms\.config\.json: deployUser: the key appears twice \(line \d+, column \d+\)/);
  });

  it('a vars file of nested YAML aliases is refused at once, naming the limit', async () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    lines.push('global: { BOMB: *a9 }');
    await writeFile(path.join(f.dir, 'bomb.yaml'), `${lines.join('\n')}\n`);
    // Expanded, this is 10^10 values: walking it would not end within the test's time limit.
    const run = await f.run(['validate', 'j1.zip', '--vars', 'bomb.yaml', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(run.exitCode).toBe(2);
    expect(run.json.error.message).toContain('bomb.yaml: too large once its YAML aliases are expanded (more than 100,000 values)');
  });
});

describe('gateway urls', () => {
  it('a url with user:password@ is refused, naming the field and tokenCode, never printing the password', async () => {
    await f.editConfig((c) => {
      c.clusters.GZ_UAT.url = c.clusters.GZ_UAT.url.replace('http://', 'http://hadoop:s3cretPass@');
    });
    for (const args of [STATUS, STATUS.slice(0, -1)]) {
      const run = await f.run(args);
      expect(run.exitCode).toBe(2);
      const text = run.stdout + run.stderr;
      expect(text).toContain('clusters.GZ_UAT.url: holds a user name or password (user:password@): give the token in tokenCode');
      expect(text).not.toContain('s3cretPass');
    }
  });
});

describe('tokens from files, commands and the environment', () => {
  const gzToken = () => f.gz.token;

  async function useTokenSource(source: Record<string, unknown>): Promise<void> {
    await f.editConfig((c) => {
      delete c.clusters.GZ_UAT.tokenCode;
      Object.assign(c.clusters.GZ_UAT, source);
    });
  }

  it('tokenFile readable by its owner only: used, never printed', async () => {
    await writeFile(path.join(f.dir, 'gz.token'), `${gzToken()}\n`, { mode: 0o600 });
    await useTokenSource({ tokenFile: './gz.token' });
    await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT']);
    const run = await f.run(['status', 'p1/j1', '--clusters', 'GZ_UAT', '-v']);
    expect(run.exitCode).toBe(0);
    expect(f.leakedTokens(run.stdout + run.stderr)).toEqual([]);
  });

  it('tokenFile readable by the group or the world is refused as ssh refuses a key', async () => {
    const file = path.join(f.dir, 'gz.token');
    await writeFile(file, gzToken());
    await chmod(file, 0o644);
    await useTokenSource({ tokenFile: './gz.token' });
    const run = await f.run(STATUS);
    expect(run.exitCode).toBe(2);
    expect(run.json.error.message).toContain(`clusters.GZ_UAT.tokenFile: ${file} can be read by others (mode 644)`);
    expect(run.stderr).toContain(`chmod 600 ${file}`);
    expect(f.leakedTokens(run.stdout + run.stderr)).toEqual([]);
  });

  it('tokenCommand: run without a shell; its stdout is the token', async () => {
    const script = path.join(f.dir, 'secret.mjs');
    await writeFile(script, `process.stdout.write(${JSON.stringify(gzToken())} + '\\n');\n`);
    // A shell would expand $HOME and the semicolon; as an argument list they reach the script as written.
    await useTokenSource({ tokenCommand: [process.execPath, script, '$HOME; rm -rf x'] });
    await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT']);
    const run = await f.run(['status', 'p1/j1', '--clusters', 'GZ_UAT', '--json']);
    expect(run.exitCode).toBe(0);
    expect(f.leakedTokens(run.stdout + run.stderr)).toEqual([]);
  });

  it('a tokenCommand that fails: exit 2 naming the field and its exit code; what it printed is never shown', async () => {
    const script = path.join(f.dir, 'secret.mjs');
    await writeFile(script, `process.stderr.write('vault said: ' + ${JSON.stringify(gzToken())}); process.exit(3);\n`);
    await useTokenSource({ tokenCommand: [process.execPath, script] });
    const run = await f.run(STATUS);
    expect(run.exitCode).toBe(2);
    expect(run.json.error.message).toContain('clusters.GZ_UAT.tokenCommand:');
    expect(run.json.error.message).toContain('exited with 3');
    expect(run.stdout + run.stderr).not.toContain('vault said');
    expect(f.leakedTokens(run.stdout + run.stderr)).toEqual([]);
  });

  it('a tokenCommand that hangs is stopped after the request timeout', async () => {
    const script = path.join(f.dir, 'hang.mjs');
    await writeFile(script, 'setTimeout(() => {}, 60_000);\n');
    await useTokenSource({ tokenCommand: [process.execPath, script] });
    await f.editConfig((c) => {
      c.timeouts.request = '1s';
    });
    const run = await f.run(STATUS);
    expect(run.exitCode).toBe(2);
    expect(run.json.error.message).toContain('did not answer within 1 s');
  });

  it('two token sources for one cluster are refused', async () => {
    await f.editConfig((c) => {
      c.clusters.GZ_UAT.tokenFile = './gz.token';
    });
    const run = await f.run(STATUS);
    expect(run.exitCode).toBe(2);
    expect(run.json.error.message).toContain('clusters.GZ_UAT.tokenCode: give the token one way: tokenCode, tokenFile or tokenCommand, not several');
  });

  it('a token with a character no HTTP header can carry is a config error, not retries and exit 5', async () => {
    const run = await f.run(STATUS, { STMS_TOKEN_GZ_UAT: `${gzToken()}\nX` });
    expect(run.exitCode).toBe(2);
    expect(run.json.error.message).toContain('STMS_TOKEN_GZ_UAT: the token holds a character an HTTP header cannot carry (U+000A at position');
    expect(f.gz.callCount('job/list')).toBe(0);
    expect(f.leakedTokens(run.stdout + run.stderr)).toEqual([]);
  });

  it('tokenCode: ${UNSET} names the variable that is not set', async () => {
    await useTokenSource({ tokenCode: '${MY_GZ_SECRET}' });
    const run = await f.run(STATUS);
    expect(run.exitCode).toBe(2);
    expect(run.json.error.message).toContain('cluster GZ_UAT has no tokenCode');
    expect(run.json.error.message).toContain('${MY_GZ_SECRET}, which is not set in the environment');
  });
});

describe('signals and retries', () => {
  it('SIGTERM stops a release as Ctrl-C does, records it, and exits 143 saying terminated', async () => {
    f.tj.injectFault({ path: 'job/upload', kind: 'delay', delayMs: 20_000 });
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('STMS_')));
    const child = execa('node', [STMS_BIN, 'release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT'], { cwd: f.dir, env: { ...env, NO_COLOR: '1', CI: 'true' }, extendEnv: false, reject: false });
    const releases = path.join(f.stateDir, 'releases');
    for (let i = 0; i < 200 && f.tj.callCount('job/upload') === 0; i++) await sleep(50);
    await sleep(200);
    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(143);
    expect(String(result.stderr)).toContain('terminated');
    const [name] = (await readdir(releases)).filter((n) => n.endsWith('.json'));
    const journal = JSON.parse(await readFile(path.join(releases, name as string), 'utf8'));
    expect(journal.clusters.TJ_UAT.outcome).toBe('interrupted');
  });

  it('an upload answered 503 is retried after its backoff, not after the settle window', async () => {
    // With a settle window this long, waiting it out even once would exceed the test's time limit.
    await f.editConfig((c) => {
      c.timeouts.settle = '10m';
    });
    f.tj.injectFault({ path: 'job/upload', kind: 'error', status: 503, count: 2 });
    const run = await f.run(['release', 'j1.zip', '--clusters', 'GZ_UAT,TJ_UAT', '--json']);
    expect(run.exitCode).toBe(0);
    expect(run.json.clusters.TJ_UAT).toMatchObject({ outcome: 'uploaded', version: 'v00001' });
    expect(f.tj.callCount('job/upload')).toBe(3);
    expect(versionsOn(f.tj, 'j1')).toBe(1);
  }, 60_000);
});

describe('stms demo', () => {
  it('forgets the journals of earlier runs, as its sandbox is new', async () => {
    const dir = path.join(f.dir, 'demo');
    await mkdir(path.join(dir, '.stms', 'releases'), { recursive: true });
    await writeFile(path.join(dir, '.stms', 'releases', '20200101-000000-old.json'), '{}');
    const run = await f.run(['demo', '--dir', dir, '--json']);
    expect(run.exitCode).toBe(0);
    const left = await readdir(path.join(dir, '.stms', 'releases'));
    expect(left).not.toContain('20200101-000000-old.json');
    expect(left.length).toBeGreaterThan(0);
  }, 180_000);
});
