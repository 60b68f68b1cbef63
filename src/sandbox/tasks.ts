import { isRunning, STATUS } from '../streamis/status-codes.js';
import type { JobConfig } from './job-config.js';
import type { ClusterStore, StoredJob, StoredTask, StoredVersion } from './state.js';

/** A crash armed by a test: the job's running task fails `afterMs` after it reached running. */
export interface CrashSpec {
  afterMs: number;
  message: string;
  /** The server's auto-restart follows: a new task replaces the failed one. */
  restart: boolean;
}

/**
 * The sandbox's stand-in for Linkis and YARN: a new task starts in Starting (8) and, after the
 * cluster's start delay, runs (5) — or fails (6) with an error text when a test armed
 * `failNextStart`, or stays Starting while a test holds it. A running task's checkpoints and
 * savepoints are written on the cluster's HDFS (hdfs/flink-state.ts); it fails when a test armed
 * a crash.
 */

/** What Flink writes for a task (hdfs/flink-state.ts). */
export interface TaskStateWriter {
  started(task: StoredTask, job: StoredJob): void;
  savepoint(task: StoredTask, job: StoredJob): string;
}
export class TaskRunner {
  /** The monitor's auto-restart: launches the job again (set by the cluster, which knows the launch). */
  restartJob: ((job: StoredJob, user: string) => Promise<void>) | undefined;
  private readonly failNext = new Map<string, string>();
  private readonly crashes = new Map<string, CrashSpec>();
  private readonly held = new Set<string>();
  /** Tasks still Starting: how each will end, and whether its delay has passed. */
  private readonly pending = new Map<number, { failMessage: string | undefined; due: boolean }>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly store: ClusterStore,
    private readonly startDelayMs: number,
    private readonly flink: TaskStateWriter,
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

  /** Arms one crash for the job's running task, or for the next task to reach running. */
  crash(projectName: string, jobName: string, spec: CrashSpec): void {
    const job = this.store.jobByName(projectName, jobName);
    const task = job && this.store.latestTask(job.id);
    if (task && isRunning(task.status)) {
      this.scheduleCrash(task, spec);
      return;
    }
    this.crashes.set(key(projectName, jobName), spec);
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

  /** `createTask` of a start: status Starting on the given (latest) version, with what the launch used. */
  createTask(job: StoredJob, version: StoredVersion, user: string, restoredFrom: string | null, startConfig: JobConfig): StoredTask {
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
      savepointTime: null,
      checkpoint: null,
      checkpointTime: null,
      runningTime: null,
      restoredFrom,
      startConfig: structuredClone(startConfig),
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
    return this.takeSavepoint(task, job);
  }

  /** A savepoint of the task, remembered with its time (a later restore may read it back). */
  takeSavepoint(task: StoredTask, job: StoredJob): string {
    task.savepoint = this.flink.savepoint(task, job);
    task.savepointTime = Date.now();
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
    const now = Date.now();
    task.status = entry.failMessage === undefined ? STATUS.RUNNING : STATUS.FAILED;
    task.errDesc = entry.failMessage ?? null;
    task.lastUpdateTime = now;
    if (task.status === STATUS.RUNNING) {
      task.runningTime = now;
      if (job) this.flink.started(task, job);
      const k = job && key(job.projectName, job.name);
      const crash = k === undefined ? undefined : this.crashes.get(k);
      if (k !== undefined && crash) {
        this.crashes.delete(k);
        this.scheduleCrash(task, crash);
      }
    }
    this.store.persist().catch(() => undefined);
  }

  /** The task fails `afterMs` after it reached running (at once if that is past), unless it ended first. */
  private scheduleCrash(task: StoredTask, spec: CrashSpec): void {
    const reached = task.runningTime ?? task.lastUpdateTime;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const current = this.store.task(task.id);
      if (!current || !isRunning(current.status)) return;
      current.status = STATUS.FAILED;
      current.errDesc = spec.message;
      current.lastUpdateTime = Date.now();
      const job = this.store.job(current.jobId);
      if (spec.restart && job && this.restartJob) {
        this.restartJob(job, job.submitUser).catch(() => undefined);
        return;
      }
      this.store.persist().catch(() => undefined);
    }, Math.max(0, reached + spec.afterMs - Date.now()));
    this.timers.add(timer);
  }
}

function key(projectName: string, jobName: string): string {
  return `${projectName}\u0000${jobName}`;
}
