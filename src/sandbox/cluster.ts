import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { handleControl } from './control.js';
import { DownSwitch } from './down-switch.js';
import { launch } from './endpoints/start.js';
import { FaultQueue, normalizeFaultPath } from './fault-queue.js';
import { createClusterServer } from './endpoints/server.js';
import type { ClusterRuntime } from './runtime.js';
import { md5FileSync } from '../package/md5.js';
import { ClusterStore, type StoredVersion } from './state.js';
import { resolveSwitches } from './switches.js';
import { TaskRunner } from './tasks.js';
import { UploadFolders } from './upload-folders.js';
import { DEFAULT_CHECKPOINT_INTERVAL_MS, DEFAULT_RETAINED_CHECKPOINTS, FlinkState } from './hdfs/flink-state.js';
import { StandbyCopier } from './hdfs/standby-copy.js';
import { HdfsTree } from './hdfs/tree.js';
import { handleWebHdfs } from './hdfs/webhdfs.js';
import type {
  FaultSpec,
  SandboxClusterHandle,
  SandboxClusterSpec,
  SandboxCrashSpec,
  SandboxDownMode,
  SandboxJobView,
  SandboxSwitches,
  SandboxSyncSpec,
  SandboxSyncStatus,
  SandboxTaskView,
} from './types.js';

const DEFAULT_START_DELAY_MS = 300;

/** One Streamis-compatible server on 127.0.0.1: its state, its HTTP server and its test controls. */
export class SandboxCluster implements SandboxClusterHandle {
  readonly name: string;
  readonly tokenUser: string;
  url = '';
  private readonly runtime: ClusterRuntime;
  private readonly faults = new FaultQueue();
  private readonly calls = new Map<string, number>();
  private readonly down = new DownSwitch();
  private server: Server | undefined;
  private readonly flink: FlinkState;
  private copier: StandbyCopier | undefined;

  private constructor(
    private readonly spec: SandboxClusterSpec,
    private readonly store: ClusterStore,
    deniedProjects: ReadonlySet<string>,
    readonly hdfs: HdfsTree,
  ) {
    this.name = spec.name;
    this.flink = new FlinkState(hdfs, store, { intervalMs: spec.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS, retained: spec.retainedCheckpoints ?? DEFAULT_RETAINED_CHECKPOINTS });
    this.tokenUser = spec.tokenUser ?? 'hadoop';
    this.runtime = {
      name: spec.name,
      store,
      switches: resolveSwitches(spec.switches),
      whetherManager: spec.whetherManager,
      server: { ip: '127.0.0.1', port: 0 },
      tokenUser: this.tokenUser,
      deniedProjects,
      tasks: new TaskRunner(store, spec.startDelayMs ?? DEFAULT_START_DELAY_MS, this.flink),
      uploadWorkMs: spec.uploadWorkMs ?? 0,
      uploadFolders: new UploadFolders(),
    };
    // The task monitor's restart after a failure goes through the same launch as job/execute.
    this.runtime.tasks.restartJob = async (job, user) => {
      await launch(this.runtime, user, job);
    };
  }

  static async start(spec: SandboxClusterSpec, stateDir: string, deniedProjects: ReadonlySet<string>): Promise<SandboxCluster> {
    const folder = path.join(stateDir, 'clusters', spec.name);
    const store = await ClusterStore.open(folder, spec.token);
    const hdfs = await HdfsTree.open(path.join(folder, 'hdfs.json'));
    const cluster = new SandboxCluster(spec, store, deniedProjects, hdfs);
    await cluster.listen(spec.port ?? 0);
    return cluster;
  }

  get token(): string {
    return this.store.data.token;
  }

  get switches(): SandboxSwitches {
    return this.runtime.switches;
  }

  injectFault(fault: FaultSpec): void {
    this.faults.arm(fault);
  }

  failNextStart(projectName: string, jobName: string, message: string): void {
    this.runtime.tasks.failNextStart(projectName, jobName, message);
  }

  holdStarting(projectName: string, jobName: string, hold: boolean): void {
    this.runtime.tasks.hold(projectName, jobName, hold);
  }

