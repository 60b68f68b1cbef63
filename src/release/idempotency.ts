import { RemoteError } from '../errors.js';
import { isRetryableStatus } from '../streamis/backoff.js';
import type { LatestVersion } from '../deployed/latest-version.js';

/**
 * The rules that keep a release idempotent (docs/concepts.md "Behaviour"), as pure functions of what a
 * cluster answered: when an upload is unnecessary, when an upload whose answer was lost has in
 * fact landed, and which failures are worth another try.
 */

export interface WantedSource {
  md5: string;
  deployUser: string;
  pkgName: string;
}

/**
 * Unchanged: the latest version already carries this package. The consistency check compares md5,
 * deployUser and pkgName across clusters, so all three must match: skipping a cluster whose latest
 * version has the same md5 but another deploy user would leave the clusters disagreeing.
 */
export function unchangedReason(latest: LatestVersion, wanted: WantedSource): string | undefined {
  if (!latest.exists || !latest.source) return undefined;
  const s = latest.source;
  if (s.md5 !== wanted.md5 || s.deployUser !== wanted.deployUser || s.pkgName !== wanted.pkgName) return undefined;
  return `${latest.version ?? 'the latest version'} already has md5 ${wanted.md5} from ${wanted.deployUser}`;
}

/** The same md5 but another deploy user or package name: uploaded again, and said why. */
export function sameMd5Differently(latest: LatestVersion, wanted: WantedSource): string | undefined {
  if (!latest.exists || !latest.source || latest.source.md5 !== wanted.md5) return undefined;
  const diffs: string[] = [];
  if (latest.source.deployUser !== wanted.deployUser) diffs.push(`deployUser ${latest.source.deployUser ?? '(none)'}`);
  if (latest.source.pkgName !== wanted.pkgName) diffs.push(`pkgName ${latest.source.pkgName ?? '(none)'}`);
  return diffs.length > 0 ? `same md5 on ${latest.version ?? 'the latest version'} but ${diffs.join(', ')}: uploaded again so the clusters agree` : undefined;
}

/** True when the latest version is the one this release uploaded (its source carries the id). */
export function landed(latest: LatestVersion, releaseId: string): boolean {
  return latest.exists && latest.source?.releaseId === releaseId;
}

export type FailureClass = 'final' | 'retry';

/**
 * A refusal by the server (an envelope with a non-zero status, a 4xx that is not a Linkis message)
 * is final; 429, 5xx and transport failures may be retried, except for a bad certificate or an
 * unknown host name, which another try does not fix. Failures of our own (the file) are final.
 */
export function classifyUploadFailure(error: unknown): FailureClass {
  if (!(error instanceof RemoteError)) return 'final';
  if (error.status !== undefined) return 'final';
  if (error.httpStatus !== undefined) return isRetryableStatus(error.httpStatus) ? 'retry' : 'final';
  const network = (error.details as { network?: string } | undefined)?.network;
  return network === 'tls' || network === 'dns' ? 'final' : 'retry';
}


/**
 * Whether deciding this cluster needs the package's md5 before anything is sent: only when its
 * latest version may be this very package (same deploy user and name, not this release's own, not
 * --force). Otherwise the md5 can be computed while the bytes go out.
 */
export function needsMd5First(latest: LatestVersion, wanted: Omit<WantedSource, 'md5'>, releaseId: string, force: boolean): boolean {
  if (force || !latest.exists || !latest.source || landed(latest, releaseId)) return false;
  return latest.source.deployUser === wanted.deployUser && latest.source.pkgName === wanted.pkgName;
}
