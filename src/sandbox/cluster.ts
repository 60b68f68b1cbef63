import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { handleControl } from './control.js';
import { FaultQueue, normalizeFaultPath } from './fault-queue.js';
import { createClusterServer } from './endpoints/server.js';
import type { ClusterRuntime } from './runtime.js';
import { md5FileSync } from '../package/md5.js';
import { ClusterStore, type StoredVersion } from './state.js';
import { resolveSwitches } from './switches.js';
import { TaskRunner } from './tasks.js';
import type { FaultSpec, SandboxClusterHandle, SandboxClusterSpec, SandboxJobView, SandboxSwitches } from './types.js';

const DEFAULT_START_DELAY_MS = 300;

/** One Streamis-compatible server on 127.0.0.1: its state, its HTTP server and its test controls. */
export class SandboxCluster implements SandboxClusterHandle {
  readonly name: string;
  readonly tokenUser: string;
  url = '';
  private readonly runtime: ClusterRuntime;
  private readonly faults = new FaultQueue();
  private readonly calls = new Map<string, number>();
  private server: Server | undefined;

  private constructor(
    private readonly spec: SandboxClusterSpec,
    private readonly store: ClusterStore,
    deniedProjects: ReadonlySet<string>,
  ) {
    this.name = spec.name;
    this.tokenUser = spec.tokenUser ?? 'hadoop';
    this.runtime = {
      name: spec.name,
      store,
      switches: resolveSwitches(spec.switches),
      whetherManager: spec.whetherManager,
      server: { ip: '127.0.0.1', port: 0 },
      tokenUser: this.tokenUser,
      deniedProjects,
      tasks: new TaskRunner(store, spec.startDelayMs ?? DEFAULT_START_DELAY_MS),
    };
  }

  static async start(spec: SandboxClusterSpec, stateDir: string, deniedProjects: ReadonlySet<string>): Promise<SandboxCluster> {
    const store = await ClusterStore.open(path.join(stateDir, 'clusters', spec.name), spec.token);
    const cluster = new SandboxCluster(spec, store, deniedProjects);
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
    const server = this.server;
    if (server) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
    await this.store.persist();
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
      latencyMs: this.spec.latencyMs ?? 0,
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
