import type { SandboxClusterHandle, SandboxClusterSpec } from '../../src/sandbox/index.js';
import { clientFor, eventually } from '../streamis/helpers.js';
import { jobView } from './launch-support.js';

/** Shared pieces of the standby and switchover end-to-end tests. */

/** Fast checkpoints (every 400 ms, 3 kept) and a fast copy, so ages and copies move within a test. */
export const STANDBY_CLUSTERS: SandboxClusterSpec[] = [
  { name: 'GZ_UAT', whetherManager: true, role: 'primary', idc: 'GZ', startDelayMs: 40, checkpointIntervalMs: 400, retainedCheckpoints: 3 },
  { name: 'TJ_UAT', whetherManager: false, role: 'backup', idc: 'TJ', startDelayMs: 40, checkpointIntervalMs: 400, retainedCheckpoints: 3 },
  { name: 'SH_DR', whetherManager: false, role: 'dr', idc: 'SH', startDelayMs: 40 },
];
export const SYNC_INTERVAL_MS = 150;

/** The produce-group key that turns checkpoints on. */
export const CHECKPOINTS_ON = { 'wds.linkis.flink.checkpoint.switch': 'ON' };

export async function control(cluster: SandboxClusterHandle, what: string, body?: unknown): Promise<any> {
  const res = await fetch(`${cluster.url}/__sandbox/${what}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/** Waits until the copy of the job's checkpoints exists on `target`'s copy root. */
export async function copied(target: SandboxClusterHandle, job: string, project = 'p1'): Promise<void> {
  await eventually(async () => (target.hdfsStatus(`/backup/flink-checkpoints/managerSlave/${project}/${job}`) ? true : undefined));
}

/** Stops the job on the cluster, without a savepoint, as another tool would. */
export async function stopOn(cluster: SandboxClusterHandle, job: string, project = 'p1'): Promise<void> {
  const client = clientFor(cluster);
  try {
    await client.stop({ jobId: jobView(cluster, job, project)?.id as number, snapshot: false, skipHookError: false });
  } finally {
    await client.close();
  }
}

/**
 * Leaves the newest copied checkpoint of the job half copied: the copy is paused, a newer
 * checkpoint is written, the job is stopped there (its checkpoints stay), and one round copies a
 * single file (the newest checkpoint's _metadata) before pausing again. No other managerSlave job
 * may run on `source` (the round takes the newest checkpoint of all).
 */
export async function halfCopy(source: SandboxClusterHandle, job: string): Promise<void> {
  await control(source, 'sync', { paused: true });
  await new Promise((r) => setTimeout(r, 600));
  await stopOn(source, job);
  await control(source, 'sync', { paused: false, haltAfterFiles: 1 });
  await eventually(async () => ((await control(source, 'sync')).paused ? true : undefined));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
