import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteError } from '../../src/errors.js';
import { startSandbox, type Sandbox, type SandboxClusterHandle } from '../../src/sandbox/index.js';
import { clientForCluster } from '../../src/streamis/for-cluster.js';
import { Redactor, secretForms } from '../../src/util/redact.js';
import { clusterConfig, FAST, failure, source, writePackage } from './helpers.js';

/**
 * Tokens of awkward shapes against the sandbox's gateway, which names a refused token in its
 * message: no form of it may reach an error or a trace, and a token that happens to occur in an
 * answer must not spoil the reading of that answer.
 */

const AWKWARD = ['  spaced-token  ', 'quo"ted-token', 'back\\slash-token', 'tökén-ünïcode'];

function leaks(text: string, secret: string): string[] {
  return secretForms(secret).filter((form) => form.length >= 3 && text.includes(form));
}

describe('secrets in the Streamis client', () => {
  let dir: string;
  let sandbox: Sandbox;
  let gz: SandboxClusterHandle;
  let pkg: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stms-client-secrets-'));
    // GZ_UAT's token is one letter: it occurs in every answer.
    sandbox = await startSandbox({ dir: path.join(dir, 'sandbox'), clusters: [{ name: 'GZ_UAT', whetherManager: true, token: 't', startDelayMs: 10 }], writeConfig: false });
    gz = sandbox.clusters.GZ_UAT!;
    pkg = await writePackage(dir, 'p1_j1.zip', { projectName: 'p1', jobName: 'j1' });
  });
  afterAll(async () => {
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a one-letter token: answers are read as sent, an upload lands, and the run is warned once, naming the cluster', async () => {
    const warned: string[] = [];
    const secrets = new Redactor({ onWeakSecret: (owner) => warned.push(owner) });
    const client = clientForCluster(FAST, clusterConfig(gz), { secrets });
    try {
      const { jobId } = await client.upload({ file: pkg, projectName: 'p1', source: source() });
      expect(jobId).toBeGreaterThan(0);
      const found = await client.findJob('p1', 'j1');
      expect(found?.id).toBe(jobId);
      expect((await client.versions(jobId)).versions.length).toBe(1);
      clientForCluster(FAST, clusterConfig(gz), { secrets });
      expect(warned).toEqual(['cluster GZ_UAT']);
    } finally {
      await client.close();
    }
  });

  it('a wrong one-letter token is cut out of the refusal by its place in the message', async () => {
    const trace: string[] = [];
    const client = clientForCluster(FAST, clusterConfig(gz, { tokenCode: 'Q' }), { trace: (l) => trace.push(l), secrets: new Redactor() });
    try {
      const error = await failure(client.haMessage());
      expect(error).toBeInstanceOf(RemoteError);
      expect(error.details.serverMessage).toContain('Token Authentication Failed, token: ***，tokenUser: hadoop');
      expect(JSON.stringify(error.details)).not.toContain('token: Q');
    } finally {
      await client.close();
    }
  });

  it.each(AWKWARD)('a wrong token %j: no form of it in the error, its details or the trace', async (token) => {
    const trace: string[] = [];
    const client = clientForCluster(FAST, clusterConfig(gz, { tokenCode: token }), { trace: (l) => trace.push(l) });
    try {
      const error = await failure(client.listJobs({ projectName: 'p1' }));
      expect(error).toBeInstanceOf(RemoteError);
      expect(error.status).toBe(-1);
      expect(String(error.details.serverMessage)).toContain('Token Authentication Failed');
      // As the --json document would carry it.
      const shown = JSON.stringify({ message: error.message, hint: error.hint, details: error.details }, null, 2);
      expect(leaks(shown, token)).toEqual([]);
      expect(leaks(trace.join('\n'), token)).toEqual([]);
      expect(trace.join('\n')).toContain('Token-Code: ***');
    } finally {
      await client.close();
    }
  });

  it('a right token with spaces around (HTTP trims them) is accepted', async () => {
    const client = clientForCluster(FAST, clusterConfig(gz, { tokenCode: '  t  ' }), {});
    try {
      await expect(client.haMessage()).resolves.toBeDefined();
    } finally {
      await client.close();
    }
  });
});
