import { startSandbox, type SandboxClusterSpec } from '../../src/sandbox/index.js';

/**
 * One sandbox cluster in its own process, as each real cluster is its own server: its CPU and
 * memory are not counted as the client's, and two clusters do not share one event loop.
 * argv[2]: the state folder; argv[3]: JSON of cluster extras (latencyMs, startDelayMs,
 * switches); argv[4]: the cluster name (GZ_UAT or TJ_UAT). Prints one JSON line once it listens.
 */
const dir = process.argv[2];
if (!dir) throw new Error('usage: sandbox <dir> [extras-json]');
const extras = JSON.parse(process.argv[3] ?? '{}') as Partial<SandboxClusterSpec>;
const known: SandboxClusterSpec[] = [
  { name: 'GZ_UAT', whetherManager: true, role: 'primary', idc: 'GZ', ...extras },
  { name: 'TJ_UAT', whetherManager: false, role: 'backup', idc: 'TJ', ...extras },
];
const clusters = known.filter((c) => c.name === (process.argv[4] ?? c.name));
const sandbox = await startSandbox({ dir, clusters, reset: true });
process.stdout.write(`${JSON.stringify({ config: sandbox.configFile, cmdb: sandbox.cmdbFile, clusters: Object.fromEntries(Object.values(sandbox.clusters).map((c) => [c.name, { url: c.url, token: c.token }])) })}\n`);
process.once('SIGTERM', () => {
  void sandbox.close().then(() => process.exit(0));
});