  crash(spec: SandboxCrashSpec): void {
    if (!Number.isFinite(spec.afterMs) || spec.afterMs < 0) throw new Error(`crash afterMs must be 0 or more, not ${spec.afterMs}`);
    this.runtime.tasks.crash(spec.projectName, spec.jobName, { afterMs: spec.afterMs, message: spec.message, restart: spec.restart === true });
  }

  setDown(down: boolean, mode?: SandboxDownMode): void {
    this.down.set(down, mode);
  }

  /** Starts copying this cluster's managerSlave checkpoints to `target` (the other cluster of the pair). */
  copyTo(target: SandboxCluster, intervalMs: number): void {
    this.copier?.close();
    this.copier = new StandbyCopier(
      { name: this.name, tree: this.hdfs, down: () => this.down.current !== undefined },
      { name: target.name, tree: target.hdfs, down: () => target.down.current !== undefined },
      intervalMs,
    );
  }

  setSync(spec: SandboxSyncSpec): void {
    if (!this.copier) throw new Error(`${this.name} is in no pair: nothing copies its checkpoints`);
    this.copier.set(spec);
  }

  syncStatus(): SandboxSyncStatus | undefined {
    return this.copier?.status();
  }

  hdfsStatus(p: string): { type: 'FILE' | 'DIRECTORY'; length: number; modificationTime: number } | undefined {
    const node = this.hdfs.status(p);
    return node && { type: node.type, length: node.length, modificationTime: node.modificationTime };
  }

  setUploadWorkMs(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`upload work must be 0 ms or more, not ${ms}`);
    this.runtime.uploadWorkMs = ms;
  }

  tasks(projectName: string, jobName: string): SandboxTaskView[] {
    const job = this.store.jobByName(projectName, jobName);
    if (!job) throw new Error(`${this.name} has no job ${jobName} in project ${projectName}`);
    return this.store.tasksOf(job.id).map((t) => ({
      id: t.id,
      status: t.status,
      version: t.version,
      restoredFrom: t.restoredFrom ?? null,
      config: structuredClone(t.startConfig ?? {}),
      startedAt: t.startTime,
    }));
  }

  setWhetherManager(value: boolean): void {
    this.runtime.whetherManager = value;
  }

  setSwitches(switches: Partial<SandboxSwitches>): void {
    this.runtime.switches = resolveSwitches(this.runtime.switches, switches);
  }

  callCount(path: string): number {
    return this.calls.get(normalizeFaultPath(path)) ?? 0;
  }

  /** md5 of a version's stored zip, hashed on first request and kept in the state. */
  private md5Of(version: StoredVersion): string | null {
    if (version.md5 === null) {
      const file = this.store.zipPath(version);
      if (file && existsSync(file)) version.md5 = md5FileSync(file);
    }
    return version.md5;
  }

  jobs(): SandboxJobView[] {
    const store = this.store;
    return store.data.jobs.map((job) => {
      const task = store.latestTask(job.id);
      return {
        id: job.id,
        projectName: job.projectName,
        name: job.name,
        jobType: job.jobType,
        enable: job.enable,
        currentVersion: job.currentVersion,
        versions: store
          .versionsOf(job.id)
          .sort((a, b) => a.id - b.id)
          .map((v) => ({ version: v.version, source: v.source, md5: this.md5Of(v) })),
        status: task?.status ?? null,
        errDesc: task?.errDesc ?? null,
      };
    });
  }

  async close(): Promise<void> {
    this.runtime.tasks.close();
    this.flink.close();
    this.copier?.close();
    // Requests held by a 'hang' are let go, and refused.
    this.down.set(true, 'refuse');
    const server = this.server;
    if (server) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
    await Promise.all([this.store.persist(), this.hdfs.save()]);
  }

  private async listen(port: number): Promise<void> {
    const server = createClusterServer({
      runtime: this.runtime,
      token: () => this.store.data.token,
      arrive: (names) => {
        for (const name of new Set(names.map(normalizeFaultPath))) this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
        return this.faults.take(names);
      },
      control: (req, res, p) => handleControl(this, req, res, p),
      webhdfs: (req, res) => handleWebHdfs(this.hdfs, req, res),
      latencyMs: this.spec.latencyMs ?? 0,
      down: this.down,
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    this.runtime.server = { ip: '127.0.0.1', port: address.port };
    this.url = `http://127.0.0.1:${address.port}`;
  }
}
