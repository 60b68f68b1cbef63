import { randomBytes, randomUUID } from 'node:crypto';
import { jobStateBase, rootFor } from '../../standby/roots.js';
import { STATUS } from '../../streamis/status-codes.js';
import { confValue, POLICY_KEY } from '../job-config.js';
import type { ClusterStore, StoredJob, StoredTask } from '../state.js';
import type { HdfsTree } from './tree.js';

/**
 * What Flink writes on a cluster's HDFS for the sandbox's tasks. A running task with checkpoints
 * on (`wds.linkis.flink.checkpoint.switch` ON) writes a checkpoint every interval under
 * `{checkpointRoot}/{project}/{job}/{taskId}/{flinkJobId}/chk-N/`: its state files first, its
 * `_metadata` last (a moment later: until then the checkpoint is in progress, as Flink's is), and
 * keeps the newest `retained` (Flink's `state.checkpoints.num-retained`). The task's `checkpoint`
 * names the newest complete one. A savepoint is written as `savepoint-xxxxxx-yyyyyyyyyyyy/` with
 * a state file and `_metadata` under the savepoint root. A stopped task's checkpoints are kept
 * (retained on cancellation, as Streamis configures Flink).
 */

/** The roots the sandbox's config names (`standby` of docs/configuration.md). */
export const SANDBOX_CHECKPOINT_ROOT = '/flink/flink-checkpoints/{schema}';
export const SANDBOX_COPY_ROOT = '/backup/flink-checkpoints/{schema}';
const SAVEPOINT_ROOT = '/flink/savepoints';

export const DEFAULT_CHECKPOINT_INTERVAL_MS = 5_000;
export const DEFAULT_RETAINED_CHECKPOINTS = 3;
const CHECKPOINT_SWITCH = 'wds.linkis.flink.checkpoint.switch';

export interface FlinkStateOptions {
  intervalMs: number;
  retained: number;
}

export class FlinkState {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly ticker: NodeJS.Timeout;

  constructor(
    readonly tree: HdfsTree,
    private readonly store: ClusterStore,
    private readonly options: FlinkStateOptions,
  ) {
    this.ticker = setInterval(() => this.tick(), options.intervalMs);
    this.ticker.unref();
  }

  /** Whether the task's configuration turns checkpoints on. */
  static checkpointing(task: StoredTask): boolean {
    return task.startConfig?.['wds.linkis.flink.produce']?.[CHECKPOINT_SWITCH] === 'ON';
  }

  /** The task reached running: its first checkpoint, complete at once. */
  started(task: StoredTask, job: StoredJob): void {
    if (!FlinkState.checkpointing(task)) return;
    const chk = this.writeStateFiles(task, job);
    this.complete(task, chk);
  }

  /** A savepoint of the task; returns its `hdfs://` path. */
  savepoint(task: StoredTask, job: StoredJob): string {
    const dir = `${SAVEPOINT_ROOT}/${job.projectName}.${job.name}/savepoint-${randomBytes(3).toString('hex')}-${randomBytes(6).toString('hex')}`;
    this.tree.writeFile(`${dir}/${randomUUID()}`, stateSize());
    this.tree.writeFile(`${dir}/_metadata`, metadataSize());
    this.tree.scheduleSave();
    return `hdfs://${dir}`;
  }

  close(): void {
    clearInterval(this.ticker);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private tick(): void {
    for (const task of this.store.data.tasks) {
      if (task.status !== STATUS.RUNNING || !FlinkState.checkpointing(task)) continue;
      const job = this.store.job(task.jobId);
      if (!job) continue;
      const chk = this.writeStateFiles(task, job);
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          // A task that ended meanwhile never completes the checkpoint (it is left without _metadata).
          if (this.store.task(task.id)?.status === STATUS.RUNNING) this.complete(task, chk);
        },
        Math.min(50, Math.round(this.options.intervalMs / 10)),
      );
      this.timers.add(timer);
    }
  }

  /** chk-N with its state files, not yet complete. */
  private writeStateFiles(task: StoredTask, job: StoredJob): { dir: string; number: number } {
    task.flinkJobId ??= randomBytes(16).toString('hex');
    const base = `${jobStateBase(rootFor(SANDBOX_CHECKPOINT_ROOT, confValue(task.startConfig ?? job.config, POLICY_KEY)), job.projectName, job.name)}/${task.id}/${task.flinkJobId}`;
    if (!this.tree.status(base)) {
      // Flink makes the job's checkpoint folder with shared/ (incremental state) and taskowned/.
      this.tree.mkdirs(`${base}/shared`);
      this.tree.mkdirs(`${base}/taskowned`);
    }
    const number = (task.checkpointNumber ?? 0) + 1;
    task.checkpointNumber = number;
    const dir = `${base}/chk-${number}`;
    for (let i = 0; i < 2; i++) this.tree.writeFile(`${dir}/${randomUUID()}`, stateSize());
    this.tree.scheduleSave();
    return { dir, number };
  }

  private complete(task: StoredTask, chk: { dir: string; number: number }): void {
    const now = Date.now();
    this.tree.writeFile(`${chk.dir}/_metadata`, metadataSize(), now);
    task.checkpoint = `hdfs://${chk.dir}`;
    task.checkpointTime = now;
    const base = chk.dir.slice(0, chk.dir.lastIndexOf('/'));
    for (const child of this.tree.list(base) ?? []) {
      const n = /^chk-(\d+)$/.exec(child.name);
      if (n && Number(n[1]) <= chk.number - this.options.retained) this.tree.delete(`${base}/${child.name}`, now);
    }
    this.tree.scheduleSave();
    this.store.persist().catch(() => undefined);
  }
}

function stateSize(): number {
  return 1_024 + Math.floor(Math.random() * 64 * 1_024);
}

function metadataSize(): number {
  return 512 + Math.floor(Math.random() * 4_096);
}
