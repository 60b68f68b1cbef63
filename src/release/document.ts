import { EXIT } from '../errors.js';
import { problemJson } from '../package/problem-text.js';
import type { ClusterResult, Refusal, ReleaseReport, ReleaseResult } from './types.js';

/**
 * The `--json` document of `stms release` and its exit code, built without side effects (like
 * taze's getJsonOutput): `{ ok, releaseId, md5, policy, project, job, journal, clusters }`, plus
 * `problems` when the package is invalid and `error: {code, message}` on failure.
 */

export interface ReleaseVerdict {
  exitCode: number;
  document: Record<string, unknown>;
}

export function releaseVerdict(result: ReleaseResult, packageArg: string): ReleaseVerdict {
  if (result.kind === 'refused') return refusalVerdict(result.refusal);
  const r = result.report;
  const failed = r.notDone.filter((c) => r.clusters[c]?.outcome === 'failed');
  const next = nextStep(r, packageArg);
  const error = r.interrupted
    ? { code: 'INTERRUPTED', message: `release ${r.releaseId} interrupted: ${doneText(r)}; ${next}` }
    : failed.length > 0
      ? { code: 'REMOTE', message: `release ${r.releaseId} failed on ${failed.join(', ')}: ${doneText(r)}; ${next}` }
      : undefined;
  return {
    exitCode: r.interrupted ? EXIT.INTERRUPTED : failed.length > 0 ? EXIT.REMOTE : EXIT.OK,
    document: {
      ok: error === undefined,
      releaseId: r.releaseId,
      md5: r.md5,
      policy: r.policy,
      project: r.project,
      job: r.job,
      package: r.packageName,
      resumed: r.resumed,
      journal: r.journalPath,
      clusters: Object.fromEntries(Object.entries(r.clusters).map(([name, c]) => [name, clusterJson(c)])),
      ...(error ? { error } : {}),
    },
  };
}

export function refusalVerdict(refusal: Refusal): ReleaseVerdict {
  return {
    exitCode: refusal.code === 'PACKAGE_INVALID' ? EXIT.PACKAGE : EXIT.POLICY,
    document: {
      ok: false,
      releaseId: null,
      md5: null,
      policy: refusal.policy ?? null,
      project: refusal.project ?? null,
      job: refusal.job ?? null,
      journal: null,
      clusters: {},
      ...(refusal.problems ? { problems: refusal.problems.map(problemJson) } : {}),
      error: { code: refusal.code, message: refusal.message, ...(refusal.reasons ? { details: { reasons: refusal.reasons } } : {}) },
    },
  };
}

export function clusterJson(c: ClusterResult): Record<string, unknown> {
  return {
    outcome: c.outcome,
    jobId: c.jobId ?? null,
    version: c.version ?? null,
    ...(c.renderedMd5 ? { renderedMd5: c.renderedMd5 } : {}),
    ...(c.note ? { note: c.note } : {}),
    ...(c.error ? { error: c.error } : {}),
    ...(c.duplicates ? { duplicates: c.duplicates } : {}),
  };
}

/** The command that finishes a partial release; the package as the user named it. */
export function resumeCommand(r: Pick<ReleaseReport, 'releaseId' | 'targets'>, packageArg: string): string {
  const shown = /^[A-Za-z0-9_./:@%+=,-]+$/.test(packageArg) ? packageArg : `'${packageArg.replace(/'/g, `'\\''`)}'`;
  return `stms release ${shown} --clusters ${r.targets.join(',')} --resume ${r.releaseId}`;
}

/**
 * What to do about a release that did not finish: a partial one is finished with --resume; one
 * that left the package nowhere is not partial, and is simply run again.
 */
export function nextStep(r: Pick<ReleaseReport, 'releaseId' | 'targets' | 'done'>, packageArg: string): string {
  return r.done.length > 0 ? `finish with ${resumeCommand(r, packageArg)}` : 'nothing was uploaded: run the release again';
}

function doneText(r: ReleaseReport): string {
  return r.done.length > 0 ? `${r.done.join(', ')} ${r.done.length === 1 ? 'has' : 'have'} the package, ${r.notDone.join(', ')} not` : `no cluster has the package`;
}
