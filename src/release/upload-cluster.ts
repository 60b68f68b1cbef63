import { setTimeout as sleep } from 'node:timers/promises';
import { InterruptedError, errorCodeOf, errorMessage } from '../errors.js';
import { nextDelay, type RetryPolicy } from '../streamis/backoff.js';
import { parseSource, type GeneratedFile, type LateField, type StreamisClient } from '../streamis/index.js';
import { findDuplicates, newerThan, type Duplicate } from './duplicates.js';
import { mayHaveActed } from '../streamis/outcome.js';
import { classifyUploadFailure, landed, sameMd5Differently, unchangedReason, type WantedSource } from './idempotency.js';
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
  /** The source record, or one completed once the bytes were sent (it carries their md5). */
  source: string | LateField;
  /** Read when deciding (the md5 is known then whenever needsMd5First said so) and after the upload. */
  wanted(): WantedSource;
  /** What the cluster held before the release, when the caller read it already. */
  before?: LatestVersion | undefined;
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
    const before = u.before ?? (await readLatest(u.client, u.project, u.job));
    if (landed(before, u.releaseId)) return { ...base(), outcome: 'uploaded', ...where(before), note: 'landed earlier in this release' };
    const unchanged = u.force ? undefined : unchangedReason(before, u.wanted());
    const drift = unchanged ? await u.variableDrift?.(before) : undefined;
    if (unchanged && !drift) return { ...base(), outcome: 'unchanged', ...where(before), note: unchanged };
    // Once uploaded, the md5 is known (the source record carried it).
    const noteOf = () => (drift ? `${drift}: uploaded again` : (sameMd5Differently(before, u.wanted()) ?? (u.force && unchangedReason(before, u.wanted()) ? 'uploaded again (--force)' : undefined)));

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
        const after = await afterUpload(u, jobId, before);
        const note = noteOf();
        return { ...base(), outcome: 'uploaded', jobId, ...(after.version ? { version: after.version } : {}), ...(note ? { note } : {}), ...withDuplicates(after.duplicates) };
      } catch (error) {
        if (isInterrupt(error, u.signal)) throw error;
        const delay = classifyUploadFailure(error) === 'retry' ? nextDelay(retry, u.retries, undefined) : undefined;
        const reason = errorMessage(error);
        if (delay === undefined) {
          // Out of tries or refused: if the answer was lost, the version may still be there.
          if (mayHaveActed(error)) {
            const check = await settledCheck(u, before, reason);
            if (check.landed) return { ...base(), outcome: 'uploaded', ...where(check.latest), note: 'the answer was lost; the version had landed' };
            if (check.unknown) return { ...base(), outcome: 'failed', error: `${reason}; ${check.unknown}` };
          }
          return { ...base(), outcome: 'failed', error: reason, errorCode: errorCodeOf(error) };
        }
        u.onProgress({ phase: 'retrying', retry: retry + 1, retries: u.retries.attempts, delayMs: delay, reason });
        await sleep(delay, undefined, { signal: u.signal });
        const check = mayHaveActed(error) ? await settledCheck(u, before, reason) : await landedCheck(u, before, reason);
        if (check.landed) return { ...base(), outcome: 'uploaded', ...where(check.latest), note: 'the answer was lost; the version had landed' };
        // Never upload blindly: if we cannot tell whether it landed, stop here (resume looks again).
        if (check.unknown) return { ...base(), outcome: 'failed', error: `${reason}; ${check.unknown}` };
      }
    }
  } catch (error) {
    if (isInterrupt(error, u.signal)) return { ...base(), outcome: 'interrupted', error: 'interrupted; the upload in flight may or may not have landed: --resume looks first' };
    return { ...base(), outcome: 'failed', error: errorMessage(error), errorCode: errorCodeOf(error) };
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
  const startedAt = Date.now();
  const deadline = startedAt + u.settleMs;
  for (;;) {
    const check = await landedCheck(u, before, reason, { startedAt, limitMs: u.settleMs });
    const left = deadline - Date.now();
    if (check.landed || check.unknown || left <= 0) return check;
    await sleep(Math.min(SETTLE_LOOK_MS, left), undefined, { signal: u.signal });
  }
}

async function landedCheck(u: ClusterUpload, before: LatestVersion, reason: string, clock = { startedAt: Date.now(), limitMs: 0 }): Promise<LandedCheck> {
  u.onProgress({ phase: 'verifying', reason, elapsedMs: Date.now() - clock.startedAt, limitMs: clock.limitMs });
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

/**
 * The cluster's latest version after the upload (the journal names it, never a stale one) and any
 * copy of this package that landed during the release besides its own: another machine's run of
 * the same package, or this release's own upload answered too late. The upload stands even when
 * these reads fail.
 */
async function afterUpload(u: ClusterUpload, jobId: number, before: LatestVersion): Promise<{ version?: string; duplicates: Duplicate[] }> {
  try {
    const jobType = before.exists ? before.jobType : undefined;
    const latest = await readLatestOf(u.client, jobId, jobType);
    if (!latest.exists) return { duplicates: [] };
    const page = await u.client.versions(jobId, { pageNow: 1, pageSize: VERSIONS_LOOKED_AT });
    const landed = newerThan(page.versions, before.exists ? before.version : undefined);
    if (landed.length <= 1) return { ...(latest.version ? { version: latest.version } : {}), duplicates: [] };
    const withSources = await Promise.all(
      landed.map(async (v) => ({ version: v.version, source: v.version === latest.version ? latest.source : await olderSource(u.client, jobId, latest.jobType, v.version) })),
    );
    const ours = withSources.filter((v) => v.source?.releaseId === u.releaseId).map((v) => v.version);
    const own = latest.version !== undefined && ours.includes(latest.version) ? latest.version : ours.at(-1);
    return { ...(latest.version ? { version: latest.version } : {}), duplicates: findDuplicates(withSources, own, { md5: u.wanted().md5, releaseId: u.releaseId }) };
  } catch {
    return { duplicates: [] };
  }
}

/** More versions than this landing within one release is not a race but a loop. */
const VERSIONS_LOOKED_AT = 20;

/** Only a jar job's older versions have a readable source (job/jobContent); a sql job's do not. */
async function olderSource(client: StreamisClient, jobId: number, jobType: string | undefined, version: string) {
  if (jobType !== 'flink.jar') return undefined;
  const parsed = parseSource((await client.jobContent(jobId, version)).jobContent?.source as string | undefined);
  return parsed.ok ? parsed.record : undefined;
}

function withDuplicates(duplicates: Duplicate[]): { duplicates?: Duplicate[] } {
  return duplicates.length > 0 ? { duplicates } : {};
}

function where(latest: LatestVersion): { jobId?: number; version?: string } {
  if (!latest.exists) return {};
  return { jobId: latest.jobId, ...(latest.version ? { version: latest.version } : {}) };
}

function isInterrupt(error: unknown, signal: AbortSignal): boolean {
  return error instanceof InterruptedError || signal.aborted;
}
