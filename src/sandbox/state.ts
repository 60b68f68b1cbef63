import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { StmsError } from '../errors.js';
import { writeJsonAtomic } from '../util/atomic-write.js';
import type { JobConfig } from './job-config.js';

/**
 * One cluster's database, kept in `<dir>/clusters/<NAME>/state.json` and written atomically after
 * every change, so a restart keeps jobs, versions, tasks and the token. Stored zips live beside
 * it under `packages/`.
 */

export interface StoredJob {
  id: number;
  name: string;
  projectName: string;
  jobType: string;
  createBy: string;
  submitUser: string;
  label: string | null;
  description: string | null;
  createTime: number;
  enable: boolean;
  currentVersion: string;
  config: JobConfig;
}

export interface StoredVersion {
  id: number;
  jobId: number;
  version: string;
  source: string | null;
  jobContent: string;
  comment: string;
  createTime: number;
  createBy: string;
  /** Root files of the package (what the server pushed to BML), with their file ids. */
  files: Array<{ id: number; name: string }>;
  /** Path of the stored zip relative to the cluster folder. */
  zip: string | null;
  md5: string | null;
}

export interface StoredTask {
  id: number;
  jobId: number;
  jobVersionId: number;
  version: string;
  status: number;
  errDesc: string | null;
  submitUser: string;
  startTime: number;
  lastUpdateTime: number;
  linkisJobId: string;
  applicationId: string;
  /** Where the last savepoint of this task went (restore reads it back). */
  savepoint: string | null;
  /** When that savepoint was taken (states of a previous sandbox version lack it). */
  savepointTime?: number | null;
  /** The newest complete checkpoint the task wrote (running with checkpoints on), and when. */
  checkpoint?: string | null;
  checkpointTime?: number | null;
  /** The Flink job id its checkpoints are written under, and the number of its last chk-N. */
  flinkJobId?: string;
  checkpointNumber?: number;
  /** When the task reached running. */
  runningTime?: number | null;
  /** The savepoint/checkpoint the launch restored from, null for a fresh start. */
  restoredFrom?: string | null;
  /** A copy of the job configuration the launch used. */
  startConfig?: JobConfig;
}

export interface ClusterData {
  token: string;
  nextId: { job: number; version: number; task: number; file: number };
  jobs: StoredJob[];
  versions: StoredVersion[];
  tasks: StoredTask[];
}

/** The outline of state.json, checked on load so a damaged file is named instead of crashing later. */
const StateOutline = z.looseObject({
  token: z.string().min(1),
  nextId: z.looseObject({ job: z.number().int(), version: z.number().int(), task: z.number().int(), file: z.number().int() }),
  jobs: z.array(z.looseObject({ id: z.number().int(), config: z.record(z.string(), z.unknown()) })),
  versions: z.array(z.looseObject({ id: z.number().int(), jobId: z.number().int(), version: z.string() })),
  tasks: z.array(z.looseObject({ id: z.number().int(), jobId: z.number().int(), status: z.number().int() })),
});

export class ClusterStore {
  readonly folder: string;
  readonly file: string;
  data: ClusterData;
  private writing: Promise<void> = Promise.resolve();
  private queued = false;

  private constructor(folder: string, data: ClusterData) {
    this.folder = folder;
    this.file = path.join(folder, 'state.json');
    this.data = data;
  }

  static async open(folder: string, token: string | undefined): Promise<ClusterStore> {
    await mkdir(path.join(folder, 'packages'), { recursive: true });
    // Half-received uploads of a previous run are of no use.
    await rm(path.join(folder, 'uploads'), { recursive: true, force: true });
    await mkdir(path.join(folder, 'uploads'), { recursive: true });
    const file = path.join(folder, 'state.json');
    let data: ClusterData | undefined;
    const damaged = (why: string) =>
      new StmsError('LOCAL_STATE', `${file}: cannot read the sandbox state: ${why}`, {
        hint: 'Delete that file (its cluster then starts empty), or start the sandbox with --reset to clear every cluster.',
      });
    let text: string | undefined;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw damaged((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    }
    if (text !== undefined) {
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (error) {
        throw damaged(`not JSON (${(error as Error).message})`);
      }
      const outline = StateOutline.safeParse(raw);
      if (!outline.success) {
        const issue = outline.error.issues[0];
        throw damaged(`not a sandbox state (${issue ? `${issue.path.join('.') || '(top)'}: ${issue.message}` : 'unexpected shape'})`);
      }
      data = raw as ClusterData;
    }
    data ??= { token: randomBytes(16).toString('hex'), nextId: { job: 1, version: 1, task: 1, file: 1 }, jobs: [], versions: [], tasks: [] };
    if (token) data.token = token;
    const store = new ClusterStore(folder, data);
    await store.persist();
    return store;
  }

  static async reset(folder: string): Promise<void> {
    await rm(folder, { recursive: true, force: true });
  }

  /** Writes the current state; concurrent calls coalesce, and each resolves once its change is on disk. */
  persist(): Promise<void> {
    if (this.queued) return this.writing;
    this.queued = true;
    // One failed write (a folder removed under us) must not fail every later one.
    this.writing = this.writing.catch(() => undefined).then(async () => {
      this.queued = false;
      await writeJsonAtomic(this.file, this.data);
    });
    return this.writing;
  }

  nextId(kind: keyof ClusterData['nextId']): number {
    const id = this.data.nextId[kind];
    this.data.nextId[kind] = id + 1;
    return id;
  }

  job(id: number): StoredJob | undefined {
    return this.data.jobs.find((j) => j.id === id);
  }

  jobByName(projectName: string, name: string): StoredJob | undefined {
    return this.data.jobs.find((j) => j.projectName === projectName && j.name === name);
  }

  versionsOf(jobId: number): StoredVersion[] {
    return this.data.versions.filter((v) => v.jobId === jobId);
  }

  /** `getLatestJobVersion`: the greatest version id. */
  latestVersion(jobId: number): StoredVersion | undefined {
    let best: StoredVersion | undefined;
    for (const v of this.data.versions) if (v.jobId === jobId && (!best || v.id > best.id)) best = v;
    return best;
  }

  versionByName(jobId: number, version: string): StoredVersion | undefined {
    return this.data.versions.find((v) => v.jobId === jobId && v.version === version);
  }

  /** `getLatestByJobId`: the greatest task id. */
  latestTask(jobId: number): StoredTask | undefined {
    let best: StoredTask | undefined;
    for (const t of this.data.tasks) if (t.jobId === jobId && (!best || t.id > best.id)) best = t;
    return best;
  }

  /** Every task of the job, oldest first. */
  tasksOf(jobId: number): StoredTask[] {
    return this.data.tasks.filter((t) => t.jobId === jobId).sort((a, b) => a.id - b.id);
  }

  task(id: number): StoredTask | undefined {
    return this.data.tasks.find((t) => t.id === id);
  }

  zipPath(version: StoredVersion): string | undefined {
    return version.zip ? path.join(this.folder, version.zip) : undefined;
  }
}
