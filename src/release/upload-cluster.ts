import { setTimeout as sleep } from 'node:timers/promises';
import { InterruptedError, errorMessage } from '../errors.js';
import { nextDelay, type RetryPolicy } from '../streamis/backoff.js';
import type { GeneratedFile, StreamisClient } from '../streamis/index.js';
import { classifyUploadFailure, landed, mayHaveLanded, sameMd5Differently, unchangedReason, type WantedSource } from './idempotency.js';
import { readLatest, readLatestOf, type LatestVersion } from '../deployed/latest-version.js';
import type { ClusterProgress, ClusterResult } from './types.js';

/**
 * One cluster of a release: look first (already landed under this release id? unchanged?), then
 * upload the rendered zip, retrying with backoff, and before every retry look again whether the
 * version landed, so a release never creates two versions on one cluster. Returns the outcome as
 * a value; never throws for anything a cluster can do.
 */

export interface ClusterUpload {
  client: StreamisClient;
  project: string;
  job: string;
  releaseId: string;
  /** The zip for this cluster (on disk, or generated while sent) and the name the server sees. */
  file: string | GeneratedFile;
  fileName: string;
  /** md5 of the bytes sent, once known (a generated zip's is known after a whole pass). */
  renderedMd5(): string | undefined;
  source: string;
  wanted: WantedSource;
  /**
   * Asked only when the latest version already has this package: why it must be uploaded anyway
   * (a variable resolves differently there now), or undefined when it is unchanged.
   */
  variableDrift?(latest: LatestVersion): Promise<string | undefined>;
  force: boolean;
  retries: RetryPolicy;
  /** How long to keep looking for a version whose upload answer was lost, before uploading again. */
  settleMs: number;
  signal: AbortSignal;
  onProgress(progress: ClusterProgress): void;
}

export async function uploadToCluster(u: ClusterUpload): Promise<ClusterResult> {
  const cluster = u.client.cluster;
  // Read at each outcome: a generated zip's md5 is known only once it was sent whole.
  const base = () => {
    const renderedMd5 = u.renderedMd5();
    return { cluster, ...(renderedMd5 ? { renderedMd5 } : {}) };
  };
  try {
    u.onProgress({ phase: 'checking' });
    const before = await readLatest(u.client, u.project, u.job);
    if (landed(before, u.releaseId)) return { ...base(), outcome: 'uploaded', ...where(before), note: 'landed earlier in this release' };
    const unchanged = u.force ? undefined : unchangedReason(before, u.wanted);
    const drift = unchanged ? await u.variableDrift?.(before) : undefined;
    if (unchanged && !drift) return { ...base(), outcome: 'unchanged', ...where(before), note: unchanged };
    const note = drift ? `${drift}: uploaded again` : (sameMd5Differently(before, u.wanted) ?? (u.force && unchangedReason(before, u.wanted) ? 'uploaded again (--force)' : undefined));

    for (let retry = 0; ; retry++) {
      try {
        const { jobId } = await u.client.upload({
          file: u.file,
          fileName: u.fileName,
          projectName: u.project,
          source: u.source,
          signal: u.signal,
          onProgress: (sent, total) => u.onProgress({ phase: 'uploading', sent, total }),
        });
        const version = await versionAfterUpload(u, jobId);
        return { ...base(), outcome: 'uploaded', jobId, ...(version ? { version } : {}), ...(note ? { note } : {}) };
      } catch (error) {
        if (isInterrupt(error, u.signal)) throw error;
        const delay = classifyUploadFailure(error) === 'retry' ? nextDelay(retry, u.retries, undefined) : undefined;
        const reason = errorMessage(error);
        if (delay === undefined) {
          // Out of tries or refused: if the answer was lost, the version may still be there.
          if (mayHaveLanded(error)) {
            const check = await settledCheck(u, before, reason);
            if (check.landed) return { ...base(), outcome: 'uploaded', ...where(check.latest), note: 'the answer was lost; the version had landed' };
            if (check.unknown) return { ...base(), outcome: 'failed', error: `${reason}; ${check.unknown}` };
          }
          return { ...base(), outcome: 'failed', error: reason };
        }
        u.onProgress({ phase: 'retrying', retry: retry + 1, retries: u.retries.attempts, delayMs: delay, reason });
        await sleep(delay, undefined, { signal: u.signal });
        const check = mayHaveLanded(error) ? await settledCheck(u, before, reason) : await landedCheck(u, before, reason);
        if (check.landed) return { ...base(), outcome: 'uploaded', ...where(check.latest), note: 'the answer was lost; the version had landed' };
        // Never upload blindly: if we cannot tell whether it landed, stop here (resume looks again).
        if (check.unknown) return { ...base(), outcome: 'failed', error: `${reason}; ${check.unknown}` };
      }
    }
  } catch (error) {
    if (isInterrupt(error, u.signal)) return { ...base(), outcome: 'interrupted', error: 'interrupted (Ctrl-C); the upload in flight may or may not have landed: --resume looks first' };
    return { ...base(), outcome: 'failed', error: errorMessage(error) };
  }
}

type LandedCheck = { landed: true; latest: LatestVersion } | { landed: false; unknown?: string };

const SETTLE_LOOK_MS = 2_000;

/**
 * After an answer was lost (timeout, dropped connection, 5xx from the gateway) the server may
 * still be storing the upload: a version that is not there yet may appear seconds later. Look
 * again until it does, or until the settle window has passed; only then is another upload safe.
 */
async function settledCheck(u: ClusterUpload, before: LatestVersion, reason: string): Promise<LandedCheck> {
  const deadline = Date.now() + u.settleMs;
  for (;;) {
    const check = await landedCheck(u, before, reason);
    const left = deadline - Date.now();
    if (check.landed || check.unknown || left <= 0) return check;
    await sleep(Math.min(SETTLE_LOOK_MS, left), undefined, { signal: u.signal });
  }
}

async function landedCheck(u: ClusterUpload, before: LatestVersion, reason: string): Promise<LandedCheck> {
  u.onProgress({ phase: 'verifying', reason });
  try {
    const latest = await readLatest(u.client, u.project, u.job);
    if (landed(latest, u.releaseId)) return { landed: true, latest };
    if (!latest.exists || (before.exists && latest.version === before.version)) return { landed: false };
    // A new version whose source cannot be read may be ours: do not risk a second one.
    if (!latest.source) return { landed: false, unknown: `cannot tell whether the upload landed (${latest.sourceProblem ?? 'no source'}); not retrying` };
    return { landed: false };
  } catch (error) {
    if (isInterrupt(error, u.signal)) throw error;
    return { landed: false, unknown: `cannot tell whether the upload landed (${errorMessage(error)}); not retrying` };
  }
}

/** The version the upload created; the upload stands even when this read fails. */
async function versionAfterUpload(u: ClusterUpload, jobId: number): Promise<string | undefined> {
  try {
    const after = await readLatestOf(u.client, jobId, undefined);
    return after.exists ? after.version : undefined;
  } catch {
    return undefined;
  }
}

function where(latest: LatestVersion): { jobId?: number; version?: string } {
  if (!latest.exists) return {};
  return { jobId: latest.jobId, ...(latest.version ? { version: latest.version } : {}) };
}

function isInterrupt(error: unknown, signal: AbortSignal): boolean {
  return error instanceof InterruptedError || signal.aborted;
}
