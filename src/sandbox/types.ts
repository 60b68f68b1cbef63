import type { SyncSpec, SyncStatus } from './hdfs/standby-copy.js';

/**
 * The public shapes of the sandbox (src/sandbox/index.ts re-exports them). Other helpers' tests
 * depend on these exact names.
 */

/** The server switches of one sandbox cluster (docs/streamis-contract.md §10), shipped values by default. */
export interface SandboxSwitches {
  /** wds.streamis.app.highavailable.enable (true). */
  highAvailableEnable: boolean;
  /** wds.streamis.app.highavailable.enable.interface.upload (true). */
  enableInterfaceUpload: boolean;
  /** wds.streamis.standard.authentication.key (shipped: true): token required on upload. */
  standardAuthentication: boolean;
  /** wds.streamis.app.highavailable.source ('aomp'). */
  sourceName: string;
  /** wds.streamis.app.highavailable.token ('streamis0.3.8'). */
  sourceToken: string;
  /** wds.streamis.project.name.strict.check.enable (shipped: true). */
  projectNameStrictCheck: boolean;
  /** spring.servlet.multipart.max-file-size in MB (server default 500). */
  maxUploadMB: number;
  /** wds.streamis.job.config.edit.enable (true): `POST config/json` allowed; GET's `editEnable`. */
  configEditEnable: boolean;
}

export type SandboxRole = 'primary' | 'backup' | 'dr';

export interface SandboxClusterSpec {
  name: string;
  whetherManager: boolean;
  role?: SandboxRole;
  idc?: string;
  /** Default: random hex per cluster, persisted in the state folder. */
  token?: string;
  /** Default 'hadoop'. */
  tokenUser?: string;
  /** 0/undefined = any free port. */
  port?: number;
  /** Starting -> running delay (default 300 ms). */
  startDelayMs?: number;
  /** Added to every API answer, to stand for a gateway far away (benchmarks use 20 ms). */
  latencyMs?: number;
  /**
   * How long an upload works in its temp folder (unzip, BML) after receipt (default 0). While it
   * does, another upload of a zip of the same name by the same user in the same second destroys it.
   */
  uploadWorkMs?: number;
  switches?: Partial<SandboxSwitches>;
  /** How often a running task with checkpoints on writes one (default 5000 ms). */
  checkpointIntervalMs?: number;
  /** How many complete checkpoints a task keeps (Flink's state.checkpoints.num-retained; default 3). */
  retainedCheckpoints?: number;
}

export interface SandboxOptions {
  dir: string;
  /** Default GZ_UAT (primary, manager), TJ_UAT (backup), SH_DR (dr). */
  clusters?: SandboxClusterSpec[];
  /** Cluster i listens on portBase+i, the CMDB on portBase+clusters.length. */
  portBase?: number;
  reset?: boolean;
  /** Projects where the user has no EDIT privilege (to test that path). */
  deniedProjects?: string[];
  /** Write dir/stms.config.json + dir/cmdb.json (default true). */
  writeConfig?: boolean;
  /** How often the checkpoints of managerSlave jobs are copied to the pair's other cluster (default 5000 ms). */
  syncIntervalMs?: number;
}

export interface FaultSpec {
  /** After /streamJobManager/, e.g. 'job/upload', 'job/execute', or 'job/snapshot/{jobId}'. */
  path: string;
  /**
   * error: answered like a failing gateway, nothing done. delay: the answer waits delayMs, then
   * the server acts. drop: the socket is destroyed as the request arrives, before the server acts.
   * lost: the server carries the request out fully, then the socket is destroyed without an
   * answer. late: the gateway gives up (answers `status`, default 504) once the request is
   * received, and the server acts delayMs later, as a backend still storing a big upload does
   * (an upload only; on other paths it acts like lost with a 504 answer).
   */
  kind: 'error' | 'delay' | 'drop' | 'lost' | 'late';
  /** For 'error', default 503. */
  status?: number;
  delayMs?: number;
  /** Default 1. */
  count?: number;
}

