import type { ErrorCode } from '../errors.js';

/**
 * The result model shared by check, launch, status, stop and snapshot: one JobResult per job of
 * the batch, with one record per cluster named in --clusters. Expected outcomes are values, not
 * exceptions; a job that did not end as asked carries a `failure` whose code decides its exit.
 */

export interface JobRef {
  project: string;
  job: string;
  /** Line in joblist.txt, when the job came from one. */
  line?: number;
}

export interface JobFailure {
  code: ErrorCode;
  /** Says what happened, where (cluster), and what to do; quotes the server where it spoke. */
  message: string;
  details?: unknown;
}

/** Every per-cluster record has an outcome word; the rest depends on the command. */
export interface ClusterRecord {
  outcome: string;
  /** The job's id on that cluster; absent when the job is not there. */
  jobId?: number;
  message?: string;
  [field: string]: unknown;
}

export interface JobResult<C extends ClusterRecord = ClusterRecord> {
  project: string;
  job: string;
  line?: number;
  /** The HA policy read from the clusters; null when it could not be read. */
  policy: string | null;
  /** What happened to the job as a whole (command-specific words, `not-run` when never tried). */
  outcome: string;
  clusters: Record<string, C>;
  /** One line on what was found or done (the consistency verdict, what runs where). */
  message?: string;
  failure?: JobFailure;
  /** Wall time of this job's steps. */
  elapsedMs: number;
  /** Keys of the command's own for the job's `--json` entry (a release's releaseId, md5, journal). */
  fields?: Record<string, unknown>;
}

export interface JobEvents {
  /** `lasting`: a detail to keep in view (printed once), while the cluster's work goes on. */
  progress?(ref: JobRef, cluster: string, text: string, done?: boolean, lasting?: boolean): void;
  /** The job's remaining steps cost the clusters little (waiting): let the next job begin. */
  releaseSlot?(): void;
}

export function jobName(ref: Pick<JobRef, 'project' | 'job'>): string {
  return `${ref.project}/${ref.job}`;
}

export function newResult<C extends ClusterRecord>(ref: JobRef): JobResult<C> {
  return { project: ref.project, job: ref.job, ...(ref.line === undefined ? {} : { line: ref.line }), policy: null, outcome: 'pending', clusters: {}, elapsedMs: 0 };
}
