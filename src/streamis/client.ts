import type { ClusterConfig, Config } from '../config/load.js';
import type { Redactor } from '../util/redact.js';
import * as S from './schemas.js';
import { Transport } from './transport.js';
import { inspectUploadFile, uploadBody, type GeneratedFile, type LateField } from './upload-body.js';

/**
 * The typed Streamis client: one method per endpoint of docs/streamis-contract.md §5, each answer validated
 * with zod. Which calls are retried is decided here, per endpoint: reads, inspect, status,
 * getHAMsg and the absolute HA verdict of updateContent are idempotent; upload, execute, stop,
 * snapshot, bulk calls and ban/enable never are.
 */

export interface StreamisClientOptions {
  timeouts: Config['timeouts'];
  retries: Config['retries'];
  /** `-v`: one line per request and response, Token-Code redacted. */
  trace?: ((line: string) => void) | undefined;
  /** Aborts every call of this client (Ctrl-C): calls then throw InterruptedError. */
  signal?: AbortSignal | undefined;
  /** Named in "no token" errors. */
  configFile?: string | undefined;
  /** The run's secrets: the cluster's token is added to them, and they are kept out of traces and errors. */
  secrets?: Redactor | undefined;
}

export interface UploadOptions {
  /** The zip on disk, or one generated while it is sent (then fileName is required). */
  file: string | GeneratedFile;
  /** The name the server sees; defaults to the file's base name. */
  fileName?: string;
  projectName: string;
  /**
   * The source record: a JSON text or an object to serialize (docs/concepts.md "Source record"), or
   * one known only once the file was sent (it carries the md5 computed on the way), sent after it.
   */
  source: string | Record<string, unknown> | LateField;
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ListJobsOptions {
  projectName: string;
  jobName?: string;
  /** Exact name match (the trailing-comma form of §5.2) instead of a substring search. */
  exact?: boolean;
  jobStatus?: number;
  jobCreator?: string;
  label?: string;
  enable?: boolean;
  jobType?: string;
  pageNow?: number;
  pageSize?: number;
}

/** Names `job/list` can search for exactly (§6.8: no hyphens; the comma is ours). */
const SEARCHABLE_JOB_NAME = /^[A-Za-z0-9_.]+$/;
const SCAN_PAGE_SIZE = 100;
const PROJECT_PRIVILEGE_PREFIX = '/api/rest_j/v1/streamis/project/projectPrivilege/';

export type StreamisClient = ReturnType<typeof createStreamisClient>;

export function createStreamisClient(cluster: ClusterConfig, options: StreamisClientOptions) {
  const http = new Transport(cluster, { retries: options.retries, trace: options.trace, signal: options.signal, configFile: options.configFile, secrets: options.secrets });
  const { requestMs, uploadMs, executeMs } = options.timeouts;
  const read = { idempotent: true, timeoutMs: requestMs } as const;
  const action = { idempotent: false, timeoutMs: executeMs } as const;

  async function listJobs(o: ListJobsOptions) {
    const jobName = o.jobName ? (o.exact ? `${o.jobName},` : o.jobName) : undefined;
    return http.send({
      ...read, endpoint: 'job/list', method: 'GET', path: 'job/list', schema: S.JobListData,
      query: { projectName: o.projectName, jobName, jobStatus: o.jobStatus, jobCreator: o.jobCreator, label: o.label, enable: o.enable, jobType: o.jobType || undefined, pageNow: o.pageNow, pageSize: o.pageSize },
    });
  }

  /** Every page of a job/list search, one page at a time, so a caller may stop early. */
  async function* listPages(o: Omit<ListJobsOptions, 'pageNow' | 'pageSize'>): AsyncGenerator<S.JobTask[]> {
    for (let pageNow = 1; ; pageNow++) {
      const { tasks, totalPage } = await listJobs({ ...o, pageNow, pageSize: SCAN_PAGE_SIZE });
      yield tasks;
      // totalPage is the number of matching jobs, not of pages (docs/streamis-contract.md §5.2).
      if (tasks.length === 0 || pageNow * SCAN_PAGE_SIZE >= totalPage) return;
    }
  }

  return {
    cluster: cluster.name,
    url: cluster.url,

    async upload(o: UploadOptions): Promise<{ jobId: number }> {
      const file = await inspectUploadFile(o.file, o.fileName, cluster);
      const late = isLateField(o.source) ? o.source : undefined;
      const source = typeof o.source === 'string' ? o.source : JSON.stringify(o.source);
      // projectName in the query string, like the web UI; source as a form field (it is long).
      const body = late ? uploadBody(file, [], [['source', late]], o.onProgress) : uploadBody(file, [['source', source]], [], o.onProgress);
      const data = await http.send({
        endpoint: 'job/upload', method: 'POST', path: 'job/upload', schema: S.UploadData, idempotent: false, timeoutMs: uploadMs, signal: o.signal,
        query: { projectName: o.projectName }, body,
      });
      return { jobId: data.jobId };
    },

    listJobs,

    /** The job of that exact name in the project, or undefined. */
    async findJob(projectName: string, jobName: string): Promise<S.JobTask | undefined> {
      if (SEARCHABLE_JOB_NAME.test(jobName)) {
        const { tasks } = await listJobs({ projectName, jobName, exact: true });
        return tasks.find((t) => t.name === jobName);
      }
      // The server refuses such names as a search filter: walk the project's list instead.
      for await (const tasks of listPages({ projectName })) {
        const found = tasks.find((t) => t.name === jobName);
        if (found) return found;
      }
      return undefined;
    },

    /** Every job a job/list search matches, all pages read. */
    async listAllJobs(o: Omit<ListJobsOptions, 'pageNow' | 'pageSize'>): Promise<S.JobTask[]> {
      const rows: S.JobTask[] = [];
      for await (const tasks of listPages(o)) rows.push(...tasks);
      return rows;
    },

    /** Newest version first; `totalPage` is the number of versions. */
    versions: (jobId: number, page: { pageNow?: number; pageSize?: number } = {}) =>
      http.send({ ...read, endpoint: 'job/versions', method: 'GET', path: `job/${jobId}/versions`, schema: S.VersionsData, query: page }),

    version: async (jobId: number, version: string) =>
      (await http.send({ ...read, endpoint: 'job/version', method: 'GET', path: 'job/version', schema: S.VersionData, query: { jobId, version } })).detail,

    jobInfo: async (jobId: number) =>
      (await http.send({ ...read, endpoint: 'job/jobInfo', method: 'GET', path: 'job/jobInfo', schema: S.JobInfoData, query: { jobId } })).jobInfo,

    /** Also the cheapest server-side validation of an uploaded package (§5.6). */
    jobContent: (jobId: number, version?: string) =>
      http.send({ ...read, endpoint: 'job/jobContent', method: 'GET', path: 'job/jobContent', schema: S.JobContentData, query: { jobId, version: version || undefined } }),

    /**
     * Branch A of §5.7: writes the HA verdict into the latest version's source. Never sends
     * `args` (that would create a new version with source `update args`).
     */
    updateHighAvailable: (o: { jobId: number; version: string; highAvailable: boolean; highAvailableMessage: string | null }) =>
      http.send({
        ...read, endpoint: 'job/updateContent', method: 'POST', path: 'job/updateContent', schema: S.UpdateContentData,
        json: { jobId: o.jobId, version: o.version, highAvailable: o.highAvailable, highAvailableMessage: o.highAvailableMessage },
      }),

    /** One job per call: the server answers only for the last id of a list (§5.8). */
    inspect: (jobId: number) => http.send({ ...read, endpoint: 'job/execute/inspect', method: 'PUT', path: 'job/execute/inspect', schema: S.InspectData, query: { jobId } }),

    /** Starts the newest uploaded version; synchronous on the server, hence the long timeout. */
    async execute(jobId: number): Promise<void> {
      await http.send({ ...action, endpoint: 'job/execute', method: 'POST', path: 'job/execute', schema: S.Anything, json: { jobId } });
    },

    /** Jobs that never ran are absent from the answer (§5.10). */
    async status(jobIds: readonly number[]): Promise<S.JobStatus[]> {
      if (jobIds.length === 0) return [];
      const data = await http.send({ ...read, endpoint: 'job/status', method: 'PUT', path: 'job/status', schema: S.StatusData, json: { id_list: jobIds } });
      return data.result;
    },

    /** Always sends skipHookError: without it the server fails with an NPE (§5.11). */
    stop: async (o: { jobId: number; snapshot: boolean; skipHookError: boolean }): Promise<{ path?: string }> => {
      const data = await http.send({ ...action, endpoint: 'job/stop', method: 'GET', path: 'job/stop', schema: S.PathData, query: { jobId: o.jobId, snapshot: o.snapshot, skipHookError: o.skipHookError } });
      return typeof data.path === 'string' ? { path: data.path } : {};
    },

    snapshot: async (jobId: number): Promise<{ path: string | null }> => {
      const data = await http.send({ ...action, endpoint: 'job/snapshot', method: 'PUT', path: `job/snapshot/${jobId}`, schema: S.PathData });
      return { path: data.path ?? null };
    },

    /** The latest task's row (`errDesc`, `solution`...), null when the job never ran. */
    errorMessage: async (jobId: number) =>
      (await http.send({ ...read, endpoint: 'job/execute/errorMsg', method: 'GET', path: 'job/execute/errorMsg', schema: S.ErrorMessageData, query: { jobId } })).details,

    /** Asynchronous on the server: `Success` means "not failed yet"; poll status(). */
    bulkExecution: (jobIds: readonly number[]) =>
      http.send({ ...action, endpoint: 'job/bulk/execution', method: 'POST', path: 'job/bulk/execution', schema: S.BulkData, json: { bulk_sbj: jobIds, sbj_type: 'JOB' } }),

    bulkPause: (jobIds: readonly number[], o: { snapshot: boolean; skipHookError: boolean }) =>
      http.send({ ...action, endpoint: 'job/bulk/pause', method: 'POST', path: 'job/bulk/pause', schema: S.BulkData, json: { bulk_sbj: jobIds, sbj_type: 'JOB', snapshot: o.snapshot, skipHookError: o.skipHookError } }),

    async ban(jobIds: readonly number[]): Promise<void> {
      await http.send({ ...action, timeoutMs: requestMs, endpoint: 'job/ban', method: 'POST', path: 'job/ban', schema: S.Anything, json: jobIds });
    },

    async enable(jobIds: readonly number[]): Promise<void> {
      await http.send({ ...action, timeoutMs: requestMs, endpoint: 'job/enable', method: 'POST', path: 'job/enable', schema: S.Anything, json: jobIds });
    },

    /** Config groups as stored: every value a string (§5.20). */
    jobConfig: (jobId: number) => http.send({ ...read, endpoint: 'config/json', method: 'GET', path: `config/json/${jobId}`, schema: S.JobConfigData }),

    /**
     * Replaces the job's whole configuration (§5.20): send every group as read, changed where
     * meant. Not retried: a lost answer is settled by reading the configuration again.
     */
    async saveJobConfig(jobId: number, config: S.JobConfig): Promise<void> {
      await http.send({ ...action, timeoutMs: requestMs, endpoint: 'config/json', method: 'POST', path: `config/json/${jobId}`, schema: S.Anything, json: config });
    },

    /** Which cluster this is and whether it is the manager (managerSlave starts only there). */
    haMessage: () => http.send({ ...read, endpoint: 'highAvailable/getHAMsg', method: 'GET', path: 'highAvailable/getHAMsg', schema: S.HaMessageData }),

    /** EDIT privilege on a project (the project service, beside streamJobManager); false for an unknown one. */
    hasEditPrivilege: async (projectName: string): Promise<boolean> =>
      (await http.send({ ...read, endpoint: 'projectPrivilege/hasEditPrivilege', method: 'GET', base: PROJECT_PRIVILEGE_PREFIX, path: 'hasEditPrivilege', schema: S.EditPrivilegeData, query: { projectName } })).editPrivilege,

    /** The server's clock as its last answer's `Date` header gave it (second resolution). */
    serverClock: () => http.serverClock,

    username: () => http.send({ ...read, endpoint: 'highAvailable/username', method: 'GET', path: 'highAvailable/username', schema: S.UsernameData }),

    close: () => http.close(),
  };
}

function isLateField(source: UploadOptions['source']): source is LateField {
  return typeof source === 'object' && typeof (source as Partial<LateField>).value === 'function' && typeof (source as Partial<LateField>).sameLengthAs === 'string';
}