export interface SandboxVersionView {
  version: string;
  source: string | null;
  /** md5 of the stored zip (an args edit shares the zip of the version it came from). */
  md5: string | null;
}

export interface SandboxJobView {
  id: number;
  projectName: string;
  name: string;
  jobType: string;
  enable: boolean;
  currentVersion: string;
  /** Oldest first. */
  versions: SandboxVersionView[];
  /** Status code of the latest task, null when the job never started. */
  status: number | null;
  /** errDesc of the latest task. */
  errDesc: string | null;
}

export interface SandboxCrashSpec {
  projectName: string;
  jobName: string;
  /** The running task fails this long after it reached running (at once if that is past). */
  afterMs: number;
  /** The task's error text (errDesc: job/status message, errorMsg, execute/history stopCause). */
  message: string;
  /** The server's auto-restart follows: a new task replaces the failed one. Default false. */
  restart?: boolean;
}

/** refuse: sockets destroyed at once. hang: requests wait until the cluster is up again. */
export type SandboxDownMode = 'refuse' | 'hang';

/** One task of a job as the sandbox launched it. */
export interface SandboxTaskView {
  id: number;
  status: number;
  version: string;
  /** The savepoint/checkpoint the launch restored from, null for a fresh start. */
  restoredFrom: string | null;
  /** The job configuration the launch used (groups of string values). */
  config: Record<string, Record<string, string>>;
  /** startTime, epoch ms. */
  startedAt: number;
}

/** POST /__sandbox/sync: pause or resume the standby copy (hdfs/standby-copy.ts). */
export type SandboxSyncSpec = SyncSpec;
export type SandboxSyncStatus = SyncStatus;

export interface SandboxClusterHandle {
  name: string;
  /** Origin, http://127.0.0.1:PORT. */
  url: string;
  token: string;
  tokenUser: string;
  /** The next `count` calls of that path get the fault. */
  injectFault(fault: FaultSpec): void;
  /** The next start of that job ends Failed (6) with that errDesc. */
  failNextStart(projectName: string, jobName: string, message: string): void;
  /** While held, a start of that job stays Starting (8). */
  holdStarting(projectName: string, jobName: string, hold: boolean): void;
  setWhetherManager(value: boolean): void;
  setSwitches(switches: Partial<SandboxSwitches>): void;
  /** One shot: the job's running task (or the next to run) fails; see SandboxCrashSpec. */
  crash(spec: SandboxCrashSpec): void;
  /** While down, every API request is refused or hangs; the controls keep answering. */
  setDown(down: boolean, mode?: SandboxDownMode): void;
  /** How long uploads work in their temp folder (see SandboxClusterSpec.uploadWorkMs). */
  setUploadWorkMs(ms: number): void;
  /** The job's tasks, oldest first; throws when there is no such job. */
  tasks(projectName: string, jobName: string): SandboxTaskView[];
  /** Requests seen per path (e.g. 'job/upload', 'job/snapshot/{jobId}' or 'job/snapshot/12'). */
  callCount(path: string): number;
  /** Pauses or resumes the copy of this cluster's managerSlave checkpoints to its pair (see hdfs/standby-copy.ts); throws when it has none. */
  setSync(spec: SandboxSyncSpec): void;
  syncStatus(): SandboxSyncStatus | undefined;
  /** The cluster's HDFS: a file or folder's type, length and modification time, undefined when absent. */
  hdfsStatus(path: string): { type: 'FILE' | 'DIRECTORY'; length: number; modificationTime: number } | undefined;
  jobs(): SandboxJobView[];
}

export interface Sandbox {
  dir: string;
  configFile: string;
  cmdbFile: string;
  cmdbUrl: string;
  clusters: Record<string, SandboxClusterHandle>;
  close(): Promise<void>;
}
