import { startSandbox, type SandboxClusterSpec } from '../../src/sandbox/index.js';

/**
 * A sandbox in its own process, so its CPU and memory are not counted as the client's. argv[2]:
 * the state folder; argv[3]: JSON of per-cluster extras (latencyMs, startDelayMs, switches).
 * Prints one JSON line once it listens; stops on SIGTERM.
 */
const dir = process.argv[2];
if (!dir) throw new Error('usage: sandbox <dir> [extras-json]');
const extras = JSON.parse(process.argv[3] ?? '{}') as Partial<SandboxClusterSpec>;
const clusters: SandboxClusterSpec[] = [
  { name: 'GZ_UAT', whetherManager: true, role: 'primary', idc: 'GZ', ...extras },
  { name: 'TJ_UAT', whetherManager: false, role: 'backup', idc: 'TJ', ...extras },
];
const sandbox = await startSandbox({ dir, clusters, reset: true });
process.stdout.write(`${JSON.stringify({ config: sandbox.configFile, cmdb: sandbox.cmdbFile, clusters: Object.fromEntries(Object.values(sandbox.clusters).map((c) => [c.name, { url: c.url, token: c.token }])) })}\n`);
process.once('SIGTERM', () => {
  void sandbox.close().then(() => process.exit(0));
});
