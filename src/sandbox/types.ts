/**
 * The public shapes of the sandbox (src/sandbox/index.ts re-exports them). Other helpers' tests
 * depend on these exact names.
 */

/** The server switches of one sandbox cluster (streamis-api.md §10), shipped values by default. */
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
  switches?: Partial<SandboxSwitches>;
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
}

export interface FaultSpec {
  /** After /streamJobManager/, e.g. 'job/upload', 'job/execute', or 'job/snapshot/{jobId}'. */
  path: string;
  /**
   * error: answered like a failing gateway, nothing done. delay: the answer waits delayMs, then
   * the server acts. drop: the server acts, then the socket is destroyed. late: the gateway gives
   * up (answers `status`, default 504) once the request is received, and the server acts delayMs
   * later, as a backend still storing a big upload does.
   */
  kind: 'error' | 'delay' | 'drop' | 'late';
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
  /** Requests seen per path (e.g. 'job/upload', 'job/snapshot/{jobId}' or 'job/snapshot/12'). */
  callCount(path: string): number;
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
