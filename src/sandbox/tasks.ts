import { randomBytes } from 'node:crypto';
import { STATUS } from '../streamis/status-codes.js';
import type { ClusterStore, StoredJob, StoredTask, StoredVersion } from './state.js';

/**
 * The sandbox's stand-in for Linkis and YARN: a new task starts in Starting (8) and, after the
 * cluster's start delay, runs (5) — or fails (6) with an error text when a test armed
 * `failNextStart`, or stays Starting while a test holds it.
 */
export class TaskRunner {
  private readonly failNext = new Map<string, string>();
  private readonly held = new Set<string>();
  /** Tasks still Starting: how each will end, and whether its delay has passed. */
  private readonly pending = new Map<number, { failMessage: string | undefined; due: boolean }>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly store: ClusterStore,
    private readonly startDelayMs: number,
  ) {
    // After a restart, starts in flight finish and stops in flight complete.
    for (const task of store.data.tasks) {
      if (task.status === STATUS.STARTING) this.schedule(task.id, undefined);
      if (task.status === STATUS.STOPPING) task.status = STATUS.STOPPED;
    }
  }

  failNextStart(projectName: string, jobName: string, message: string): void {
    this.failNext.set(key(projectName, jobName), message);
  }

  hold(projectName: string, jobName: string, hold: boolean): void {
    const k = key(projectName, jobName);
    if (hold) {
      this.held.add(k);
      return;
    }
    this.held.delete(k);
    const job = this.store.jobByName(projectName, jobName);
    if (!job) return;
    for (const [taskId, entry] of this.pending) {
      if (entry.due && this.store.task(taskId)?.jobId === job.id) this.settle(taskId);
    }
  }

  /** `createTask` of a start: status Starting on the given (latest) version. */
  createTask(job: StoredJob, version: StoredVersion, user: string): StoredTask {
    const id = this.store.nextId('task');
    const now = Date.now();
    const task: StoredTask = {
      id,
      jobId: job.id,
      jobVersionId: version.id,
      version: version.version,
      status: STATUS.STARTING,
      errDesc: null,
      submitUser: user,
      startTime: now,
      lastUpdateTime: now,
      linkisJobId: String(100_000 + id),
      applicationId: `application_${now}_${String(id).padStart(4, '0')}`,
      savepoint: null,
    };
    this.store.data.tasks.push(task);
    const k = key(job.projectName, job.name);
    const failMessage = this.failNext.get(k);
    this.failNext.delete(k);
    this.schedule(id, failMessage);
    return task;
  }

  /** A launch that failed at once: the task ends Failed with the scheduler's output. */
  failNow(task: StoredTask, errDesc: string): void {
    this.pending.delete(task.id);
    task.status = STATUS.FAILED;
    task.errDesc = errDesc;
    task.lastUpdateTime = Date.now();
  }

  /** Stops a task that is not completed; returns the savepoint path when one was asked for. */
  stop(task: StoredTask, job: StoredJob, snapshot: boolean): string | undefined {
    this.pending.delete(task.id);
    task.status = STATUS.STOPPED;
    task.lastUpdateTime = Date.now();
    if (!snapshot) return undefined;
    task.savepoint = savepointPath(job);
    return task.savepoint;
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(taskId: number, failMessage: string | undefined): void {
    this.pending.set(taskId, { failMessage, due: false });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const entry = this.pending.get(taskId);
      if (!entry) return;
      entry.due = true;
      this.settle(taskId);
    }, this.startDelayMs);
    this.timers.add(timer);
  }

  private settle(taskId: number): void {
    const entry = this.pending.get(taskId);
    const task = this.store.task(taskId);
    if (!entry || !task || task.status !== STATUS.STARTING) {
      this.pending.delete(taskId);
      return;
    }
    const job = this.store.job(task.jobId);
    if (job && this.held.has(key(job.projectName, job.name))) return;
    this.pending.delete(taskId);
    task.status = entry.failMessage === undefined ? STATUS.RUNNING : STATUS.FAILED;
    task.errDesc = entry.failMessage ?? null;
    task.lastUpdateTime = Date.now();
    this.store.persist().catch(() => undefined);
  }
}

export function savepointPath(job: StoredJob): string {
  return `hdfs:///flink/savepoints/${job.projectName}.${job.name}/savepoint-${randomBytes(3).toString('hex')}-${randomBytes(6).toString('hex')}`;
}

function key(projectName: string, jobName: string): string {
  return `${projectName}\u0000${jobName}`;
}
